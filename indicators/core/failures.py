"""Why a step of a refresh failed, as a small typed vocabulary.

The ETL records a failure with its kind; the run log stores the kind next to the message; the
command line and the operator pages decide how to show a failure from its kind. No reader ever
has to recognise a failure by the wording of its message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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


class FailureCause(StrEnum):
    """What exactly went wrong within a kind, so that a page can say it in plain words.

    The values are stored in the run log (``etl_run_item.error_facts``): never rename one.
    """

    NAME = "name"
    """The source's host name could not be looked up (no network, or a wrong address)."""
    REFUSED = "refused"
    """The source refused the connection."""
    TIMEOUT = "timeout"
    """No answer came within the time allowed."""
    BROKEN = "broken"
    """The connection broke before the answer was complete."""
    CONNECTION = "connection"
    """The connection failed in some other way."""
    STATUS = "status"
    """The source answered with an error status."""
    CUT_SHORT = "cut_short"
    """The answer's body stopped before its end."""
    EMPTY = "empty"
    """The answer was empty where data was expected."""
    ENCODING = "encoding"
    """The answer was not in the expected character encoding."""
    TRUNCATED = "truncated"
    """The answer's JSON stops in the middle of the document."""
    MALFORMED = "malformed"
    """The answer's JSON is broken."""
    CONTENT = "content"
    """The answer is well formed but does not hold what the catalogue expects."""


def known_cause(value: object) -> FailureCause | None:
    """A stored cause, or ``None`` when absent or unknown (written by a newer process)."""
    try:
        return FailureCause(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class StepFailure:
    """How one step failed.

    Attributes:
        kind: What kind of failure it is; renderers decide on this alone.
        message: One line for operators, as the run log's ``error`` column keeps it.
        detail: What a reader may want beyond the message, or ``None``: the reason without
            the source and address for a source's failure, the traceback for a bug, the
            source's own reason for a skipped step.
        source: The source the step read (``kolada``, ``scb``, ``boundaries``), if known.
        cause: What exactly went wrong, if known; with ``status`` and ``attempts`` it lets
            a page say the failure in plain words in its own language.
        status: The HTTP status of an error answer.
        attempts: How many times the request was tried before giving up.
    """

    kind: FailureKind
    message: str
    detail: str | None = None
    source: str | None = None
    cause: FailureCause | None = None
    status: int | None = None
    attempts: int | None = None

    def facts(self) -> dict[str, Any] | None:
        """What the run log keeps beside the message (``error_facts``), or ``None``."""
        facts: dict[str, Any] = {
            "source": self.source,
            "cause": self.cause.value if self.cause is not None else None,
            "status": self.status,
            "attempts": self.attempts,
        }
        kept = {k: v for k, v in facts.items() if v is not None}
        return kept or None


def recorded_failure(
    kind: str | None,
    message: str | None,
    detail: str | None,
    facts: Mapping[str, Any] | None = None,
) -> StepFailure:
    """A failure as read back from the run log.

    Rows written before kinds were kept were given one by the migration that added the
    column; a row without a known kind (written by an older process still running) reads as
    :attr:`FailureKind.DATA`, the kind that asks nothing of the source summary and shows the
    message as it was written. Facts that are missing or of the wrong type read as unknown.
    """
    try:
        known = FailureKind(kind) if kind is not None else FailureKind.DATA
    except ValueError:
        known = FailureKind.DATA
    facts = facts if isinstance(facts, Mapping) else {}
    source, status, attempts = facts.get("source"), facts.get("status"), facts.get("attempts")
    return StepFailure(
        known,
        message or "failed",
        detail,
        source=source if isinstance(source, str) else None,
        cause=known_cause(facts.get("cause")),
        status=status if isinstance(status, int) else None,
        attempts=attempts if isinstance(attempts, int) else None,
    )
