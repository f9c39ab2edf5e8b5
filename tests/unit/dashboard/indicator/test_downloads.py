"""Downloads hold exactly what is shown: stored values, unrounded, missing stays empty."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from levande.dashboard import files
from levande.dashboard.context import AppContext
from levande.dashboard.indicator import downloads
from levande.dashboard.indicator.data import facts_for
from levande.dashboard.indicator.params import parse_indicator_state
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import series as obs

pytestmark = pytest.mark.integration


def _state(ctx: AppContext, indicator_id: str, **raw: str):  # type: ignore[no-untyped-def]
    info = dims.indicator(ctx.reader, indicator_id)
    assert info is not None
    return info, parse_indicator_state(indicator_id, raw, facts_for(ctx, info))


def test_chart_frame_is_the_stored_series_and_the_peer_band(ctx: AppContext) -> None:
    info, state = _state(ctx, "trangboddhet", kommun="0180", peer="G2328")
    frame = downloads.chart_frame(ctx, info, state)
    assert list(frame.columns) == downloads.CHART_COLUMNS
    observed = frame[frame.measure == "value"]
    stored = obs.series(ctx.reader, "trangboddhet", ["00", "0180"])
    assert observed["value"].tolist() == stored["value"].tolist()
    assert set(observed["region_name"]) == {"Riket", "Stockholm"}
    median = frame[frame.measure == "peer_median"].set_index("period")["value"]
    assert median["2020"] == 10.5  # median of 9.6, 14.75, 10.5
    assert set(frame["source"]) == {"Kolada"} and set(frame["unit"]) == {"procent"}
    assert set(frame.measure) == {"value", "peer_median", "peer_q1", "peer_q3"}


def test_table_frame_keeps_missing_values_missing(ctx: AppContext) -> None:
    info, state = _state(ctx, "folkmangd", breakdown="K", year="2020", lang="en")
    frame = downloads.table_frame(ctx, info, state)
    assert list(frame.columns) == downloads.TABLE_COLUMNS
    row = frame.set_index("region_code").loc["0114"]
    assert isinstance(row["value"], float)
    assert math.isnan(row["value"]) and row["status_symbol"] == ".."
    assert row["breakdown_label"] == "Women" and row["unit"] == "number"
    assert frame.set_index("region_code").loc["0180", "value"] == 490_240.0


def test_csv_and_excel_round_trip_exactly(ctx: AppContext) -> None:
    info, state = _state(ctx, "trangboddhet", year="2020")
    frame = downloads.table_frame(ctx, info, state)
    back = pd.read_csv(io.BytesIO(files.to_csv(frame)), dtype={"region_code": str})
    assert back["value"].tolist() == frame["value"].tolist()  # 14.75, not 14.8
    assert back["region_code"].tolist() == ["0114", "0380", "0180"]
    book = load_workbook(io.BytesIO(files.to_xlsx(frame)))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [9.6, 10.5, 14.75]


def test_excel_missing_is_an_empty_cell(ctx: AppContext) -> None:
    info, state = _state(ctx, "sjalvskattad-halsa", year="2020")
    frame = downloads.table_frame(ctx, info, state)
    sheet = load_workbook(io.BytesIO(files.to_xlsx(frame)))["data"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("region_code")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["0380"][header.index("value")] is None
    assert rows["0380"][header.index("status_symbol")] == "Saknas"


def test_file_names(ctx: AppContext) -> None:
    info, state = _state(ctx, "folkmangd", kommun="0114", gender="1", year="2019")
    assert downloads.filename(info, state, "chart", "csv") == "folkmangd_chart_00-0114_KM.csv"
    assert downloads.filename(info, state, "table", "xlsx") == "folkmangd_table_kommun_2019_T.xlsx"
