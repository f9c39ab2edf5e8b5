"""The one place where the ETL's exceptions become typed step failures.

Source errors carry their kind on their class (``levande.etl.sources.http``); the jobs' own
errors say that what came does not fit; anything else is a bug. A step that was not attempted
because its source was down gets its failure here too, so that every failure the run log holds
was made by this module.
"""

from __future__ import annotations

import traceback

from levande.etl.boundaries import BoundaryError
from levande.etl.jobs import JobError
from levande.etl.regions import RegionsError
from levande.etl.sources.http import SourceError
from levande.indicators.core.failures import FailureKind, StepFailure

EXPECTED_ERRORS: tuple[type[Exception], ...] = (SourceError, JobError, BoundaryError, RegionsError)
"""Errors a step may end with in normal operation: logged as one line, without a traceback."""

_MAX_TRACEBACK_CHARS = 4000


def failure_of(exc: BaseException) -> StepFailure:
    """The typed failure of a step that raised ``exc``.

    The message is the one line the run log has always kept (``kolada: HTTP 503 … [url]`` for
    a source's failure); the detail is the bare reason of a source's failure, or the end of
    the traceback of a bug, so that operators see where it broke without the server's logs.
    """
    if isinstance(exc, SourceError):
        return StepFailure(
            exc.kind,
            str(exc),
            exc.reason,
            source=exc.source,
            cause=exc.cause,
            status=exc.status if exc.kind is FailureKind.HTTP else None,
            attempts=exc.attempts,
        )
    if isinstance(exc, EXPECTED_ERRORS):
        return StepFailure(FailureKind.DATA, str(exc))
    text = "".join(traceback.format_exception(exc)).strip()
    return StepFailure(
        FailureKind.BUG, f"{type(exc).__name__}: {exc}", text[-_MAX_TRACEBACK_CHARS:] or None
    )


def no_result() -> StepFailure:
    """A job that returned nothing: it should always return a result, so this is a bug."""
    return StepFailure(FailureKind.BUG, "no result")


def not_attempted(source: str, reason: str) -> StepFailure:
    """A step skipped because earlier steps found ``source`` unreachable for ``reason``."""
    return StepFailure(
        FailureKind.SKIPPED,
        f"not attempted: {source} could not be reached in this run ({reason})",
        reason,
        source=source,
    )
