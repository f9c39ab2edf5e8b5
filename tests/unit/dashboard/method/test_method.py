"""The status method page: one shipped text, both languages, nothing for maintainers only."""

from __future__ import annotations

from pathlib import Path

from levande.dashboard.components.shell import footer
from levande.dashboard.method.data import METHOD, load_method
from levande.dashboard.method.render import render_method
from levande.dashboard.urls import PageParams
from levande.indicators.core.catalogue import maintainer_phrase
from tests.unit.dashboard.tree import of_type, text

DOCS_METHOD = Path(__file__).resolve().parents[4] / "docs" / "method.md"


def test_the_method_is_shown_in_both_languages() -> None:
    swedish = render_method(load_method(PageParams("sv")))
    english = render_method(load_method(PageParams("en")))
    assert swedish.title == "Metod för status och jämförelser" and swedish.path == "/metod"
    sv_text = of_type(swedish.children, "Markdown")[0].children
    en_text = of_type(english.children, "Markdown")[0].children
    assert "Måttliga framsteg" in sv_text and "Moderate progress" not in sv_text
    assert "Moderate progress" in en_text and "Måttliga framsteg" not in en_text
    for part in (sv_text, en_text):
        assert "### 1." not in part and "## 1." in part  # one h1: the page's own title


def test_the_shipped_method_speaks_to_readers_only() -> None:
    for lang in ("sv", "en"):
        part = load_method(PageParams(lang)).text or ""
        assert maintainer_phrase(part) is None, lang


def test_docs_point_to_the_one_description() -> None:
    assert "dashboard/content/method.md" in DOCS_METHOD.read_text(encoding="utf-8")
    assert "### 3. Formler" in METHOD.read_text(encoding="utf-8")
    assert "### 3. Formler" not in DOCS_METHOD.read_text(encoding="utf-8")  # not written twice


def test_a_missing_text_gives_a_friendly_message(tmp_path: Path) -> None:
    page = render_method(load_method(PageParams("sv"), tmp_path / "missing.md"))
    assert "kan inte visas just nu" in text(page.children)


def test_the_footer_links_the_method_page() -> None:
    words = text(footer("en", ["Source: SCB"], None))
    links = [(n.children, n.href) for n in of_type(footer("en", [], None), "Link")]
    assert ("Status method", "/metod?lang=en") in links
    assert "docs/method.md" not in words
