"""The pure core: vocabulary, the catalogue model and its checks, the status method, ranking.

Imports nothing else of levande: everything here can be tested without a database.
"""
