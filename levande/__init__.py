"""The ``levande`` command: the one entry point that composes etl, indicators and dashboard."""
