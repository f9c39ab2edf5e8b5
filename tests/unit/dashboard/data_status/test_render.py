"""The data-status page drawn from hand-made data: sources' health and indicators' freshness."""

from __future__ import annotations

import pandas as pd

from levande.dashboard.data_status.data import DataStatusData, DataStatusParams, Freshness
from levande.dashboard.data_status.render import render_data_status
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

SOURCES = [
    {"source": "kolada", "healthy": True, "last_success_at": samples.FETCHED,
     "last_failure_at": None, "last_error": None},
    {"source": "boundaries", "healthy": False, "last_success_at": None,
     "last_failure_at": samples.FETCHED, "last_error": "HTTP 404"},
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
    assert "✗ Fel vid senaste hämtningen" in rows[1] and rows[1].endswith("HTTP 404")


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
