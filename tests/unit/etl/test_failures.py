"""Every exception a step can end with maps to one failure kind, in one place."""

from __future__ import annotations

import pytest

from levande.etl.boundaries import BoundaryError
from levande.etl.failures import failure_of, no_result, not_attempted
from levande.etl.jobs import JobError
from levande.etl.regions import RegionsError
from levande.etl.sources.http import SourceError, SourceStatusError, SourceUnreachableError
from levande.indicators.core.failures import (
    FailureCause,
    FailureKind,
    StepFailure,
    recorded_failure,
)

URL = "http://127.0.0.1:9/v3/kpi"


@pytest.mark.parametrize(
    ("error", "kind", "cause", "status"),
    [
        (
            SourceUnreachableError("kolada", URL, None, "connection broke", attempts=3,
                                   cause=FailureCause.BROKEN),
            FailureKind.UNREACHABLE, FailureCause.BROKEN, None,
        ),
        (
            SourceStatusError("kolada", URL, 503, "HTTP 503 Service Unavailable", attempts=3),
            FailureKind.HTTP, FailureCause.STATUS, 503,
        ),
        (
            SourceError("kolada", URL, 200, "malformed JSON at line 1", attempts=3),
            FailureKind.DATA, FailureCause.CONTENT, None,
        ),
    ],
)  # fmt: skip
def test_source_errors_keep_their_message_and_carry_their_kind_and_facts(
    error: SourceError, kind: FailureKind, cause: FailureCause, status: int | None
) -> None:
    failure = failure_of(error)
    assert failure == StepFailure(
        kind,
        f"kolada: {error.reason} [{URL}]",
        error.reason,
        source="kolada",
        cause=cause,
        status=status,
        attempts=3,
    )
    # What the run log keeps reads back as the same failure.
    assert recorded_failure(kind.value, failure.message, failure.detail, failure.facts()) == failure


@pytest.mark.parametrize(
    "facts",
    [None, {}, {"cause": "a-cause-of-a-newer-release", "attempts": "3"}, {"source": 7}],
)
def test_facts_missing_or_of_the_wrong_type_read_as_unknown(facts: object) -> None:
    failure = recorded_failure("http", "kolada: HTTP 503", None, facts)  # type: ignore[arg-type]
    assert (failure.source, failure.cause, failure.status, failure.attempts) == (None,) * 4


@pytest.mark.parametrize(
    "error",
    [
        JobError("KPI N07907 no longer exists in Kolada"),
        BoundaryError("lan boundaries do not match the regions (missing 1: 03)"),
        RegionsError("Kolada's municipality list has no 0000 (Riket)"),
    ],
)
def test_what_does_not_fit_is_data(error: Exception) -> None:
    assert failure_of(error) == StepFailure(FailureKind.DATA, str(error))


def test_anything_else_is_a_bug_with_its_traceback() -> None:
    def parse() -> None:
        {"values": []}["value"]

    try:
        parse()
    except KeyError as exc:
        failure = failure_of(exc)
    assert (failure.kind, failure.message) == (FailureKind.BUG, "KeyError: 'value'")
    assert failure.detail is not None
    assert "in parse" in failure.detail and failure.detail.endswith("KeyError: 'value'")
    assert no_result().kind is FailureKind.BUG


def test_a_step_not_attempted_names_its_source_and_why() -> None:
    failure = not_attempted("scb", "timed out: no answer within 60 s")
    assert failure == StepFailure(
        FailureKind.SKIPPED,
        "not attempted: scb could not be reached in this run (timed out: no answer within 60 s)",
        "timed out: no answer within 60 s",
        source="scb",
    )
