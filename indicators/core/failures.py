"""Why a step of a refresh failed, as a small typed vocabulary.

The ETL records a failure with its kind; the run log stores the kind next to the message; the
command line and the operator pages decide how to show a failure from its kind. No reader ever
has to recognise a failure by the wording of its message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FailureKind(StrEnum):
    """What kind of failure ended a step.

    The values are stored in the run log (``etl_run_item.error_kind``): never rename one.
    """

    UNREACHABLE = "unreachable"
    """No answer came: the host was not found, refused the connection or timed out."""
    HTTP = "http"
    """The source answered with an error status (4xx, or 429 and 5xx after the retries)."""
    DATA = "data"
    """An answer came but cannot be used: a broken body, or content that no longer fits the
    catalogue (a KPI gone, a table's variables changed, boundaries that do not match)."""
    BUG = "bug"
    """Something the product did not foresee: an error in our own code."""
    SKIPPED = "skipped"
    """Not attempted: earlier steps found the step's source unreachable in this run."""

    @property
    def is_sources_fault(self) -> bool:
        """True when the source, not the step, is to blame: it is down or answers with errors.

        Such failures are summed up per source ("kolada could not be reached: 4 steps"),
        the others are shown one by one, since each says something about its own step.
        """
        return self in (FailureKind.UNREACHABLE, FailureKind.HTTP, FailureKind.SKIPPED)


@dataclass(frozen=True, slots=True)
class StepFailure:
    """How one step failed.

    Attributes:
        kind: What kind of failure it is; renderers decide on this alone.
        message: One line for operators, as the run log's ``error`` column keeps it.
        detail: What a reader may want beyond the message, or ``None``: the reason without
            the source and address for a source's failure, the traceback for a bug, the
            source's own reason for a skipped step.
    """

    kind: FailureKind
    message: str
    detail: str | None = None


def recorded_failure(kind: str | None, message: str | None, detail: str | None) -> StepFailure:
    """A failure as read back from the run log.

    Rows written before kinds were kept were given one by the migration that added the
    column; a row without a known kind (written by an older process still running) reads as
    :attr:`FailureKind.DATA`, the kind that asks nothing of the source summary and shows the
    message as it was written.
    """
    try:
        known = FailureKind(kind) if kind is not None else FailureKind.DATA
    except ValueError:
        known = FailureKind.DATA
    return StepFailure(known, message or "failed", detail)
