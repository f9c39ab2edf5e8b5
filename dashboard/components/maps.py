"""Classed maps: places coloured by class, a legend beside the map, a click to a page.

Every map of the dashboard (an indicator's values or statuses, the overview's focus areas on
track) draws places in a few named classes rather than on a continuous scale: a reader can say
"Gävle is in the worst quarter" and the legend names every colour in words. The classes come
from :func:`quantile_classes` (quartiles computed by mapclassify, direction-aware, the worst
class marked), :func:`status_classes` (the status vocabulary's categories and colours) or a
page's own list (:class:`MapClass`). The figure draws one trace per class, so a class is never
a colour alone: its name is in the hover text, in the legend (HTML, beside the map) and in the
table behind the map.
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Imported with the module, not on first use: mapclassify takes seconds to import (scipy,
# numba), which a gunicorn worker then pays while it boots instead of in a user's first map.
import mapclassify  # type: ignore[import-untyped]
import numpy as np
import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.figures import GRAPH_CONFIG, base_layout
from levande.dashboard.components.status import GROUP_COLOUR, GROUP_ICON
from levande.dashboard.i18n import format_number, pick, t
from levande.dashboard.urls import href
from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.vocabulary import STATUS_GROUP_ORDER, StatusGroup

MAP_CONFIG: Any = {**GRAPH_CONFIG, "topojsonURL": "/geo/topojson/", "scrollZoom": False}
"""The map's configuration: the empty base map from our own route, no zooming on scroll."""

MISSING_COLOUR = "#d9d9d9"
BOUNDARY_LINE = "#ffffff"

QUARTILE_COLOURS = ("#253494", "#1f5f8b", "#a1dab4", "#e66101")
"""Best to worst quarter: darker blue is better (as in the profile's quartile strip), the worst
quarter stands out in orange."""

NEUTRAL_COLOURS = ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#54278f")
"""Lowest to highest, for indicators without a direction: darker is only higher."""

MISSING_CLASS = "missing"


