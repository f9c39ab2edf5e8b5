"""The refresh schedule in words, and its table for the public and for operators."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from levande.dashboard.components.schedule import cron_words, schedule_table
from levande.indicators.core.catalogue import ScheduleJob
from tests.unit.dashboard.tree import of_type, text


@pytest.mark.parametrize(
    ("cron", "sv", "en"),
    [
        ("15 3 * * *", "varje natt 03:15", "every night at 03:15"),
        ("15 2 * * *", "varje natt 02:15", "every night at 02:15"),
        ("0 18 * * *", "varje dag 18:00", "every day at 18:00"),
        ("0 18 * * 0-6", "varje dag 18:00", "every day at 18:00"),
        ("30 9 * * 1-5", "vardagar 09:30", "weekdays at 09:30"),
        ("30 9 * * mon-fri", "vardagar 09:30", "weekdays at 09:30"),
        ("0 10 * * 6,0", "helger 10:00", "weekends at 10:00"),
        ("0 3 * * 0", "söndagar 03:00", "Sundays at 03:00"),
        ("0 3 * * 7", "söndagar 03:00", "Sundays at 03:00"),
        ("0 6 * * 3,1,0", "måndagar, onsdagar och söndagar 06:00",
         "Mondays, Wednesdays and Sundays at 06:00"),
        ("30 3 1 * *", "den 1 varje månad 03:30", "on day 1 of every month at 03:30"),
        ("*/15 * * * *", "enligt cron-uttrycket */15 * * * *",
         "by the cron expression */15 * * * *"),
        ("0 3 1 6 *", "enligt cron-uttrycket 0 3 1 6 *", "by the cron expression 0 3 1 6 *"),
        ("0 3 1 * 1", "enligt cron-uttrycket 0 3 1 * 1", "by the cron expression 0 3 1 * 1"),
        ("0 3,15 * * *", "enligt cron-uttrycket 0 3,15 * * *",
         "by the cron expression 0 3,15 * * *"),
        ("0 3 * *", "enligt cron-uttrycket 0 3 * *", "by the cron expression 0 3 * *"),
    ],
)  # fmt: skip
def test_cron_in_words(cron: str, sv: str, en: str) -> None:
    assert (cron_words(cron, "sv"), cron_words(cron, "en")) == (sv, en)


JOBS = (
    {
        "job": ScheduleJob(id="kolada-nightly", job="kolada", cron="15 2 * * *"),
        "next_run": datetime(2026, 11, 30, 1, 15, tzinfo=UTC),
        "last_run_id": 41,
        "last_started_at": datetime(2026, 11, 29, 1, 15, tzinfo=UTC),
        "last_outcome": "partial",
    },
    {
        "job": ScheduleJob(id="status-nightly", job="status", cron="0 4 * * *"),
        "next_run": datetime(2026, 11, 30, 3, 0, tzinfo=UTC),
        "last_run_id": None,
        "last_started_at": None,
        "last_outcome": None,
    },
)


def test_the_public_sees_each_job_with_its_next_and_last_run() -> None:
    table = schedule_table(JOBS, "sv")
    rows = [text(r) for r in of_type(table, "Tr")][1:]
    assert rows[0].strip() == (
        "kolada-nightly Kolada varje natt 02:15 2026-11-30 02:15 2026-11-29 02:15, delvis lyckad"
    )
    assert (
        rows[1].strip() == "status-nightly statusberäkning varje natt 04:00 2026-11-30 04:00 aldrig"
    )
    assert of_type(table, "Link")[0].href == "/data/korning/41"
    assert not of_type(table, "Form")


def test_an_operator_can_run_each_job_now_but_the_status_step() -> None:
    table = schedule_table(JOBS, "en", csrf="csrf-value")
    forms = of_type(table, "Form")
    assert len(forms) == 1 and forms[0].action == "/operator/refresh"
    hidden = {i.name: i.value for i in of_type(forms[0], "Input")}
    assert hidden == {"target": "job:kolada-nightly", "csrf": "csrf-value", "lang": "en"}
    button = of_type(forms[0], "Button")[0]
    assert button.children == "Run now"
    assert getattr(button, "aria-label") == "Run kolada-nightly now"


def test_an_empty_schedule_says_so() -> None:
    assert text(schedule_table((), "en")) == "No refreshes are scheduled."
