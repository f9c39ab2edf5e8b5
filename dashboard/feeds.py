"""Atom feeds (:data:`blueprint`): what changed, for a place, an indicator, an area or all.

Atom (RFC 4287) is read by every feed reader and by the bridges that turn feeds into e-mail.
The entries come from the change records each refresh writes (``indicators.reads.feeds``);
an entry's id is made from the record's identity, so it is the same every time the feed is
built and a reader shows each change once. Each page announces its feed in the HTML head
(``components.feed_links``), the usual autodiscovery.

Addresses: ``/flode.atom`` (everything), ``/flode/indikator/<id>.atom``,
``/flode/omrade/<id>.atom``, ``/flode/kommun/<code>.atom``, ``/flode/lan/<code>.atom``; each
in Swedish, or English with ``?lang=en``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request

from levande.dashboard.components.feed_links import ATOM, FEED_KINDS, FEED_PATH, feed_path
from levande.dashboard.components.values import source_name
from levande.dashboard.context import AppContext, current
from levande.dashboard.files import message_page
from levande.dashboard.i18n import parse_lang, pick, t
from levande.dashboard.urls import echo, with_lang
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.feeds import (
    NEW_PERIODS,
    QUARTILE,
    REVISED,
    STATUS,
    FeedEntry,
    place_changes,
    refresh_changes,
)

log = logging.getLogger(__name__)

blueprint = Blueprint("feeds", __name__)

LIMIT = 50
"""Entries per feed: the latest changes; a reader keeps what it has seen."""

EPOCH = datetime(2025, 1, 30, tzinfo=UTC)
"""``updated`` of a feed with no change yet: the day the strategy was presented."""

_SAFE = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True)
class Scope:
    """What a feed covers.

    Attributes:
        kind: ``all``, ``indikator``, ``omrade``, ``kommun`` or ``lan``.
        key: the indicator's or area's id, or the place's code; empty for ``all``.
        name: its name in the feed's language.
        page: the page it belongs to.
    """

    kind: str
    key: str
    name: str
    page: str


def _scope(ctx: AppContext, kind: str, key: str, lang: str) -> Scope | None:
    reader = ctx.reader
    name: str | None = None
    if kind == "indikator":
        info = dims.indicator(reader, key)
        name = pick(info.title_sv, info.title_en, lang) if info is not None else None
    elif kind == "omrade":
        area = dims.focus_area(reader, key)
        name = pick(area.name_sv, area.name_en, lang) if area is not None else None
    elif kind in ("kommun", "lan"):
        place = dims.region(reader, key)
        name = place.name if place is not None and place.level == kind else None
    return Scope(kind, key, name, f"/{kind}/{key}") if name is not None else None


def _entries(ctx: AppContext, scope: Scope) -> list[FeedEntry]:
    if scope.kind in ("kommun", "lan"):
        return place_changes(ctx.engine, scope.key, LIMIT)
    if scope.kind == "indikator":
        return refresh_changes(ctx.engine, [scope.key], LIMIT)
    if scope.kind == "omrade":
        ids = [i.id for i in dims.indicators(ctx.reader, scope.key)]
        return refresh_changes(ctx.engine, ids, LIMIT)
    return refresh_changes(ctx.engine, None, LIMIT)


def entry_text(entry: FeedEntry, title: str, lang: str, level: str = "kommun") -> str:
    """An entry's title in words: what changed, for which indicator.

    ``level`` is the place's, for saying among whom a quartile is counted.
    """
    if entry.kind == NEW_PERIODS:
        return t("feed_entry_new", lang, title=title, periods=", ".join(entry.periods))
    if entry.kind == REVISED:
        return t("feed_entry_revised", lang, title=title, count=entry.count)
    if entry.kind == STATUS:
        before, after = (t(f"status_{s}", lang) for s in (entry.before, entry.after))
        return t("feed_entry_status", lang, title=title, before=before, after=after)
    if entry.kind == QUARTILE:
        among = t("among_lan" if level == "lan" else "among_kommuner", lang)
        return t(
            "feed_entry_quartile",
            lang,
            title=title,
            before=entry.before,
            after=entry.after,
            among=among,
        )
    return title


def _entry_page(entry: FeedEntry, scope: Scope, lang: str) -> str:
    params = {"kommun": scope.key} if scope.kind == "kommun" else {}
    return with_lang(f"/indikator/{entry.indicator_id}", lang, params)


def atom(
    ctx: AppContext, scope: Scope, entries: Sequence[FeedEntry], lang: str, root: str
) -> bytes:
    """The feed as Atom XML.

    Args:
        ctx: the app's context (indicator titles and sources).
        scope: what the feed covers.
        entries: its entries, newest first.
        lang: the language of its texts.
        root: the site's address (``https://host/``), for absolute links.
    """
    base = root.rstrip("/")
    titles = {i.id: i for i in dims.indicators(ctx.reader)}
    feed = FeedGenerator()
    suffix = f":{scope.kind}:{scope.key}" if scope.kind != "all" else ""
    feed.id(f"urn:levande-stader:feed{suffix}:{lang}")
    product = t("product", lang)
    feed.title(f"{product}: {scope.name}" if scope.kind != "all" else t("feed_title_all", lang))
    feed.subtitle(t("feed_subtitle", lang))
    feed.author({"name": product})
    feed.language(lang)
    feed.link(href=base + with_lang(feed_path(scope.kind, scope.key), lang), rel="self", type=ATOM)
    feed.link(href=base + with_lang(scope.page, lang), rel="alternate", type="text/html")
    stamps = [e.at for e in entries]
    feed.updated(max(stamps) if stamps else (dims.last_refresh(ctx.reader) or EPOCH))
    for entry in entries:
        info = titles.get(entry.indicator_id)
        title = pick(info.title_sv, info.title_en, lang) if info else entry.indicator_id
        item = feed.add_entry(order="append")
        item.id(f"urn:levande-stader:change:{entry.key}")
        item.title(entry_text(entry, title, lang, scope.kind))
        item.updated(entry.at)
        item.link(href=base + _entry_page(entry, scope, lang), rel="alternate", type="text/html")
        if info is not None:
            item.summary(t("feed_entry_source", lang, source=source_name(info.source, lang)))
    return bytes(feed.atom_str(pretty=True))


def _answer(kind: str, key: str) -> Response:
    ctx = current()
    lang, _ = parse_lang(request.args.get("lang"))
    scope = (
        Scope("all", "", t("feed_title_all", lang), "/")
        if kind == "all"
        else _scope(ctx, kind, key, lang)
    )
    if scope is None:
        message = t("feed_not_found", lang, value=echo(f"{kind}/{key}"))
        return message_page(lang, t("not_found_title", lang), message, 404)
    body = atom(ctx, scope, _entries(ctx, scope), lang, request.host_url)
    response = Response(body, mimetype=ATOM)
    response.cache_control.public = True
    response.cache_control.max_age = 900
    return response


@blueprint.get(f"{FEED_PATH}.atom")
def everything() -> Response:
    """The whole product's feed: every indicator's new periods and revisions."""
    return _answer("all", "")


@blueprint.get(f"{FEED_PATH}/<kind>/<key>.atom")
def one(kind: str, key: str) -> Response:
    """The feed of one indicator, focus area, municipality or county."""
    if kind not in FEED_KINDS:
        lang, _ = parse_lang(request.args.get("lang"))
        return message_page(lang, t("not_found_title", lang), t("not_found_text", lang), 404)
    return _answer(kind, key)
