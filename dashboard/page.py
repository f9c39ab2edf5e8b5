"""What the pages share: the frame around their content and the safety net around layouts.

A page is built in three steps, the same for every feature: its URL parameters are parsed
(unknown ones ignored), its data is loaded once into a frozen dataclass (``data.py`` of the
feature), and pure render functions turn that data into :class:`Content`. :func:`framed` puts
the content in the common frame (header, footer, sources, the data's last refresh).

A page layout is a plain function of the URL (path variables and query parameters). Dash
calls it inside its routing callback, where an exception would become an HTTP 500; every
layout is therefore wrapped by :func:`guarded`, which logs the error and shows a friendly
page with a way back instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

import dash
from flask import has_request_context, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.components.embed import embed_page
from levande.dashboard.components.messages import friendly_error
from levande.dashboard.components.shell import page
from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import pick, t
from levande.dashboard.urls import lang_from, path_variables, with_lang
from levande.indicators.core.catalogue import Indicator
from levande.indicators.reads import dimensions as dims

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


def credit_for(ctx: AppContext, info: Indicator, lang: str) -> str:
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
        return dims.last_refresh(ctx.reader)
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


@dataclass(frozen=True)
class Content:
    """What a page shows inside the frame, and what the frame needs to know of it.

    Attributes:
        lang: the page's language.
        path: the page's path, for the language switch.
        title: the page title (without the product name).
        children: the content of ``main``.
        params: the page's query parameters except ``lang``, kept by the language switch.
    """

    lang: str
    path: str
    title: str
    children: Sequence[Any]
    params: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class NotFound:
    """What a page's data is when the URL names nothing that exists.

    Attributes:
        lang: the page's language.
        path: the address asked for.
        message: what was not found, in the language (it may quote the address).
        links: (label, href) of the ways on; the overview when empty.
    """

    lang: str
    path: str
    message: str
    links: tuple[tuple[str, str], ...] = ()


def error_content(
    lang: str, path: str, title: str, message: str, links: Sequence[tuple[str, str]] = ()
) -> Content:
    """A friendly error page's content: what happened and the ways on (the overview if none)."""
    ways = list(links) or [(t("back_to_overview", lang), with_lang("/", lang))]
    return Content(lang, path, title, friendly_error(lang, title, message, ways))


def not_found_content(missing: NotFound) -> Content:
    """The content of a page whose URL names nothing that exists."""
    title = t("not_found_title", missing.lang)
    return error_content(missing.lang, missing.path, title, missing.message, missing.links)


def framed(ctx: AppContext, content: Content) -> Any:
    """A page's content in the common frame."""
    return shell(
        ctx,
        lang=content.lang,
        path=content.path,
        params=content.params,
        title=content.title,
        children=list(content.children),
    )


def site_url(ctx: AppContext) -> str:
    """The site's address for links that leave it (embed snippets): the setting, else the host.

    Outside a request (unit tests) it is empty, and the snippets' addresses are relative.
    """
    if ctx.settings.public_url:
        return ctx.settings.public_url
    return request.host_url.rstrip("/") if has_request_context() else ""


def embedded(ctx: AppContext, content: Content, full_href: str) -> Any:
    """A page's content as an embeddable view: no site frame, sources and date kept."""
    return embed_page(
        lang=content.lang,
        title=content.title,
        children=list(content.children),
        credits=credits(ctx, content.lang),
        last_refresh=last_refresh_safe(ctx),
        full_href=full_href,
    )


def error_page(ctx: AppContext, lang: str, path: str, title: str, message: str) -> Any:
    """A friendly error page with a way back to the overview."""
    return framed(ctx, error_content(lang, path, title, message))


def guarded(build: Layout, path_of: Callable[..., str]) -> Layout:
    """Wrap a page builder ``(ctx, /, **url) -> component`` so that it never fails.

    Args:
        build: the builder; it gets the context (positional only, so that a query parameter
            named ``ctx`` is just another unknown parameter) and the URL's path variables and
            query parameters as keywords.
        path_of: gives the page's path from the same keywords, for the error page's
            language switch.

    Returns:
        ``render(ctx, /, **url)``: the builder's page, or a friendly error page.
    """

    @wraps(build)
    def render(ctx: AppContext, /, **kwargs: Any) -> Any:
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


def requested_path() -> str | None:
    """The path the page router was asked for, or None outside its callback."""
    try:
        inputs = dash.callback_context.inputs
    except Exception:  # no callback is running (a test calling a layout directly)
        return None
    value = inputs.get("_pages_location.pathname") if isinstance(inputs, dict) else None
    return value if isinstance(value, str) else None


def dash_layout(render: Layout, template: str | None = None) -> Layout:
    """The layout Dash calls: ``render`` with the context of the app serving the request.

    Dash passes path variables and query parameters as one set of keywords, a query parameter
    replacing a path variable of the same name (``/kommun/0180?code=0114``). The path is the
    address's own: with the page's ``template``, the path variables are read again from the
    path asked for and win over any query parameter of the same name.
    """

    def layout(**kwargs: Any) -> Any:
        path = requested_path() if template is not None else None
        if template is not None and path is not None:
            kwargs = {**kwargs, **path_variables(template, path)}
        return render(current(), **kwargs)

    layout.__name__ = f"{render.__name__}_layout"
    return layout
