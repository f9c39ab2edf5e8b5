"""The download view drawn from hand-made data: links that carry the page's state."""

from __future__ import annotations

from levande.dashboard.indicator.download import render_download
from tests.unit.dashboard.indicator.sample_data import indicator_data
from tests.unit.dashboard.tree import find, text


def test_links_carry_the_state_but_not_the_tab() -> None:
    out = render_download(indicator_data(tab="download", kommun="0180", lang="en"))
    table = find(out, "download-table-xlsx")
    assert table.href.startswith("/ladda-ner/trangboddhet.xlsx?view=table")
    assert "kommun=0180" in table.href and "lang=en" in table.href and "tab=" not in table.href
    assert find(out, "download-chart-csv").href.startswith("/ladda-ner/trangboddhet.csv?view=chart")
    assert "Download the map's and table's data (2020) as CSV" in text(out)
