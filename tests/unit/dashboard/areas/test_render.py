"""The area page's pure parts: shares, ranks, values by area type and the rendered table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd
import pytest

from levande.dashboard.areas.data import AreaRow, AreasData, by_type, ranks, shown_values
from levande.dashboard.areas.params import AreasState, parse_areas_request
from levande.dashboard.areas.render import render_areas
from levande.indicators.core.inequality import spread
from levande.indicators.core.small_areas import SmallAreaIndicator
from levande.indicators.reads.dimensions import RegionInfo

COUNT = SmallAreaIndicator.model_validate(
    {
        "id": "antal", "title_sv": "Utländsk bakgrund", "title_en": "Foreign background",
        "description_sv": "Antal.", "description_en": "Count.", "unit_sv": "personer",
        "unit_en": "persons", "direction": "neutral", "kind": "count", "levels": ["regso"],
        "source_id": "TAB1", "selection": {"ContentsCode": ["X"]}, "denominator": "alla",
    }
)  # fmt: skip

VALUES = """\
indicator_id,area_code,period,value,status
antal,A,2024,20,
antal,B,2024,,..
antal,C,2024,5,
alla,A,2024,100,
alla,B,2024,100,
alla,C,2024,0,
"""


def _frame(text: str) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text), dtype={"period": str, "status": object})
    frame["status"] = frame["status"].where(frame["status"].notna(), None)
    return frame


def test_a_count_becomes_a_share_of_its_denominator_or_stays_missing() -> None:
    assert shown_values(_frame(VALUES), COUNT) == {
        ("A", "2024"): (pytest.approx(20.0), None),
        ("B", "2024"): (None, ".."),  # suppressed count: missing with its symbol
        ("C", "2024"): (None, None),  # zero denominator: no share
    }


def test_ranks_inside_the_municipality() -> None:
    assert ranks({"A": 3.0, "B": None, "C": 5.0, "D": 5.0}) == {"A": 3, "C": 1, "D": 1}


def test_by_type_sums_counts_over_denominators() -> None:
    rows = list(csv.DictReader(io.StringIO("code,type\nA,1\nB,1\nC,2\n")))
    types = {(r["code"], "2024"): int(r["type"]) for r in rows}
    shown = {("A", "2024"): (20.0, None), ("B", "2024"): (40.0, None), ("C", "2024"): (5.0, None)}
    counts = {("A", "2024"): (20.0, None), ("B", "2024"): (60.0, None), ("C", "2024"): (5.0, None)}
    totals = {("A", "2024"): (100.0, None), ("B", "2024"): (150.0, None),
              ("C", "2024"): (100.0, None)}  # fmt: skip
    # Type 1: (20 + 60) / (100 + 150) = 32 %; type 2: 5 %.
    result: list[Any] = by_type(shown, counts, totals, {}, types, "count")
    assert result == [
        (1, "2024", pytest.approx(32.0)),
        (2, "2024", pytest.approx(5.0)),
    ]


def _data(rows: list[AreaRow], indicator: SmallAreaIndicator = COUNT) -> AreasData:
    state = parse_areas_request("0180", {})
    points = []
    from levande.indicators.core.inequality import AreaPoint

    for r in rows:
        points.append(AreaPoint(r.code, r.value, r.population))
    return AreasData(
        lang="sv", state=state,
        municipality=RegionInfo("0180", "Stockholm", "kommun", "01", None, None),
        indicators=(indicator,), indicator=indicator, denominator=None, years=("2024",),
        year="2024", vintage="2020", rows=tuple(rows),
        spread=spread(points, min_areas=2, small_population=300), base_year=None,
        base_spread=None, by_type=(), segregation=(), boundary_url=None, credit="Källa: SCB",
        fetched=None, updated=None, small_population=300, problems=(),
    )  # fmt: skip


def _json(content: Any) -> str:
    from plotly.utils import PlotlyJSONEncoder  # type: ignore[import-untyped]

    return json.dumps(content.children, cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_table_flags_small_areas_and_says_map_is_missing() -> None:
    rows = [
        AreaRow("0180R001", "0180R001", "Norrmalm", None, None, 4, 12.0, None, 1.0, 2, 250.0,
                True),
        AreaRow("0180R002", "0180R002", "Rinkeby", None, None, 1, 40.0, None, None, 1, 900.0,
                False),
        AreaRow("0180R003", "0180R003", None, None, None, None, None, "..", None, None, None,
                False),
    ]  # fmt: skip
    text = _json(render_areas(_data(rows)))
    assert "Norrmalm (0180R001) (få invånare)" in text
    assert "Kartan över områdena är inte hämtad ännu" in text
    assert "40 gånger" not in text and "3,3 gånger så högt i Rinkeby" in text
    assert '".."' in text  # the suppressed value shows SCB's symbol


def test_state_round_trips_through_the_address() -> None:
    state = AreasState("0180", "en", "antal", "deso", "2024", True)
    assert state.href() == "/kommun/0180/omraden?indikator=antal&niva=deso&ar=2024&typer=1&lang=en"


@pytest.mark.parametrize(
    ("share_unit", "header"),
    [
        (None, "Värde (procent)"),
        # Cars per 100 residents is shown per its denominator but is no share.
        ({"share_unit_sv": "bilar per 100 invånare", "share_unit_en": "cars per 100 residents"},
         "Värde (bilar per 100 invånare)"),
    ],
)  # fmt: skip
def test_a_count_per_its_denominator_says_its_unit(
    share_unit: dict[str, str] | None, header: str
) -> None:
    indicator = COUNT.model_copy(update=share_unit or {})
    row = AreaRow("0180R001", "0180R001", "Norrmalm", None, None, 4, 12.0, None, 1.0, 1, 900.0,
                  False)  # fmt: skip
    assert header in _json(render_areas(_data([row], indicator)))
