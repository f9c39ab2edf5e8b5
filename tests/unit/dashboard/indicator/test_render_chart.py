"""The chart view drawn from hand-made data: lines, target, caption, source and table."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from levande.dashboard.indicator.chart import render_chart
from levande.dashboard.indicator.data import ChartData
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from tests.unit.dashboard.indicator.sample_data import FACTS, chart, indicator_data
from tests.unit.dashboard.tree import find, has_id, of_type, text

ROWS = [
    ("00", "Riket", "riket", "2019", 12.25, None),
    ("00", "Riket", "riket", "2020", 12.0, None),
    ("0180", "Stockholm", "kommun", "2019", None, None),
    ("0180", "Stockholm", "kommun", "2020", 14.75, None),
]


def test_chart_draws_every_line_and_the_target() -> None:
    view = chart(ROWS)
    out = render_chart(indicator_data(view, kommun="0180"), view)
    figure = find(out, "chart").figure
    names = [trace.name for trace in figure.data]
    assert names == ["Riket", "Stockholm", "Målvärde 10,0 år 2030"]
    assert list(figure.data[1].y) == [None, 14.75]  # missing is a gap, not zero
    caption = text(of_type(out, "Figcaption"))
    assert caption.startswith("Trångboddhet, procent. Riket, Stockholm.")


def test_chart_table_has_the_same_values_with_the_indicators_decimals() -> None:
    view = chart(ROWS)
    table = find(render_chart(indicator_data(view), view), "chart-table")
    rows = [text(r) for r in of_type(table, "Tr")]
    assert rows[1] == "2019 12,3 saknas (..)"  # 12.25 rounds half away from zero
    assert rows[2] == "2020 12,0 14,8"


def test_chart_source_line_and_municipal_mean_note() -> None:
    rows = [(c, n, lv, per, v, MUNICIPAL_MEAN) for c, n, lv, per, v, _ in ROWS]
    view = chart(rows)
    words = text(render_chart(indicator_data(view), view))
    plain = text(render_chart(indicator_data(chart(ROWS)), chart(ROWS)))
    assert "ovägt medelvärde" not in plain
    assert "Källa: Kolada. Senast hämtad 2026-03-01 07:00. Uppdaterad hos källan 2026-02-20." in (
        words
    )
    assert "ovägt medelvärde av kommunernas värden" in words


def test_chart_without_values_says_so_instead_of_drawing() -> None:
    view = chart([("00", "Riket", "riket", "2020", None, None)])
    out = render_chart(indicator_data(view), view)
    assert has_id(out, "chart-empty") and not has_id(out, "chart")
    assert has_id(out, "chart-table")  # the table still lists the period


def test_gender_toggle_only_for_indicators_split_by_gender() -> None:
    view = chart(ROWS)
    assert not has_id(render_chart(indicator_data(view), view), "gender-toggle")
    split = replace(FACTS, breakdowns=("T", "K", "M"))
    out = render_chart(indicator_data(view, facts=split), view)
    toggle = find(out, "gender-toggle")
    assert toggle.children == "Jämför kvinnor och män" and "gender=1" in toggle.href


def test_peer_band_quartiles_join_the_table() -> None:
    band = pd.DataFrame(
        {"name": ["Mittersta hälften, B3"], "period": ["2020"], "q1": [11.0], "q3": [13.0],
         "median": [12.0], "n": [3], "n_missing": [0]}
    )  # fmt: skip
    view = ChartData(lines=chart(ROWS).lines, band=band, peer=None)
    table = text(find(render_chart(indicator_data(view), view), "chart-table"))
    assert "Mittersta hälften, B3: nedre kvartil" in table and "11,0" in table and "13,0" in table
