"""Downloads hold exactly what is shown: values to the indicator's decimals, missing stays empty.

The files are read back as a reader's program would: the Swedish CSV as Swedish Excel does
(byte-order mark, ``;``, decimal comma, Swedish headers), the English one as plain CSV.
"""

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


def test_csv_in_english_and_excel_round_to_the_indicators_decimals(ctx: AppContext) -> None:
    info, state = _state(ctx, "trangboddhet", year="2020")
    frame = downloads.table_frame(ctx, info, state)
    assert frame["value"].tolist() == [9.6, 10.5, 14.75]  # stored as published
    back = pd.read_csv(
        io.BytesIO(files.to_csv(frame, "en", info.decimals)), dtype={"region_code": str}
    )
    assert back["value"].tolist() == [9.6, 10.5, 14.8]  # one decimal, half away from zero
    assert back["region_code"].tolist() == ["0114", "0380", "0180"]
    assert list(back.columns) == downloads.TABLE_COLUMNS
    book = load_workbook(io.BytesIO(files.to_xlsx(files.rounded_values(frame, info.decimals))))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [9.6, 10.5, 14.8]


def test_csv_in_swedish_opens_in_swedish_excel(ctx: AppContext) -> None:
    info, state = _state(ctx, "trangboddhet", year="2020")
    frame = downloads.table_frame(ctx, info, state)
    body = files.to_csv(frame, "sv", info.decimals)
    assert body.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(
        io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig", dtype={"regionkod": str}
    )
    assert list(back.columns)[:4] == ["indikator_id", "indikator", "regionkod", "region"]
    assert back["värde"].tolist() == [9.6, 10.5, 14.8]
    assert back["regionkod"].tolist() == ["0114", "0380", "0180"]
    first_row = body.decode("utf-8-sig").splitlines()[1]
    assert ";9,6;" in first_row and "." not in first_row.split(";")[8]


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (14.749999999, 1, "sv", "14,7"),
        (14.75, 1, "sv", "14,8"),
        (-0.04, 1, "en", "0.0"),
        (980443.0, 0, "sv", "980443"),
        (float("nan"), 1, "sv", ""),
        (None, 2, "en", ""),
    ],
)
def test_values_are_written_with_their_decimals(
    value: float | None, decimals: int, lang: str, expected: str
) -> None:
    frame = pd.DataFrame({"region_code": ["0180"], "value": [value]})
    text = files.to_csv(frame, lang, decimals).decode("utf-8-sig").splitlines()[1]
    assert text == f"0180{';' if lang == 'sv' else ','}{expected}"


def test_each_row_takes_its_indicators_decimals() -> None:
    frame = pd.DataFrame({"indicator_id": ["a", "b"], "value": [1.25, 1.25]})
    assert files.to_csv(frame, "en", [0, 2]).decode().splitlines()[1:] == ["a,1", "b,1.25"]


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
