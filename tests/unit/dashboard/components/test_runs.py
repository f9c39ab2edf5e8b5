"""Failures, outcomes and triggers in plain words, in Swedish and English."""

from __future__ import annotations

import pytest

from levande.dashboard.components.runs import duration_text, plain_failure, trigger_text, word
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure

URL = "http://10.1.2.3:8080/v3/data/kpi/N07907?from_date=2026-11-28"


def _failure(kind: FailureKind, **facts: object) -> StepFailure:
    message = f"kolada: connection broke (3 attempts): ('Connection aborted.') [{URL}]"
    return StepFailure(kind, message, "connection broke", **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("failure", "sv", "en"),
    [
        (
            _failure(FailureKind.UNREACHABLE, source="kolada", cause=FailureCause.BROKEN,
                     attempts=3),
            "Kolada svarade inte (anslutningen bröts) efter 3 försök",
            "Kolada did not answer (the connection broke) after 3 attempts",
        ),
        (
            _failure(FailureKind.UNREACHABLE, source="scb", cause=FailureCause.TIMEOUT,
                     attempts=1),
            "SCB svarade inte (inget svar i tid)",
            "SCB did not answer (no answer in time)",
        ),
        (
            _failure(FailureKind.UNREACHABLE, source="kolada", cause=FailureCause.NAME),
            "Kolada svarade inte (adressen kunde inte slås upp)",
            "Kolada did not answer (its address could not be looked up)",
        ),
        (
            _failure(FailureKind.HTTP, source="scb", cause=FailureCause.STATUS, status=503,
                     attempts=6),
            "SCB svarade med ett fel (fel hos källan, HTTP 503) efter 6 försök",
            "SCB answered with an error (a fault at the source, HTTP 503) after 6 attempts",
        ),
        (
            _failure(FailureKind.HTTP, source="scb", cause=FailureCause.STATUS, status=429,
                     attempts=6),
            "SCB svarade med ett fel (för många förfrågningar) efter 6 försök",
            "SCB answered with an error (too many requests) after 6 attempts",
        ),
        (
            _failure(FailureKind.HTTP, source="kolada", cause=FailureCause.STATUS, status=400),
            "Kolada svarade med ett fel (HTTP 400)",
            "Kolada answered with an error (HTTP 400)",
        ),
        (
            _failure(FailureKind.DATA, source="kolada", cause=FailureCause.TRUNCATED),
            "Kolada svarade, men svaret gick inte att använda (svaret var ofullständigt)",
            "Kolada answered, but the answer could not be used (the answer was incomplete)",
        ),
        (
            _failure(FailureKind.DATA, source="scb"),
            "Uppgifterna från SCB stämmer inte längre med katalogen",
            "The data from SCB no longer matches the catalogue",
        ),
        (
            _failure(FailureKind.BUG, source="scb"),
            "Ett oväntat fel i hämtningen; driften behöver undersöka det",
            "An unexpected error in the refresh; operations need to look into it",
        ),
        (
            _failure(FailureKind.SKIPPED, source="kolada"),
            "Inte försökt: Kolada gick inte att nå tidigare i körningen",
            "Not attempted: Kolada could not be reached earlier in this run",
        ),
        (
            _failure(FailureKind.UNREACHABLE),
            "Källan svarade inte",
            "The source did not answer",
        ),
    ],
)  # fmt: skip
def test_each_failure_is_one_plain_sentence(failure: StepFailure, sv: str, en: str) -> None:
    assert plain_failure(failure, "sv") == sv
    assert plain_failure(failure, "en") == en


@pytest.mark.parametrize("kind", list(FailureKind))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_sentence_quotes_the_message(kind: FailureKind, lang: str) -> None:
    sentence = plain_failure(_failure(kind, source="kolada", cause=FailureCause.BROKEN), lang)
    for leak in ("http", "10.1.2.3", "Connection aborted", "[", "LEVANDE_"):
        assert leak not in sentence


@pytest.mark.parametrize(
    ("trigger", "sv", "en"),
    [
        ("cli", "kommandoraden", "the command line"),
        ("operator", "en operatör", "an operator"),
        ("up", "uppstarten", "start-up"),
        ("scheduler:kolada-nightly", "schemat (kolada-nightly)", "the schedule (kolada-nightly)"),
        ("cron-on-host-7", "cron-on-host-7", "cron-on-host-7"),
    ],
)
def test_triggers_in_words(trigger: str, sv: str, en: str) -> None:
    assert (trigger_text(trigger, "sv"), trigger_text(trigger, "en")) == (sv, en)


def test_outcomes_and_durations_in_words() -> None:
    assert [word("outcome", o, "sv") for o in ("success", "partial", "failed", "aborted")] == [
        "lyckad", "delvis lyckad", "misslyckad", "avbruten",
    ]  # fmt: skip
    assert word("outcome", "skipped", "en") == "nothing new"
    assert duration_text(4.25, "sv") == "4,3 s" and duration_text(185, "en") == "3 min 5 s"
    assert duration_text(None, "en") == ""
