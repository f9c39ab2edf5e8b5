"""Embeddable views: the snippet, the minimal page, and which pages draw them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from dash import html

from levande.dashboard.components.embed import embed_page, iframe_code, is_embed
from levande.dashboard.indicator.render import render
from levande.dashboard.places.params import ProfileState
from levande.dashboard.places.profile import render_profile
from tests.unit.dashboard.indicator.sample_data import chart, indicator_data
from tests.unit.dashboard.places.sample_data import profile_data
from tests.unit.dashboard.tree import find, has_id, of_type, text

SITE = "https://levande.example"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), (["1"], True), (" 1 ", True), ("0", False), ("yes", False), (None, False),
     ([], False), (1, False)],
)  # fmt: skip
def test_only_embed_1_asks_for_the_embeddable_view(raw: object, expected: bool) -> None:
    assert is_embed(raw) is expected


def test_the_iframe_code_escapes_the_address_and_the_title() -> None:
    code = iframe_code('/indikator/a?tab=map&year=2020"', 'Tr"ång <b>', 480)
    assert code == (
        '<iframe src="/indikator/a?tab=map&amp;year=2020&quot;" title="Tr&quot;ång &lt;b&gt;" '
        'width="100%" height="480" style="border:0" loading="lazy"></iframe>'
    )


def _chart_page(**changes: Any) -> Any:
    view = chart([("00", "Riket", "riket", "2020", 12.0, None)])
    return render(indicator_data(view, **changes), SITE)


@pytest.mark.parametrize("tab", ["chart", "map"])
def test_chart_and_map_show_the_snippet_with_the_same_state(tab: str) -> None:
    page = _chart_page(tab=tab, kommun="2180", lang="en")
    code = find(page.children, "embed-code").value
    query = "lang=en" + ("&amp;tab=map" if tab == "map" else "")
    assert (
        f'src="{SITE}/indikator/trangboddhet?{query}&amp;kommun=2180&amp;year=2020&amp;embed=1"'
        in code
    )
    assert f' – {tab.capitalize()}" width="100%"' in code
    assert text(find(page.children, "embed-code-details")).startswith("Embed")


def test_other_views_have_no_snippet() -> None:
    page = _chart_page(tab="download")
    assert not has_id(page.children, "embed-code")


def test_the_embedded_chart_is_the_view_alone_with_its_source_and_table() -> None:
    page = _chart_page(embed=True)
    assert not of_type(page.children, "Nav")  # no breadcrumbs
    assert not has_id(page.children, "state-form")
    assert not has_id(page.children, "embed-code")
    assert of_type(page.children, "H1")[0].children == "Trångboddhet – Diagram"
    assert has_id(page.children, "chart")
    assert of_type(page.children, "Table")  # the table behind the chart
    assert "Källa: Kolada" in text(page.children)


def test_the_embedded_summary_of_a_municipality() -> None:
    state = ProfileState("kommun", "2180", embed=True)
    page = render_profile(profile_data(state), SITE)
    assert of_type(page.children, "H1")[0].children == "Gävle: sammanfattning"
    assert not of_type(page.children, "Nav")
    full = render_profile(profile_data(), SITE)
    assert f'src="{SITE}/kommun/2180?embed=1"' in find(full.children, "embed-code").value


def test_the_minimal_page_keeps_sources_date_and_the_way_to_the_full_view() -> None:
    page = embed_page(
        lang="sv",
        title="Trångboddhet – Diagram",
        children=[html.P("figuren")],
        credits=["Källa: Kolada"],
        last_refresh=datetime(2026, 11, 29, 6, 0, tzinfo=UTC),
        full_href=f"{SITE}/indikator/trangboddhet",
    )
    assert not of_type(page, "Header") and not of_type(page, "Nav")
    assert "Källa: Kolada" in text(page)
    assert "Data senast uppdaterad 2026-11-29 07:00" in text(page)
    link = find(page, "embed-open-full")
    assert link.href == f"{SITE}/indikator/trangboddhet" and link.target == "_blank"
    assert find(page, "page-meta").data == {
        "lang": "sv", "title": "Trångboddhet – Diagram – Levande städer"
    }  # fmt: skip
