"""The ``levande`` command: the one entry point that composes etl, indicators and dashboard."""

from levande.cli.commands import main

__all__ = ["main"]
