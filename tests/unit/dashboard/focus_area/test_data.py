"""A focus area loaded from the seeded database and rendered."""

from __future__ import annotations

import pytest

from levande.dashboard.context import AppContext
from levande.dashboard.focus_area import layout as focus_area
from tests.unit.dashboard.tree import find, has_id, of_type, text

pytestmark = pytest.mark.integration


def test_focus_area_page(ctx: AppContext) -> None:
    page = focus_area.layout_for(ctx, focus_area_id="FA01")
    words = text(page)
    assert "Livskvalitet som draglok för Sveriges städer" in words
    assert "Förslag från Levande städer" in words  # sub-goals are the product's proposals
    card = find(page, "card-livskvalitet-kommunindex")
    card_text = text(card)
    assert "66,0 index (2020)" in card_text and "Måttliga framsteg" in card_text
    assert "ovägt medel av kommunerna" in card_text
    img = of_type(card, "Img")[0]
    assert img.alt.startswith("Utveckling i riket 2018–2020: från 65,0 index till 66,0 index")


def test_focus_area_unknown_id(ctx: AppContext) -> None:
    page = focus_area.layout_for(ctx, focus_area_id="FA99<script>")
    assert has_id(page, "friendly-error")
    assert "FA99<script>" in text(page)