def boundaries_href(level: str, version: str) -> str:
    """The boundaries' address, versioned by the data so the browser may keep them for long."""
    token = hashlib.sha1(version.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return href(f"/geo/{level}.json", {"v": token})


@dataclass(frozen=True)
class MapClass:
    """One class of a classed map.

    Attributes:
        key: the value in the frame's ``cls`` column that puts a place in this class.
        label: its name in the legend and the hover text.
        colour: its fill.
        worst: the class that is worst for the goal; outlined on the map and named so.
        icon: a symbol shown beside the swatch in the legend (status categories).
    """

    key: str
    label: str
    colour: str
    worst: bool = False
    icon: str = ""


def _range_text(lo: float, hi: float, decimals: int, lang: str) -> str:
    return f"{format_number(lo, decimals, lang)}–{format_number(hi, decimals, lang)}"


def quantile_classes(
    values: pd.Series, direction: str, decimals: int, lang: str, k: int = 4
) -> tuple[list[str], list[MapClass]]:
    """Quartiles (``k`` quantile classes) of the values, computed by mapclassify.

    Classes are ordered best first (highest first when higher is better or without a
    direction, lowest first when lower is better); the worst is marked unless the indicator
    has no direction. Fewer classes come back when the values have fewer distinct values.

    Returns:
        The class key of every value (``missing`` where there is none) and the classes.
    """
    present = values.dropna().astype("float64")
    present = present[np.isfinite(present)]
    keys = [MISSING_CLASS] * len(values)
    if present.empty:
        return keys, []
    with warnings.catch_warnings():
        # mapclassify warns when there are fewer distinct values than classes; it then makes
        # fewer classes, which is what the map should show.
        warnings.simplefilter("ignore")
        scheme = mapclassify.Quantiles(present.to_numpy(), k=min(k, len(present)))
    yb = [int(b) for b in scheme.yb]
    n = len(scheme.bins)
    members: dict[int, list[float]] = {}
    for value, index in zip(present.tolist(), yb, strict=True):
        members.setdefault(index, []).append(float(value))
    neutral = direction not in ("higher_is_better", "lower_is_better")
    lower_better = direction == "lower_is_better"
    # Position 0 is the best (or, without a direction, the highest) class; classes that hold
    # no place (mapclassify's bins may repeat) are left out.
    filled = [i for i in range(n) if i in members]
    order = filled if lower_better else list(reversed(filled))
    palette = NEUTRAL_COLOURS if neutral else QUARTILE_COLOURS
    m = len(order)
    colours = list(reversed(palette[-m:])) if neutral else _spread(palette, m)
    classes: list[MapClass] = []
    for position, index in enumerate(order):
        # Each class is labelled by the lowest and highest value it holds, so labels of
        # neighbouring classes never overlap.
        lo, hi = min(members[index]), max(members[index])
        label = (
            format_number(lo, decimals, lang)
            if format_number(lo, decimals, lang) == format_number(hi, decimals, lang)
            else _range_text(lo, hi, decimals, lang)
        )
        worst = not neutral and m > 1 and position == m - 1
        if worst:
            label = t("map_class_worst", lang, range=label)
        elif not neutral and position == 0 and m > 1:
            label = t("map_class_best", lang, range=label)
        classes.append(MapClass(f"c{index}", label, colours[position], worst=worst))
    position_of = dict(zip(present.index, yb, strict=True))
    for i, idx in enumerate(values.index):
        if idx in position_of:
            keys[i] = f"c{position_of[idx]}"
    return keys, classes


def _spread(palette: Sequence[str], n: int) -> list[str]:
    """``n`` colours of a best-to-worst palette, always ending with the worst colour."""
    if n >= len(palette):
        return list(palette)
    if n == 1:
        return [palette[0]]
    return [*palette[: n - 1], palette[-1]]


def status_classes(lang: str) -> list[MapClass]:
    """The status vocabulary's categories as map classes, in the overview's order."""
    return [
        MapClass(
            group,
            t(f"group_{group}", lang),
            GROUP_COLOUR[group],
            worst=group == StatusGroup.WORSENING,
            icon=GROUP_ICON[group],
        )
        for group in STATUS_GROUP_ORDER
    ]


@dataclass(frozen=True)
class Outline:
    """Places drawn with a dark outline over their class colour (the chosen place, its peers).

    Attributes:
        codes: the places' codes.
        label: what they are, for the legend.
        width: the outline's width in pixels; the wider, the more it stands out.
    """

    codes: tuple[str, ...]
    label: str
    width: float


OUTLINE_COLOUR = "#1a1a1a"
CLEAR = "rgba(0,0,0,0)"


@dataclass(frozen=True)
class Inset:
    """A close-up beside the map: some places drawn again, zoomed to fit (a metropolitan region).

    Attributes:
        name: its name, written above it.
        codes: the places it shows.
    """

    name: str
    codes: tuple[str, ...]


def insets_for(catalogue: Catalogue | None, lang: str) -> tuple[Inset, ...]:
    """The catalogue's close-ups (``regions.map_insets``) named in the language."""
    if catalogue is None:
        return ()
    return tuple(
        Inset(pick(i.name_sv, i.name_en, lang), tuple(i.municipalities))
        for i in catalogue.regions.map_insets
    )


MAIN_DOMAIN = {"x": [0.0, 0.56], "y": [0.0, 1.0]}
"""Where Sweden is drawn when there are insets: the left part, the insets stacked at right."""

INSET_X = (0.6, 1.0)
INSET_GAP = 0.06
INSET_FRAME = "#5b6168"


def inset_domains(n: int) -> list[dict[str, list[float]]]:
    """The paper domains of ``n`` insets stacked top to bottom in the right column.

    Each leaves room above it for its name.
    """
    height = (1.0 - INSET_GAP * n) / n if n else 0.0
    domains = []
    for i in range(n):
        top = 1.0 - i * (height + INSET_GAP) - INSET_GAP
        domains.append({"x": list(INSET_X), "y": [round(top - height, 4), round(top, 4)]})
    return domains


def _class_traces(
    frame: pd.DataFrame, hrefs: pd.Series, geojson: str, every: Sequence[MapClass], geo: str
) -> list[dict[str, Any]]:
    traces = []
    for cls in every:
        rows = frame[frame["cls"] == cls.key]
        if rows.empty:
            continue
        traces.append(
            dict(
                type="choropleth", geojson=geojson, featureidkey="id",
                locations=rows["region_code"].tolist(),
                z=[0.0] * len(rows), colorscale=[[0, cls.colour], [1, cls.colour]],
                showscale=False, showlegend=False, name=cls.label, geo=geo,
                marker={"line": {"color": BOUNDARY_LINE, "width": 0.5}},
                customdata=[[text, link] for text, link in zip(rows["text"], hrefs[rows.index],
                                                                strict=True)],
                hovertemplate="%{customdata[0]}<extra></extra>",
            )
        )  # fmt: skip
    return traces


def _outline_traces(
    outlines: Sequence[Outline], geojson: str, geo: str, within: set[str] | None = None
) -> list[dict[str, Any]]:
    traces = []
    for outline in outlines:
        codes = [c for c in outline.codes if within is None or c in within]
        if not codes:
            continue
        traces.append(
            dict(
                type="choropleth", geojson=geojson, featureidkey="id", locations=codes,
                z=[0.0] * len(codes), colorscale=[[0, CLEAR], [1, CLEAR]], showscale=False,
                showlegend=False, name=outline.label, hoverinfo="skip", geo=geo,
                marker={"line": {"color": OUTLINE_COLOUR, "width": outline.width}},
            )
        )  # fmt: skip
    return traces


def classed_map_figure(
    frame: pd.DataFrame,
    geojson: str,
    classes: Sequence[MapClass],
    missing_label: str,
    lang: str,
    outlines: Sequence[Outline] = (),
    insets: Sequence[Inset] = (),
) -> go.Figure:
    """A map of places coloured by class, one trace per class (empty classes left out).

    With insets, Sweden takes the left part and each inset that holds a place of the frame is
    drawn again at right, zoomed to its places, framed and named; a click and the hover text
    work the same in an inset.

    Args:
        frame: one row per place: ``region_code``, ``cls`` (a class key, or ``missing``),
            ``text`` (the hover text) and, optionally, ``href`` (where a click leads).
        geojson: the boundaries' URL (the browser fetches them once and keeps them).
        classes: the classes, in the legend's order.
        missing_label: the name of places without a class.
        lang: the language, for number separators.
        outlines: places to outline on top (the peers first, the chosen place last).
        insets: close-ups of metropolitan regions (municipality maps).
    """
    traces: list[dict[str, Any]] = []
    hrefs = frame["href"] if "href" in frame else pd.Series([""] * len(frame), index=frame.index)
    every = [*classes, MapClass(MISSING_CLASS, missing_label, MISSING_COLOUR)]
    present = set(frame["region_code"])
    shown = [inset for inset in insets if present & set(inset.codes)]
    traces += _class_traces(frame, hrefs, geojson, every, "geo")
    traces += _outline_traces(outlines, geojson, "geo")
    geo_settings: dict[str, Any] = {
        "fitbounds": "locations", "visible": False, "projection": {"type": "mercator"},
        "bgcolor": "rgba(0,0,0,0)",
    }  # fmt: skip
    layout: dict[str, Any] = {"geo": dict(geo_settings)}
    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    if shown:
        layout["geo"]["domain"] = MAIN_DOMAIN
    for i, (inset, domain) in enumerate(zip(shown, inset_domains(len(shown)), strict=True)):
        geo = f"geo{i + 2}"
        within = set(inset.codes)
        rows = frame[frame["region_code"].isin(within)]
        traces += _class_traces(rows, hrefs, geojson, every, geo)
        traces += _outline_traces(outlines, geojson, geo, within)
        layout[geo] = {**geo_settings, "domain": domain}
        (x0, x1), (y0, y1) = domain["x"], domain["y"]
        shapes.append(
            {"type": "rect", "xref": "paper", "yref": "paper", "x0": x0, "x1": x1, "y0": y0,
             "y1": y1, "line": {"color": INSET_FRAME, "width": 1}}
        )  # fmt: skip
        annotations.append(
            {"text": inset.name, "xref": "paper", "yref": "paper", "x": x0, "y": y1,
             "xanchor": "left", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 13, "color": "#1a1a1a"}}
        )  # fmt: skip
    if shown:  # a validated layout leaves out empty lists; so does this one
        layout.update(annotations=annotations, shapes=shapes)
    layout = {
        **base_layout(lang), **layout, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "dragmode": False, "showlegend": False,
    }  # fmt: skip
    # Built from plain values without Plotly's per-property validation, which took most of a
    # map view's time (290 places, up to 30 traces with the close-ups): the figure's JSON is
    # the validated figure's, as tests/unit/dashboard/components/test_maps.py checks.
    return go.Figure(data=traces, layout=layout, _validate=False)


