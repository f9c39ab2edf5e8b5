"""The overview's headline indicators drawn from hand-made summaries: value, sparkline, table."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from levande.dashboard.overview.data import Headline, OverviewData
from levande.dashboard.overview.headlines import headlines_section
from levande.dashboard.overview.render import render_overview
from levande.dashboard.urls import PageParams
from levande.indicators.reads import rollups
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type
from tests.unit.dashboard.tree import text as raw_text

OVERCROWDING = samples.indicator()  # lower is better, per cent, one decimal
QUALITY = samples.indicator(
    id="livskvalitet-kommunindex",
    title_sv="Livskvalitet – kommunindex",
    title_en="Quality of life – municipal index",
    unit_sv="index (0–100)",
    unit_en="index (0–100)",
    direction="higher_is_better",
    target=None,
)


def _headline(info: object = OVERCROWDING, **changes: object) -> Headline:
    fields: dict[str, object] = {
        "indicator": info,
        "status": "moderate_progress",
        "latest_period": "2020",
        "latest_value": 12.0,
        "aggregation": None,
        "points": (("2018", 12.5), ("2019", None), ("2020", 12.0)),
    }
    fields.update(changes)
    return Headline(rollups.IndicatorSummary(**fields), "Källa: Kolada", samples.about())  # type: ignore[arg-type]


def text(node: object) -> str:
    """The node's text with runs of white space as one space, as a reader sees it."""
    return " ".join(raw_text(node).split())


def _data(*headlines: Headline, lang: str = "sv") -> OverviewData:
    return OverviewData(
        params=PageParams(lang),
        goal=None,
        areas=(),
        counts={},
        on_track={},
        headlines=headlines,
        now=samples.FETCHED,
    )


def test_a_headline_shows_the_latest_value_with_its_unit_and_period_in_words() -> None:
    section = headlines_section(_data(_headline()))
    node = find(section, "headline-trangboddhet")
    card = text(node)
    assert "12,0 procent (2020)" in card
    assert "Lägre värde är bättre" in card  # the good direction in words, beside the arrow
    assert "↓" in card
    assert "Måttliga framsteg" in card
    assert "Källa: Kolada. Senast hämtad 2026-03-01 07:00." in card
    assert "Uppdaterad hos källan 2026-02-20." in card
    assert [n.href for n in of_type(node, "Link")] == ["/indikator/trangboddhet"]


def test_a_monthly_period_is_written_for_people_in_both_languages() -> None:
    monthly = _headline(latest_period="2026M04", points=(("2026M03", 12.5), ("2026M04", 12.0)))
    sv = text(headlines_section(_data(monthly)))
    en = text(headlines_section(_data(monthly, lang="en")))
    assert "(april 2026)" in sv and "2026M04" not in sv
    assert "(April 2026)" in en and "12.0 per cent" in en and "A lower value is better" in en


def test_the_sparkline_has_a_text_alternative_and_the_table_every_value() -> None:
    section = headlines_section(_data(_headline()))
    image = of_type(section, "Img")[0]
    assert image.alt == "Utveckling i riket 2018–2020: från 12,5 procent till 12,0 procent."
    svg = unquote(image.src)
    assert "<path" not in svg  # 2018 and 2020 stand alone: no line across the missing 2019
    table = find(section, "headline-table-trangboddhet")
    rows = [[text(cell) for cell in row.children] for row in of_type(table, "Tr")]
    assert rows == [
        ["År", "Värde (procent)"],
        ["2018", "12,5"],
        ["2019", "saknas"],  # missing stays missing, never zero
        ["2020", "12,0"],
    ]


@pytest.mark.parametrize(
    ("info", "arrow", "words"),
    [
        (OVERCROWDING, "↓", "Lägre värde är bättre"),
        (QUALITY, "↑", "Högre värde är bättre"),
    ],
)
def test_the_arrow_points_the_way_that_is_good(info: object, arrow: str, words: str) -> None:
    section = headlines_section(_data(_headline(info)))
    line = next(n for n in of_type(section, "P") if n.className == "headline__direction")
    assert text(line).strip() == f"{arrow} {words}"


def test_headlines_keep_the_catalogues_order_and_a_headline_without_data_says_so() -> None:
    empty = _headline(QUALITY, latest_period=None, latest_value=None, points=())
    section = headlines_section(_data(_headline(), empty))
    items = find(section, "headlines").children
    assert [li.id for li in items] == ["headline-trangboddhet", "headline-livskvalitet-kommunindex"]
    quiet = text(items[1])
    assert "Ingen data ännu" in quiet and "0" not in quiet.replace("0–100", "")
    assert not of_type(items[1], "Img")


def test_without_headlines_the_overview_has_no_such_section() -> None:
    assert headlines_section(_data()) is None
    page = render_overview(_data(_headline()))
    assert has_id(page.children, "headlines")
    assert not has_id(render_overview(_data()).children, "headlines")
