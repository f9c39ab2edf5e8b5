"""The core of levande-stader: catalogue, schema, queries and the status method.

Knows nothing of HTTP or Dash; `etl` writes through it and `dashboard` reads through it.
"""
