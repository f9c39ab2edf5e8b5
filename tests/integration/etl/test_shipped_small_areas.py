"""The shipped small-area catalogue against SCB's tables in their real structure.

Income quartiles, cars, population by age and sex and the economic-standard persons are read
from fake tables with every breakdown SCB's have (testkit/small_area_tables.py), so each test
fails when a catalogue entry selects the wrong code, the wrong vintage for a year, or turns a
suppressed cell into a number. The segregation of low economic standard is checked against the
index computed by hand from the published shares and persons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import RunSummary, run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.export import observations_frame
from levande.indicators.reads.small_areas import area_values
from levande.indicators.store.schema import AreaObservation
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.small_area_tables import seed_shipped_small_area_tables
from testkit.small_area_world import DESO_2018, low_standard, population
from testkit.world import seed_kolada

pytestmark = pytest.mark.integration

CONFIG = Path(__file__).resolve().parents[3] / "config"
NEW = [
    "omr-kvinnor", "omr-man", "omr-barn-0-4", "omr-alder-80", "omr-medianinkomst",
    "omr-inkomst-kvartil-1", "omr-inkomst-kvartil-2", "omr-inkomst-kvartil-3",
    "omr-inkomst-kvartil-4", "omr-lag-ekonomisk-standard", "omr-hog-ekonomisk-standard",
    "omr-ekonomisk-standard-personer", "omr-personbilar",
]  # fmt: skip
LOADED = ["omr-folkmangd", *NEW]
SEGREGATION = ["segregation-lag-ekonomisk-standard", "isolering-lag-ekonomisk-standard"]


@pytest.fixture
def shipped(engine: Engine) -> Iterator[tuple[Catalogue, FakeScb, RunSummary]]:
    catalogue = load_catalogue(CONFIG)
    sync_catalogue(engine, catalogue)
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_shipped_small_area_tables(scb)
        seed_kolada(kolada)
        settings = Settings(
            scb_api_url=scb.url, kolada_api_url=kolada.url, http_max_retries=1, http_timeout=5,
            kolada_calls_per_second=500, first_year=2023, config_dir=CONFIG,
        )  # fmt: skip
        summary = run_refresh(engine, catalogue, settings, indicator_ids=[*LOADED, *SEGREGATION])
        yield catalogue, scb, summary


def _frame(engine: Engine, indicator: str, level: str = "deso") -> list[dict[str, str]]:
    frame = area_values(Reader(engine), "0380", [indicator])
    frame = frame[frame.level == level].sort_values(["area_code", "period"])
    text = frame[["area_code", "period", "value", "status"]].to_csv(index=False, float_format="%g")
    return _csv(text)


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("indicator", "level", "expected"),
    [
        # Women: Kon 2 of the age total; the 2025 areas from 2025, the sparse DeSO suppressed.
        (
            "omr-kvinnor",
            "deso",
            """\
area_code,period,value,status
0380A0010,2023,507,
0380A0010,2024,,..
0380A0010_DeSO2025,2025,512,
0380C1010,2023,657,
0380C1010,2024,659,
0380C1010_DeSO2025,2025,662,
""",
        ),
        (
            "omr-barn-0-4",
            "deso",
            """\
area_code,period,value,status
0380A0010,2023,50,
0380A0010,2024,,..
0380A0010_DeSO2025,2025,50,
0380C1010,2023,65,
0380C1010,2024,65,
0380C1010_DeSO2025,2025,65,
""",
        ),
        # Income lags a year: income year 2024 is published for the 2025 areas.
        (
            "omr-medianinkomst",
            "deso",
            """\
area_code,period,value,status
0380A0010,2023,260,
0380A0010_DeSO2025,2024,,..
0380A0010_DeSO2025,2025,265,
0380C1010,2023,290,
0380C1010_DeSO2025,2024,292.5,
0380C1010_DeSO2025,2025,295,
""",
        ),
        (
            "omr-inkomst-kvartil-1",
            "regso",
            """\
area_code,period,value,status
0380R001,2023,23,
0380R001_RegSO2025,2024,23.5,
0380R001_RegSO2025,2025,24,
""",
        ),
        (
            "omr-inkomst-kvartil-4",
            "deso",
            """\
