"""The accessibility statement: split by language from its file, drawn as Markdown."""

from __future__ import annotations

from pathlib import Path

from levande.dashboard.accessibility.data import AccessibilityData, statement_sections
from levande.dashboard.accessibility.render import render_accessibility
from levande.dashboard.urls import PageParams
from tests.unit.dashboard.tree import of_type, text

STATEMENT = """# Tillgänglighet

## Svenska

### Brister
Kartan saknar tangentbordsstöd.

---

## English

### Shortcomings
The map has no keyboard support.
"""


def test_the_statement_is_split_by_language_with_headings_moved_down(tmp_path: Path) -> None:
    path = tmp_path / "accessibility.md"
    path.write_text(STATEMENT, encoding="utf-8")
    sections = statement_sections(path)
    assert sections["sv"] == "## Brister\nKartan saknar tangentbordsstöd."
    assert sections["en"] == "## Shortcomings\nThe map has no keyboard support."
    assert statement_sections(tmp_path / "missing.md") == {}


def test_the_statement_in_the_page_language_or_that_it_is_missing() -> None:
    page = render_accessibility(AccessibilityData(PageParams("en"), "## Shortcomings"))
    assert page.title == "Accessibility statement"
    assert of_type(page.children, "Markdown")[0].children == "## Shortcomings"
    missing = render_accessibility(AccessibilityData(PageParams("sv"), None))
    assert "Tillgänglighetsredogörelsen kunde inte läsas." in text(missing.children)
