"""The ``levande`` command run in this process with Typer's runner, as an operator would type it.

Each call sees only the ``LEVANDE_*`` variables it is given, and leaves the logging set-up of
the test process as it found it (every command configures the root logger).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator

import pytest
from typer.testing import CliRunner, Result

from levande.cli.commands import app

Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Iterator[Invoke]:
    """``cli("db", "upgrade", env={...})``: the command's result, stdout and stderr apart."""
    runner = CliRunner()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("alembic").level)

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        clean: dict[str, str | None] = {k: None for k in os.environ if k.startswith("LEVANDE_")}
        clean.update(env or {})
        try:
            return runner.invoke(app, list(args), env=clean)
        finally:
            root.handlers[:], root.level = saved[0], saved[1]
            logging.getLogger("alembic").setLevel(saved[2])

    yield invoke
