"""The failure vocabulary: which kinds are the source's fault, and reading recorded failures."""

from __future__ import annotations

import pytest

from levande.indicators.core.failures import FailureKind, StepFailure, recorded_failure


def test_the_stored_values_never_change() -> None:
    assert [k.value for k in FailureKind] == ["unreachable", "http", "data", "bug", "skipped"]


@pytest.mark.parametrize(
    ("kind", "sources_fault"),
    [
        (FailureKind.UNREACHABLE, True),
        (FailureKind.HTTP, True),
        (FailureKind.SKIPPED, True),
        (FailureKind.DATA, False),
        (FailureKind.BUG, False),
    ],
)
def test_which_failures_are_the_sources_fault(kind: FailureKind, sources_fault: bool) -> None:
    assert kind.is_sources_fault is sources_fault


def test_a_recorded_failure_reads_back_as_written() -> None:
    failure = recorded_failure("http", "kolada: HTTP 503 [u]", "HTTP 503")
    assert failure == StepFailure(FailureKind.HTTP, "kolada: HTTP 503 [u]", "HTTP 503")


@pytest.mark.parametrize("kind", [None, "teleported"])
def test_a_failure_without_a_known_kind_keeps_its_message(kind: str | None) -> None:
    failure = recorded_failure(kind, "KPI N07907 no longer exists in Kolada", None)
    assert failure == StepFailure(FailureKind.DATA, "KPI N07907 no longer exists in Kolada")
    assert recorded_failure(kind, None, None).message == "failed"


def test_failures_are_values() -> None:
    failure = StepFailure(FailureKind.BUG, "KeyError: 'x'")
    with pytest.raises(AttributeError):
        failure.kind = FailureKind.DATA  # type: ignore[misc]
    assert failure == StepFailure(FailureKind.BUG, "KeyError: 'x'", None)
