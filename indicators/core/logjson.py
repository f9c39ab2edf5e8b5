"""JSON log lines for log shippers; carries the ETL run id when a record has one."""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

CURRENT_RUN: ContextVar[int | None] = ContextVar("levande_run_id", default=None)
"""The ETL run this thread is working for; every log line written meanwhile carries it."""


class JsonFormatter(logging.Formatter):
    """Format each record as one JSON object with time, level, logger, message and run id."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        run_id = getattr(record, "run_id", None) or CURRENT_RUN.get()
        if run_id is not None:
            payload["run_id"] = run_id
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)