area_code,period,value,status
0380A0010,2023,25,
0380A0010_DeSO2025,2024,,..
0380A0010_DeSO2025,2025,24,
0380C1010,2023,26,
0380C1010_DeSO2025,2024,25.5,
0380C1010_DeSO2025,2025,25,
""",
        ),
        (
            "omr-lag-ekonomisk-standard",
            "deso",
            """\
area_code,period,value,status
0380A0010,2023,6.5,
0380A0010_DeSO2025,2024,,..
0380A0010_DeSO2025,2025,4.5,
0380C1010,2023,6,
0380C1010_DeSO2025,2024,5,
0380C1010_DeSO2025,2025,4,
""",
        ),
        # Cars: the table starts in 2024 with the 2025 areas only.
        (
            "omr-personbilar",
            "deso",
            """\
area_code,period,value,status
0380A0010_DeSO2025,2024,,..
0380A0010_DeSO2025,2025,505,
0380C1010_DeSO2025,2024,652,
0380C1010_DeSO2025,2025,655,
""",
        ),
    ],
)
def test_shipped_selections_read_the_right_cells(
    engine: Engine,
    shipped: tuple[Catalogue, FakeScb, RunSummary],
    indicator: str,
    level: str,
    expected: str,
) -> None:
    assert shipped[2].failures == []
    assert _frame(engine, indicator, level) == _csv(expected)


def test_every_stored_value_is_the_published_cell(
    engine: Engine, shipped: tuple[Catalogue, FakeScb, RunSummary]
) -> None:
    catalogue, scb, summary = shipped
    assert summary.failures == []
    with Session(engine) as session:
        rows = session.execute(
            select(AreaObservation.indicator_id, AreaObservation.area_code,
                   AreaObservation.period, AreaObservation.value, AreaObservation.status)
            .where(AreaObservation.indicator_id.in_(NEW))
        ).all()  # fmt: skip
    assert {r.indicator_id for r in rows} == set(NEW)
    for row in rows:
        ind = catalogue.small_areas.indicator(row.indicator_id)
        table = scb.table(ind.source_id)
        codes = {"Region": row.area_code, "Tid": row.period,
                 **{k: v[0] for k, v in ind.selection.items()}}  # fmt: skip
        key = table.key(codes)
        assert row.value == table.cells[key], row
        assert row.status == table.status.get(key), row
        # A series never mixes vintages: a suffixed code only in years of the 2025 areas.
        vintage = "2025" if "_" in row.area_code else "2018"
        first_new = 2025 if ind.source_id == "TAB6574" else 2024
        assert (vintage == "2025") == (int(row.period) >= first_new), row


def _dissimilarity(groups: list[float], totals: list[float]) -> float:
    g, t = sum(groups), sum(totals)
    return sum(abs(gi / g - (ti - gi) / (t - g)) for gi, ti in zip(groups, totals, strict=True)) / 2


def test_segregation_of_low_economic_standard_by_hand(
    engine: Engine, shipped: tuple[Catalogue, FakeScb, RunSummary]
) -> None:
    assert shipped[2].failures == []
    stockholm = [code for code in DESO_2018 if code.startswith("0180")]
    persons = [float(population(code, "2023")) for code in stockholm]
    # SCB publishes the share with a low standard and the persons; the count is their product.
    low = [low_standard(code, "2023") * p / 100 for code, p in zip(stockholm, persons, strict=True)]
    frame = observations_frame(engine, SEGREGATION)
    got = frame[(frame.region_code == "0180") & (frame.period == "2023")]
    values = dict(zip(got.indicator_id, got.value, strict=True))
    assert values["segregation-lag-ekonomisk-standard"] == pytest.approx(
        _dissimilarity(low, persons)
    )
    isolation = sum((gi / sum(low)) * (gi / ti) for gi, ti in zip(low, persons, strict=True))
    assert values["isolering-lag-ekonomisk-standard"] == pytest.approx(isolation)
    # Uppsala has two DeSO, fewer than the five an index needs: no value, never a zero.
    uppsala = frame[frame.region_code == "0380"]
    assert uppsala.value.isna().all()
