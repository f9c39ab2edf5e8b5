"""What the pages share: the safety net around layouts and small text helpers.

A page layout is a plain function of the URL (path variables and query parameters). Dash
calls it inside its routing callback, where an exception would become an HTTP 500; every
layout is therefore wrapped by :func:`safe_layout`, which logs the error and shows a friendly
page with a way back instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.components.messages import friendly_error
from levande.dashboard.components.shell import page
from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import format_number, pick, t
from levande.dashboard.urls import lang_from, with_lang
from levande.indicators.reads import queries as q

log = logging.getLogger(__name__)

Layout = Callable[..., Any]


def credits(ctx: AppContext, lang: str) -> list[str]:
    """The sources' credit lines ("Källa: SCB", "Källa: Kolada") in the language."""
    if ctx.catalogue is not None and ctx.catalogue.sources:
        return [
            pick(s.credit_sv, s.credit_en, lang)
            for s in sorted(ctx.catalogue.sources.values(), key=lambda s: s.id != "scb")
        ]
    return [t("credit_scb", lang), t("credit_kolada", lang)]


def credit_for(ctx: AppContext, info: q.IndicatorInfo, lang: str) -> str:
    """The credit line of one indicator: its own, or its source's."""
    own = pick(info.credit_sv, info.credit_en, lang)
    if own:
        return own
    if ctx.catalogue is not None and info.source in ctx.catalogue.sources:
        src = ctx.catalogue.sources[info.source]
        return pick(src.credit_sv, src.credit_en, lang)
    return t("credit_scb" if info.source == "scb" else "credit_kolada", lang)


def last_refresh_safe(ctx: AppContext) -> Any:
    """The last refresh, or None when the database cannot say (an empty or new database)."""
    try:
        return q.last_refresh(ctx.engine)
    except SQLAlchemyError:
        return None


def shell(
    ctx: AppContext,
    *,
    lang: str,
    path: str,
    params: Mapping[str, str | None],
    title: str,
    children: list[Any],
) -> Any:
    """A page in the common frame."""
    return page(
        lang=lang,
        path=path,
        params=params,
        title=title,
        children=children,
        credits=credits(ctx, lang),
        last_refresh=last_refresh_safe(ctx),
    )


def error_page(ctx: AppContext, lang: str, path: str, title: str, message: str) -> Any:
    """A friendly error page with a way back to the overview."""
    return shell(
        ctx,
        lang=lang,
        path=path,
        params={},
        title=title,
        children=friendly_error(
            lang, title, message, [(t("back_to_overview", lang), with_lang("/", lang))]
        ),
    )


def guarded(build: Layout, path_of: Callable[..., str]) -> Layout:
    """Wrap a page builder ``(ctx, **url) -> component`` so that it never fails.

    Args:
        build: the builder; it gets the context and the URL's path variables and query
            parameters as keywords.
        path_of: gives the page's path from the same keywords, for the error page's
            language switch.

    Returns:
        ``render(ctx, **url)``: the builder's page, or a friendly error page.
    """

    @wraps(build)
    def render(ctx: AppContext, **kwargs: Any) -> Any:
        lang, _ = lang_from(kwargs)
        try:
            return build(ctx, **kwargs)
        except SQLAlchemyError:
            log.exception("database error while building %s", build.__module__)
            message = t("error_database", lang)
        except Exception:
            log.exception("error while building %s", build.__module__)
            message = t("error_generic", lang)
        try:
            path = path_of(**kwargs)
        except Exception:
            path = "/"
        return error_page(ctx, lang, path, t("error_title", lang), message)

    return render


def dash_layout(render: Layout) -> Layout:
    """The layout Dash calls: ``render`` with the context of the app serving the request."""

    def layout(**kwargs: Any) -> Any:
        return render(current(), **kwargs)

    layout.__name__ = f"{render.__name__}_layout"
    return layout


def indicator_title(info: q.IndicatorInfo, lang: str) -> str:
    """An indicator's title in the language."""
    return pick(info.title_sv, info.title_en, lang)


def unit_of(info: q.IndicatorInfo, lang: str) -> str:
    """An indicator's unit in the language."""
    return pick(info.unit_sv, info.unit_en, lang)


def value_text(info: q.IndicatorInfo, value: float | None, lang: str) -> str:
    """A value with the indicator's decimals and unit, or "missing"."""
    number = format_number(value, info.decimals, lang)
    if not number:
        return t("missing", lang)
    return t("value_with_unit", lang, value=number, unit=unit_of(info, lang))


def focus_area_name(fa: q.FocusAreaInfo, lang: str) -> str:
    """A focus area's name in the language."""
    return pick(fa.name_sv, fa.name_en, lang)
