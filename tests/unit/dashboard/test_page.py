"""The frame every page shares: error content, not-found pages and the safety net."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine

from levande.dashboard.context import AppContext
from levande.dashboard.page import NotFound, error_content, guarded, not_found_content
from levande.indicators.core.settings import Settings
from tests.unit.dashboard.tree import find, has_id, of_type, text


def test_error_content_offers_the_overview_unless_given_other_ways() -> None:
    content = error_content("en", "/x", "Oops", "It broke.")
    assert [n.href for n in of_type(content.children, "Link")] == ["/?lang=en"]
    page = not_found_content(NotFound("sv", "/kommun/9", "Ingen kommun 9.", (("A", "/a"),)))
    assert page.title == "Sidan finns inte" and page.path == "/kommun/9"
    assert [n.href for n in of_type(page.children, "Link")] == ["/a"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_failing_page_becomes_a_friendly_error_in_the_frame(lang: str) -> None:
    def broken(ctx: AppContext, **url: Any) -> Any:
        raise ValueError("broken")

    ctx = AppContext(create_engine("sqlite://"), Settings(database_url="sqlite://"))
    page = guarded(broken, lambda **_: "/omrade/X")(ctx, lang=lang)
    assert has_id(page, "friendly-error")
    assert find(page, "page-meta").data["lang"] == lang
    assert ("Något gick fel" if lang == "sv" else "Something went wrong") in text(page)
    switch = find(page, "lang-switch")
    assert switch.href.startswith("/omrade/X")  # the way to the other language stays here
