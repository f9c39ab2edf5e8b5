"""The ETL of levande-stader: source clients, jobs and the scheduler.

Fetches open statistics from SCB and Kolada and writes them through ``indicators``; it never
imports ``dashboard``.
"""
