"""The Dash app: :func:`create_app` builds it; gunicorn serves ``levande.dashboard.app:server``.

Nothing happens at import time. ``server`` is made on first access (a module ``__getattr__``),
from the ``LEVANDE_*`` settings, so ``gunicorn levande.dashboard.app:server`` needs no wrapper file.

Besides the pages the app serves two plain routes:

* ``/geo/<level>.json`` — the simplified boundaries, with long-lived caching: the map refers
  to this URL, so the browser fetches the boundaries once and each map change carries only
  values;
* ``/ladda-ner/<indicator>.<csv|xlsx>`` — downloads of exactly what a view shows, built from
  the same URL state as the page.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, dcc, html
from flask import Response, request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import CONTEXT_KEY, AppContext, current
from levande.dashboard.i18n import DEFAULT_LANG, parse_lang, t
from levande.indicators.core.catalogue import Catalogue, CatalogueError, load_catalogue
from levande.indicators.core.settings import Settings

log = logging.getLogger(__name__)

INDEX = """<!DOCTYPE html>
<html lang="sv">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""
"""Dash's index page with a ``lang`` attribute and without a second ``footer`` landmark."""

AFTER_RENDER = """
function(meta) {
    if (window.levande && meta) { window.levande.afterRender(meta); }
    return window.dash_clientside.no_update;
}
"""
"""Sets ``<html lang>`` and the title after each page render (see assets/levande.js)."""


class LevandeDash(dash.Dash):
    """Dash with the page language in the first HTML response, before any script runs."""

    def interpolate_index(self, **kwargs: Any) -> str:  # type: ignore[override]
        """The index page, its ``lang`` attribute taken from the ``lang`` query parameter."""
        page = str(super().interpolate_index(**kwargs))  # type: ignore[no-untyped-call]
        try:
            lang, _ = parse_lang(request.args.get("lang"))
        except RuntimeError:  # outside a request
            lang = DEFAULT_LANG
        return page.replace('<html lang="sv">', f'<html lang="{lang}">', 1)


def _load_catalogue(settings: Settings) -> Catalogue | None:
    try:
        return load_catalogue(settings.config_dir)
    except CatalogueError as exc:
        log.warning(
            "the catalogue cannot be read (%d problems); the goal is not shown", len(exc.problems)
        )
        return None


@lru_cache(maxsize=4)
def _wound_for_d3(etag: str, geojson: str) -> str:
    """The boundaries rewound for the browser's map, kept per version (``etag``)."""
    from levande.dashboard.geo import for_d3

    return for_d3(geojson)


def boundaries_route(level: str) -> Response:
    """The boundaries of a level as GeoJSON, cached by the browser for a long time."""
    from levande.indicators.reads import series as obs

    if level not in ("kommun", "lan"):
        return Response("{}", status=404, mimetype="application/geo+json")
    try:
        geojson = obs.boundaries(current().reader, level)
    except SQLAlchemyError:
        log.exception("boundaries cannot be read")
        return Response("{}", status=503, mimetype="application/geo+json")
    if geojson is None:
        return Response("{}", status=404, mimetype="application/geo+json")
    etag = hashlib.sha1(geojson.encode("utf-8")).hexdigest()[:16]
    if request.if_none_match and etag in request.if_none_match:
        return Response(status=304)
    geojson = _wound_for_d3(etag, geojson)
    response = Response(geojson, mimetype="application/geo+json")
    response.set_etag(etag)
    # The page asks with ?v=<data version>: a new load gets a new URL, so the old can be kept.
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000 if request.args.get("v") else 3600
    return response


EMPTY_TOPOLOGY = (
    '{"type":"Topology","arcs":[],"objects":{'
    + ",".join(
        f'"{layer}":{{"type":"GeometryCollection","geometries":[]}}'
        for layer in ("land", "ocean", "lakes", "rivers", "coastlines", "countries", "subunits")
    )
    + "}}"
)
"""An empty base map: the choropleth draws only our boundaries, so the browser never needs
Plotly's world map from its CDN (and an offline site or a strict network works the same)."""


