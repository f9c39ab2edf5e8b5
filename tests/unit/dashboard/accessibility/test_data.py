"""The accessibility statement and the not-found page, rendered in the app's context."""

from __future__ import annotations

import pytest

from levande.dashboard import not_found_404
from levande.dashboard.accessibility import layout as accessibility
from levande.dashboard.accessibility.data import statement_sections
from levande.dashboard.context import AppContext
from tests.unit.dashboard.tree import has_id, text

pytestmark = pytest.mark.integration


def test_not_found_and_accessibility_pages(ctx: AppContext) -> None:
    assert has_id(not_found_404.layout_for(ctx), "friendly-error")
    page = accessibility.layout_for(ctx, lang="en")
    assert "Accessibility statement" in text(page)
    sections = statement_sections()
    assert set(sections) == {"sv", "en"}
