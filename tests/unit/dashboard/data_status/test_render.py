"""The data-status page drawn from hand-made data: sources' health and indicators' freshness."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from levande.dashboard.data_status.data import DataStatusData, DataStatusParams, Freshness
from levande.dashboard.data_status.render import publication_text, render_data_status
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

GONE = StepFailure(
    FailureKind.HTTP,
    "boundaries: HTTP 404 Not Found [http://10.0.0.7/geo/kommuner.geojson]",
    "HTTP 404 Not Found",
    source="boundaries",
    cause=FailureCause.STATUS,
    status=404,
    attempts=1,
)
SOURCES = [
    {"source": "kolada", "healthy": True, "last_success_at": samples.FETCHED,
     "last_failure_at": None, "last_error": None, "last_failure": None},
    {"source": "boundaries", "healthy": False, "last_success_at": None,
     "last_failure_at": samples.FETCHED, "last_error": GONE.message, "last_failure": GONE},
]  # fmt: skip
FRAME = pd.DataFrame(
    [
        {"indicator_id": "trangboddhet", "source": "kolada", "source_id": "N07907",
         "source_published": pd.NaT, "last_success_at": samples.FETCHED,
         "next_refresh": pd.NaT, "observations": 120, "stale": False, "stale_reasons": [],
         "max_age_hours": 30.0},
        {"indicator_id": "folkmangd", "source": "scb", "source_id": "BE0101",
         "source_published": samples.FETCHED, "last_success_at": samples.FETCHED,
         "next_refresh": pd.NaT, "observations": 40, "stale": True,
         "stale_reasons": ["source_newer", "refresh_overdue"], "max_age_hours": 30.0},
    ]
)  # fmt: skip
TITLES = {"trangboddhet": "Trångboddhet", "folkmangd": "Folkmängd"}


def _data(only_stale: bool = False) -> DataStatusData:
    return DataStatusData(DataStatusParams("sv", only_stale), SOURCES, Freshness(FRAME, TITLES))


def test_sources_health_in_words() -> None:
    table = find(render_data_status(_data()).children, "source-health")
    rows = [text(r) for r in of_type(table, "Tr")][1:]
    assert rows[0].startswith("Kolada ✓ Fungerar 2026-03-01 07:00 aldrig")
    assert rows[1].startswith("Kommun- och länsgränser")
    assert "✗ Fel vid senaste hämtningen" in rows[1]
    assert rows[1].endswith(
        "Kommun- och länsgränser svarade med ett fel (det efterfrågade finns inte)"
    )
    assert "http://" not in text(table) and "Not Found" not in text(table)


def test_stale_indicators_say_why_and_can_be_shown_alone() -> None:
    page = render_data_status(_data())
    table = find(page.children, "indicator-freshness")
    words = text(table)
    assert "Aktualitet per indikator: 1 av 2 inaktuella" in words
    assert "källan har nyare data; ingen lyckad hämtning inom 30 timmar" in words
    assert "aldrig" in words  # no next refresh planned
    only = find(render_data_status(_data(only_stale=True)).children, "indicator-freshness")
    assert "Trångboddhet" not in text(only) and "Folkmängd" in text(only)
    toggle = find(page.children, "stale-toggle")
    assert toggle.href == "/data?stale=1" and toggle.children == "Visa bara inaktuella"


def test_without_a_catalogue_only_the_sources_are_said_missing() -> None:
    page = render_data_status(DataStatusData(DataStatusParams("en"), None, None))
    assert "The goal could not be read from the catalogue." in text(page.children)
    assert not has_id(page.children, "indicator-freshness")
    assert (page.title, page.lang) == ("Data status", "en")


NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        (datetime(2026, 2, 24, tzinfo=UTC), "sv", "publicerad 2026-02-24"),
        (datetime(2027, 2, 24, tzinfo=UTC), "sv", "nästa publicering (planerad) 2027-02-24"),
        (datetime(2027, 2, 24, tzinfo=UTC), "en", "next publication (planned) 2027-02-24"),
        (datetime(2026, 3, 1, 7, 0, tzinfo=UTC), "en", "published 2026-03-01 08:00"),
        (pd.NaT, "sv", "okänt"),
        (None, "en", "unknown"),
    ],
)
def test_a_planned_publication_is_not_called_published(
    stamp: datetime | None, lang: str, expected: str
) -> None:
    assert publication_text(stamp, NOW, lang) == expected


def test_publication_column_reads_past_and_planned() -> None:
    frame = FRAME.assign(source_published=[datetime(2027, 5, 4, tzinfo=UTC), samples.FETCHED])
    data = DataStatusData(DataStatusParams("sv"), SOURCES, Freshness(frame, TITLES, NOW))
    words = text(find(render_data_status(data).children, "indicator-freshness"))
    assert "nästa publicering (planerad) 2027-05-04" in words
    assert "publicerad 2026-03-01 07:00" in words


def test_the_public_sees_the_schedule_without_run_now() -> None:
    from levande.indicators.core.catalogue import ScheduleJob

    job = {"job": ScheduleJob(id="kolada-nightly", job="kolada", cron="15 3 * * *"),
           "next_run": samples.FETCHED, "last_run_id": None, "last_started_at": None,
           "last_outcome": None}  # fmt: skip
    data = DataStatusData(
        DataStatusParams("sv"), SOURCES, Freshness(FRAME, TITLES), schedule=(job,)
    )
    table = find(render_data_status(data).children, "schedule")
    assert "kolada-nightly Kolada varje natt 03:15 2026-03-01 07:00 aldrig" in text(table)
    assert not of_type(table, "Form")
