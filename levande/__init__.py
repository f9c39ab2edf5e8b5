"""levande-stader: the follow-up of Sweden's strategy for living and safe cities.

One import namespace over the folders a reader sees first:

- ``levande.indicators`` (``indicators/``): the core (``core``), the database (``store``) and
  what pages read (``reads``);
- ``levande.etl`` (``etl/``): source clients, jobs and the scheduler, writing through the store;
- ``levande.dashboard`` (``dashboard/``): the Dash app, reading through ``reads``;
- ``levande.cli`` (``levande/cli``): the ``levande`` command, which composes them.

The default catalogue (``config/``) ships inside the package as data.
"""
