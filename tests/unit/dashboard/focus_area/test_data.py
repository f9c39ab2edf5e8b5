"""A focus area loaded from the seeded database and rendered."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from levande.dashboard.context import AppContext
from levande.dashboard.focus_area import layout as focus_area
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.sync import sync_catalogue
from tests.unit.dashboard.tree import find, has_id, of_type, text

pytestmark = pytest.mark.integration


def test_focus_area_page(ctx: AppContext) -> None:
    page = focus_area.layout_for(ctx, focus_area_id="FA01")
    words = text(page)
    assert "Livskvalitet som draglok för Sveriges städer" in words
    assert "Delmålen är produktens förslag (version 1)" in words  # the framework in force
    assert "FA01-D1" not in words and "Fokusområde FA01" not in words  # no raw ids as labels
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


def test_an_old_address_leads_to_the_area_that_replaced_it(ctx: AppContext, tmp_path: Path) -> None:
    catalogue = ctx.catalogue
    assert catalogue is not None
    area = catalogue.focus_area("FA06").model_copy(update={"replaces": ["FA09"]})
    # The pages read the catalogue from the database: sync the changed one into a fresh one.
    url = f"sqlite:///{tmp_path / 'moved.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    sync_catalogue(engine, replace(catalogue, focus_areas=[catalogue.focus_area("FA01"), area]))
    moved_ctx = AppContext(engine, ctx.settings.model_copy(update={"database_url": url}))
    page = focus_area.layout_for(moved_ctx, focus_area_id="FA09")
    assert has_id(page, "friendly-error") and "Adressen har flyttat" in text(page)
    assert "/omrade/FA06" in [n.href for n in of_type(page, "Link")]
    unknown = focus_area.layout_for(moved_ctx, focus_area_id="FA10")
    assert "Det finns inget fokusområde med id FA10." in text(unknown)