def map_legend(
    title: str,
    classes: Sequence[MapClass],
    missing_label: str | None,
    outlines: Sequence[Outline] = (),
) -> Any:
    """The legend beside the map: every class's colour and name, the worst one said in words.

    ``missing_label`` names the places without a class; None when the classes name them.
    Outlined places (the chosen place, its peers) follow with an outlined swatch.
    """
    missing = [MapClass(MISSING_CLASS, missing_label, MISSING_COLOUR)] if missing_label else []
    items = [
        html.Li(
            [
                html.Span(
                    cls.icon,
                    className="map-legend__swatch"
                    + (" map-legend__swatch--worst" if cls.worst else ""),
                    style={"background": cls.colour, "color": ink(cls.colour)},
                    **attrs({"aria-hidden": "true"}),
                ),
                html.Span(cls.label),
            ],
            className="map-legend__item",
        )
        for cls in [*classes, *missing]
    ]
    items += [
        html.Li(
            [
                html.Span(
                    className="map-legend__swatch map-legend__swatch--outline",
                    style={"borderWidth": f"{outline.width:g}px"},
                    **attrs({"aria-hidden": "true"}),
                ),
                html.Span(outline.label),
            ],
            className="map-legend__item",
        )
        for outline in outlines
        if outline.codes
    ]
    return html.Div(
        [
            html.P(title, className="map-legend__title"),
            html.Ul(items, className="map-legend__list"),
        ],
        className="map-legend",
    )


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#1a1a1a" if luminance > math.sqrt(1.05 * 0.05) - 0.05 else "#ffffff"


def map_block(
    graph_id: str,
    figure: go.Figure,
    legend: Any,
    caption: str,
    *,
    clickable: bool = False,
    config: Any = MAP_CONFIG,
) -> Any:
    """The map and its legend side by side (the legend below on a narrow screen), captioned.

    ``config`` lets a map of small areas zoom on scroll, where Sweden's map must not.
    """
    return html.Figure(
        [
            html.Div(
                [
                    dcc.Graph(
                        id=graph_id,
                        figure=figure,
                        config=config,
                        className="graph graph--map" + (" graph--links" if clickable else ""),
                    ),
                    legend,
                ],
                className="map-layout",
            ),
            html.Figcaption(caption),
        ],
        className="figure",
    )
