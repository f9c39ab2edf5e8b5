"""Bilingual texts shipped with the dashboard as Markdown (``dashboard/content/``)."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

CONTENT = Path(__file__).resolve().parents[1] / "content"
"""The folder of the shipped texts, package data, so an installed dashboard shows them too."""


@lru_cache(maxsize=8)
def bilingual_sections(path: Path) -> dict[str, str]:
    """A text's Swedish and English parts.

    Split at the ``## Svenska`` and ``## English`` headings.

    The headings themselves are dropped (the page has its own title) and sub-headings move up
    one level, so that the page's ``h1`` stays the only one. An unreadable file gives an empty
    mapping, which the page turns into a friendly message.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("text %s cannot be read", path)
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
    return {
        lang: "\n".join(ln[1:] if ln.startswith("###") else ln for ln in lines)
        .strip()
        .strip("-")
        .strip()
        for lang, lines in sections.items()
    }
