"""The core of levande-stader, ``levande.indicators``: catalogue, database and reads.

- ``core``: pure (vocabulary, catalogue models and checks, status method, ranking, settings);
- ``store``: the database (schema, migrations, writes, catalogue copy, run log);
- ``reads``: what pages and exports read.

Knows nothing of HTTP or Dash; ``levande.etl`` writes through ``store`` and
``levande.dashboard`` reads through ``reads``.
"""
