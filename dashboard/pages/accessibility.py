"""Accessibility statement ``/tillganglighet``, read from ``content/accessibility.md``."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import dash
from dash import dcc, html

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, guarded, shell
from levande.dashboard.urls import lang_from

log = logging.getLogger(__name__)

PATH = "/tillganglighet"
#: Shipped with the package, so an installed dashboard shows it too.
STATEMENT = Path(__file__).resolve().parents[1] / "content" / "accessibility.md"


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="accessibility", title=t("product"), layout=layout
    )


@lru_cache(maxsize=4)
def statement_sections(path: Path = STATEMENT) -> dict[str, str]:
    """The statement's Swedish and English parts, split at the ``## Svenska`` and
    ``## English`` headings; the headings themselves are dropped (the page has its own)."""
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


def build(ctx: AppContext, **kwargs: Any) -> Any:
    """The accessibility statement in the page's language."""
    lang, _ = lang_from(kwargs)
    text = statement_sections().get(lang)
    body: Any = (
        dcc.Markdown(text, className="prose", link_target="_self")
        if text
        else html.P(t("accessibility_missing", lang))
    )
    return shell(
        ctx,
        lang=lang,
        path=PATH,
        params={},
        title=t("accessibility_title", lang),
        children=[html.H1(t("accessibility_title", lang)), body],
    )


render = guarded(build, lambda **_: PATH)
layout = dash_layout(render)