def topojson_route(name: str) -> Response:
    """The empty base map Plotly's geo view asks for (``world_110m.json`` and the like)."""
    response = Response(EMPTY_TOPOLOGY, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000
    return response


def download_route(indicator_id: str, fmt: str) -> Response:
    """CSV or Excel of the chart's or the table's data for the URL's state."""
    from levande.dashboard import downloads
    from levande.dashboard.pages.indicator import facts_for
    from levande.dashboard.params import parse_indicator_state
    from levande.indicators.reads import dimensions as dims

    lang, _ = parse_lang(request.args.get("lang"))
    view = request.args.get("view", "chart")
    try:
        ctx = current()
        info = dims.indicator(ctx.reader, indicator_id)
        if info is None:
            return downloads.message_page(
                lang,
                t("not_found_title", lang),
                t("unknown_indicator", lang, value=indicator_id[:60]),
                404,
            )
        if fmt not in downloads.FORMATS or view not in downloads.VIEWS:
            return downloads.message_page(
                lang, t("not_found_title", lang), t("not_found_text", lang), 404
            )
        raw = {key: request.args.getlist(key) for key in request.args}
        state = parse_indicator_state(info.id, raw, facts_for(ctx, info))
        frame = (
            downloads.chart_frame(ctx, info, state)
            if view == "chart"
            else downloads.table_frame(ctx, info, state)
        )
        name = downloads.filename(info, state, view, fmt)
    except SQLAlchemyError:
        log.exception("download of %s failed", indicator_id)
        return downloads.message_page(lang, t("error_title", lang), t("error_database", lang), 503)
    return downloads.file_response(frame, fmt, name)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> dash.Dash:
    """Build the dashboard.

    Args:
        settings: the settings; read from the environment when None.
        engine: the database; made from ``settings`` when None (read-only use).

    Returns:
        The Dash app; its Flask server is ``app.server``.
    """
    from levande.dashboard.pages import register_pages
    from levande.indicators.core.settings import get_settings
    from levande.indicators.store.database import make_engine

    settings = settings if settings is not None else get_settings()
    if engine is None:
        engine = make_engine(settings.resolved_database_url, readonly_ok=True)
    context = AppContext(engine=engine, settings=settings, catalogue=_load_catalogue(settings))
    app = LevandeDash(
        "levande.dashboard",
        # The assets ship inside the package; an installed wheel serves the same files.
        assets_folder=str(Path(__file__).resolve().parent / "assets"),
        use_pages=True,
        # gzip (flask-compress): a re-rendered page or a ranking of 290 places shrinks about
        # tenfold on the wire, also where no compressing proxy stands in front.
        compress=True,
        pages_folder="",
        suppress_callback_exceptions=True,
        title=t("product", DEFAULT_LANG),
        update_title="",
        index_string=INDEX,
        include_pages_meta=False,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": t("product_tagline", DEFAULT_LANG)},
        ],
    )
    app.server.config[CONTEXT_KEY] = context
    register_pages()
    app.layout = html.Div([dash.page_container, dcc.Store(id="meta-sink")])
    app.clientside_callback(  # type: ignore[no-untyped-call]
        AFTER_RENDER, Output("meta-sink", "data"), Input("page-meta", "data")
    )
    app.server.add_url_rule("/geo/<level>.json", "levande_geo", boundaries_route)
    app.server.add_url_rule("/geo/topojson/<name>.json", "levande_topojson", topojson_route)
    app.server.add_url_rule("/ladda-ner/<indicator_id>.<fmt>", "levande_download", download_route)
    from levande.dashboard import operations, place_downloads

    operations.register(app.server)
    place_downloads.register_routes(app.server)
    from levande.dashboard import response_cache

    response_cache.register(app.server)
    return app


_server_lock = threading.Lock()
_default_app: dash.Dash | None = None


def __getattr__(name: str) -> Any:
    """``server``: the WSGI app of a dashboard built from the environment, made once."""
    if name != "server":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    global _default_app
    with _server_lock:
        if _default_app is None:
            from levande.indicators.core.settings import configure_logging, get_settings

            settings = get_settings()
            configure_logging(settings)
            _default_app = create_app(settings)
    return _default_app.server
