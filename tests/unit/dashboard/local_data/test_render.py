"""The local data page rendered from hand-made data: marking, compass, table, withheld scores."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
import pytest

from levande.dashboard.local_data.data import LocalPageData
from levande.dashboard.local_data.render import render_local
from levande.indicators.core.local_data import THEMES
from levande.indicators.reads.dimensions import RegionInfo
from levande.indicators.reads.local_data import VALUE_COLUMNS, DatasetVersion
from tests.unit.dashboard.tree import find, has_id, of_type, text

GAVLE = RegionInfo("2180", "Gävle", "kommun", "21", None, None)

VALUES = pd.read_csv(
    io.StringIO(
        """area_code,area_kind,area_name,period,item,value,respondents,unit,breakdown,breakdown_value,withheld
2180C1010,deso,Brynäs,2025-05-10,trygghet,3.1,30,,,,False
2180C1010,deso,Brynäs,2026-05-12,natur,5.9,41,,,,False
2180C1010,deso,Brynäs,2026-05-12,trygghet,3.4,41,,,,False
2180C1010,deso,Brynäs,2026-05-12,trygghet,2.9,22,,kön,kvinnor,False
2180R004,regso,Sätra,2026-05-12,trygghet,,9,,,,True
"""
    ),
    dtype={"area_code": str, "period": str},
)[VALUE_COLUMNS]


def _version(number: int, latest: bool) -> DatasetVersion:
    return DatasetVersion(
        "2180", "platskompassen", "platskompassen", "Platskompassen i Gävle", number,
        "Enkät och dialog.", 10, datetime(2026, 6, number, 8, tzinfo=UTC), "Gävle, analys",
        5, latest,
    )  # fmt: skip


def _rows(table: object) -> list[list[str]]:
    return [[text(c) for c in of_type(tr, "Th") + of_type(tr, "Td")] for tr in of_type(table, "Tr")]


def _data(lang: str = "sv", compare: str | None = None) -> LocalPageData:
    latest = _version(2, True)
    return LocalPageData(
        lang, GAVLE, (latest,), latest, (_version(1, False), latest), VALUES,
        "2180C1010", compare,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "marking"),
    [
        ("sv", "Lokal data från Gävle kommun, inte officiell statistik."),
        ("en", "Local data from Gävle municipality, not official statistics."),
    ],
)
def test_local_data_is_marked_with_publisher_date_and_method(lang: str, marking: str) -> None:
    notice = text(find(render_local(_data(lang)).children, "local-notice"))
    assert marking in notice
    assert "Gävle, analys" in notice and "Enkät och dialog." in notice
    assert "2026-06-02" in notice  # the version shown


def test_the_compass_draws_every_round_of_the_area_and_its_table_says_the_same() -> None:
    page = render_local(_data())
    figure = find(page.children, "local-compass").figure
    traces = figure.data
    assert [tr.name for tr in traces] == [
        "Brynäs (2180C1010), 10 maj 2025", "Brynäs (2180C1010), 12 maj 2026",
    ]  # fmt: skip
    safety = [theme.id for theme in THEMES].index("trygghet")
    nature = [theme.id for theme in THEMES].index("natur")
    assert traces[1].r[safety] == 3.4 and traces[1].r[nature] == 5.9  # totals, not the women's
    assert traces[0].r[nature] is None  # not asked in 2025: a gap, not zero
    table = find(page.children, "local-compass-table")
    rows = [
        [text(cell) for cell in of_type(tr, "Th") + of_type(tr, "Td")]
        for tr in of_type(table, "Tr")
    ]
    assert ["Känna sig trygg", "3,1", "3,4"] in rows
    assert ["Natur och grönska", "saknas", "5,9"] in rows
    assert ["Antal svarande", "30", "41"] in rows


def test_a_withheld_score_is_too_few_answers_never_a_number() -> None:
    page = render_local(_data("en", compare="2180R004"))
    table = find(page.children, "local-compass-table")
    rows = [
        [text(cell) for cell in of_type(tr, "Th") + of_type(tr, "Td")]
        for tr in of_type(table, "Tr")
    ]
    assert ["Feeling safe", "3.1", "3.4", "too few answers"] in rows
    compared = find(page.children, "local-compass").figure.data[-1]
    assert compared.name == "Sätra (2180R004), 12 May 2026"
    assert all(r is None for r in compared.r)


def test_no_statistics_yet_says_so_and_no_dataset_says_so() -> None:
    page = render_local(_data("en"))
    assert "no register statistics for this area" in text(page.children)
    empty = LocalPageData("sv", GAVLE, (), None, (), VALUES.iloc[0:0], None, None)
    none = render_local(empty)
    assert has_id(none.children, "local-none") and not has_id(none.children, "local-compass")
    assert "Gävle har inte publicerat någon lokal data" in text(none.children)
