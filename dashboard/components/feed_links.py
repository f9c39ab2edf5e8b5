"""The feeds a page announces: ``<link rel="alternate" type="application/atom+xml">``.

Feed readers find a page's feed in its HTML head (autodiscovery). The first answer's head is
written by the server (:func:`link_tags`, from :class:`levande.dashboard.app.LevandeDash`); a
page reached inside the app, without a new document, carries the same links in its
``page-meta`` store (:func:`feed_links`, from ``components.shell.page``), and
``assets/levande.js`` puts them in the head after each render. One function decides both, so
the head is the same however the page was reached.
"""

from __future__ import annotations

import re
from html import escape

from levande.dashboard.i18n import t
from levande.dashboard.urls import with_lang

FEED_PATH = "/flode"
ATOM = "application/atom+xml"

_SAFE = re.compile(r"^[A-Za-z0-9-]{1,64}$")
FEED_KINDS = frozenset({"indikator", "omrade", "kommun", "lan"})
"""The pages with a feed of their own, by the first part of their path."""


def feed_path(kind: str, key: str = "") -> str:
    """The address of a feed: ``/flode.atom`` or ``/flode/<kind>/<key>.atom``."""
    return f"{FEED_PATH}.atom" if kind == "all" else f"{FEED_PATH}/{kind}/{key}.atom"


def feed_links(path: str, lang: str) -> list[tuple[str, str]]:
    """(href, title) of the feeds a page at ``path`` announces: its own, then everything."""
    links = []
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] in FEED_KINDS and _SAFE.match(parts[1]):
        links.append((with_lang(feed_path(parts[0], parts[1]), lang), t("feed_link_page", lang)))
    links.append((with_lang(feed_path("all"), lang), t("feed_link_all", lang)))
    return links


def link_tags(path: str, lang: str) -> str:
    """The HTML ``<link>`` tags of :func:`feed_links`, escaped."""
    return "".join(
        f'<link rel="alternate" type="{ATOM}" href="{escape(href)}" title="{escape(title)}">'
        for href, title in feed_links(path, lang)
    )
