"""The Dash app: :func:`create_app` builds it; gunicorn serves ``levande.dashboard.app:server``.

Nothing happens at import time. ``server`` is made on first access (a module ``__getattr__``),
from the ``LEVANDE_*`` settings, so ``gunicorn levande.dashboard.app:server`` needs no wrapper file.

Its addresses — the Dash pages and the Flask blueprints for boundaries, downloads, health and
operator actions — are listed in :mod:`levande.dashboard.routes` and registered here, once.
"""

from __future__ import annotations

import logging
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import dash
import plotly.io.json  # type: ignore[import-untyped]
from dash import Input, Output, dcc, html
from flask import Flask, g, request
from sqlalchemy import Engine

from levande.dashboard.context import CONTEXT_KEY, AppContext
from levande.dashboard.i18n import DEFAULT_LANG, parse_lang, t
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
    """Dash with the page language in the first HTML response and a smaller plotly.js.

    dcc.Graph loads plotly.js, when the first figure is drawn, from the address in
    ``window._dashPlotlyJSURL``, which Dash's renderer points at plotly.py's full bundle
    (4.8 MB). The dashboard draws only lines and maps, so it serves plotly.js's geo bundle
    instead (``dashboard/vendor``, 1.4 MB): its address is written on ``<html
    data-plotly-js>`` and ``assets/levande.js`` makes ``_dashPlotlyJSURL`` answer with it.
    """

    def _setup_plotlyjs(self) -> None:
        """Register the geo bundle in place of the full bundle (see ``dashboard/vendor``).

        dcc's resource list belongs to the module, and Dash adds the full bundle to it for
        every app it builds; every entry of the ``plotly`` package is taken out again, so the
        browser never loads both, however many apps a process builds.
        """
        from dash import dcc

        from levande.dashboard import vendor

        resources: list[dict[str, Any]] = dcc._js_dist
        resources[:] = [r for r in resources if r.get("namespace") != "plotly"]
        # Registered so that Dash serves the file; loaded by dcc.Graph when it first draws.
        ours = {"relative_package_path": vendor.PLOTLY_BUNDLE, "namespace": vendor.__name__,
                "dynamic": True}  # fmt: skip
        if ours not in resources:
            resources.append(ours)
        self._plotlyjs_url = self.plotly_bundle_url()

    def plotly_bundle_url(self) -> str:
        """The address the geo bundle is served from."""
        from levande.dashboard import vendor

        prefix = self.config.requests_pathname_prefix or "/"
        return f"{prefix}_dash-component-suites/{vendor.__name__}/{vendor.PLOTLY_BUNDLE}"

    def interpolate_index(self, **kwargs: Any) -> str:  # type: ignore[override]
        """The index page, its ``lang`` attribute taken from the ``lang`` query parameter.

        The head announces the page's Atom feeds (autodiscovery): its own for a place, an
        indicator or an area, and the whole product's.
        """
        from levande.dashboard.components.feed_links import link_tags

        try:
            lang, _ = parse_lang(request.args.get("lang"))
            path = request.path
        except RuntimeError:  # outside a request
            lang, path = DEFAULT_LANG, "/"
        kwargs["metas"] = str(kwargs.get("metas", "")) + link_tags(path, lang)
        page = str(super().interpolate_index(**kwargs))  # type: ignore[no-untyped-call]
        bundle = self.plotly_bundle_url()
        return page.replace(
            '<html lang="sv">', f'<html lang="{lang}" data-plotly-js="{bundle}">', 1
        )


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> dash.Dash:
    """Build the dashboard.

    Args:
        settings: the settings; read from the environment when None.
        engine: the database; made from ``settings`` when None (read-only use).

    Returns:
        The Dash app; its Flask server is ``app.server``.
    """
    from levande.dashboard import routes
    from levande.indicators.core.settings import get_settings
    from levande.indicators.store.database import make_engine

    settings = settings if settings is not None else get_settings()
    # Plotly's "auto" JSON engine picks orjson when it is installed (the ETL uses it), and then
    # walks every list of a figure in Python first; the standard library's encoder is faster for
    # the plain lists our figures hold (benchmarks/RESULTS.md, section 7).
    plotly.io.json.config.default_engine = "json"
    if engine is None:
        engine = make_engine(settings.resolved_database_url, readonly_ok=True)
    context = AppContext(engine=engine, settings=settings)
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
    _pin_reads_per_request(app.server, context)
    for module in routes.page_modules():
        module.register()
    app.layout = html.Div([dash.page_container, dcc.Store(id="meta-sink")])
    app.clientside_callback(  # type: ignore[no-untyped-call]
        AFTER_RENDER, Output("meta-sink", "data"), Input("page-meta", "data")
    )
    for blueprint in routes.blueprints():
        app.server.register_blueprint(blueprint)
    return app


def _pin_reads_per_request(server: Flask, context: AppContext) -> None:
    """Each request reads one data version, and each read at most once.

    A page asks for the catalogue, the regions or a level's status counts from several of its
    parts; inside the pin (:meth:`Reader.pinned`) the data version is read once per request
    and a repeated read is answered from the request's own memory, also with the read cache
    off. The pin ends with the request, so the next one sees a refresh at once.
    """

    def enter() -> None:
        pins = ExitStack()
        pins.enter_context(context.reader.pinned())
        g.levande_read_pin = pins

    def leave(_error: BaseException | None) -> None:
        pins = g.pop("levande_read_pin", None)
        if isinstance(pins, ExitStack):
            pins.close()

    server.before_request(enter)
    server.teardown_request(leave)


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
