"""The accessibility statement, read once from ``content/accessibility.md``."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from levande.dashboard.urls import PageParams

log = logging.getLogger(__name__)

#: Shipped with the package, so an installed dashboard shows it too.
STATEMENT = Path(__file__).resolve().parents[1] / "content" / "accessibility.md"


@lru_cache(maxsize=4)
def statement_sections(path: Path = STATEMENT) -> dict[str, str]:
    """The statement's Swedish and English parts.

    Split at the ``## Svenska`` and ``## English`` headings; the headings themselves are
    dropped (the page has its own).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("accessibility statement %s cannot be read", path)
        return {}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.strip() == "## Svenska":
            current = "sv"
            continue
        if line.strip() == "## English":
            current = "en"
            continue
        if current is not None:
            sections.setdefault(current, []).append(line)
    # Sub-headings move down one level: the page's h1 is the title.
    return {
        lang: "\n".join(ln[1:] if ln.startswith("###") else ln for ln in lines)
        .strip()
        .strip("-")
        .strip()
        for lang, lines in sections.items()
    }


@dataclass(frozen=True)
class AccessibilityData:
    """The statement in the page's language.

    Attributes:
        params: the language.
        text: the statement's Markdown; None when the file cannot be read.
    """

    params: PageParams
    text: str | None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_accessibility(params: PageParams, path: Path = STATEMENT) -> AccessibilityData:
    """The statement's part in the page's language."""
    return AccessibilityData(params, statement_sections(path).get(params.lang))
