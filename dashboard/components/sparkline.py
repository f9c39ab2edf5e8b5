"""Sparklines: a small trend line drawn as SVG and shown as an image with a text alternative.

One drawing serves two places, each with its own look (:class:`SparkStyle`): the focus-area
cards show the nation's series (:data:`NATIONAL`), and a profile's tables show the place's
series over the nation's, dashed and grey, on one shared scale (:data:`PLACE`). A missing
value breaks the line and a value standing alone between gaps is a dot; years are placed by
their number, so gaps between years keep their width. The page always gives the image a text
alternative naming the first and last values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from dash import html

from levande.dashboard.components.figures import ROLE_STYLE
from levande.dashboard.components.values import value_text
from levande.dashboard.i18n import format_period, t
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.status import period_year

Points = Sequence[tuple[str, float | None]]
"""A series: (period, value or None), oldest first."""

PAD = 3
"""Room around the line, so that dots at the edges are whole."""

REFERENCE_STROKE = "#5b6168"
"""The reference series (the nation under a place): grey and dashed, beneath the place's."""


@dataclass(frozen=True)
class SparkStyle:
    """How a sparkline looks and how its markup is written.

    Attributes:
        width: the image's width in pixels.
        height: its height.
        stroke: the colour of the series' line and dots.
        lone_radius: the radius of a value standing alone between gaps.
        end_radius: the radius of the dot on the latest value.
        end_on_lone: whether a latest value standing alone gets the latest-value dot too.
        end_after_gap: whether the latest value gets its dot when later periods are missing.
        compact: single-quoted markup without spaces, written into a short data URI (for
            tables with many sparklines); else double quotes, fully escaped.
        class_name: the image's CSS class.
    """

    width: int
    height: int
    stroke: str
    lone_radius: str
    end_radius: str
    end_on_lone: bool
    end_after_gap: bool
    compact: bool
    class_name: str


NATIONAL = SparkStyle(
    width=120,
    height=32,
    stroke=ROLE_STYLE["riket"][0],
    lone_radius="2.5",
    end_radius="3",
    end_on_lone=True,
    end_after_gap=False,
    compact=False,
    class_name="sparkline",
)
"""The nation's series on a focus area's indicator cards."""

PLACE = SparkStyle(
    width=110,
    height=30,
    stroke="#1a1a1a",
    lone_radius="2",
    end_radius="2.5",
    end_on_lone=False,
    end_after_gap=True,
    compact=True,
    class_name="trend",
)
"""A place's series over the nation's, in a profile's tables."""

Run = list[tuple[float, float]]


def scaled_runs(series: Sequence[Points], width: int, height: int) -> list[list[Run]]:
    """Each series as runs of (x, y) image points on one shared scale; gaps split runs.

    Every period of every series counts for the horizontal scale, every value for the
    vertical one; a flat series lies in the middle.
    """
    xs_all: list[float] = []
    vs_all: list[float] = []
    for points in series:
        for i, (period, value) in enumerate(points):
            year = period_year(period)
            xs_all.append(float(year) if year is not None else float(i))
            if value is not None and math.isfinite(value):
                vs_all.append(value)
    if not vs_all:
        return [[] for _ in series]
    x_lo, x_hi = min(xs_all), max(xs_all)
    v_lo, v_hi = min(vs_all), max(vs_all)

    def sx(x: float) -> float:
        return PAD + (x - x_lo) / (x_hi - x_lo) * (width - 2 * PAD) if x_hi > x_lo else width / 2

    def sy(v: float) -> float:
        if v_hi == v_lo:
            return height / 2
        return height - PAD - (v - v_lo) / (v_hi - v_lo) * (height - 2 * PAD)

    out: list[list[Run]] = []
    for points in series:
        runs: list[Run] = [[]]
        for i, (period, value) in enumerate(points):
            if value is None or not math.isfinite(value):
                if runs[-1]:
                    runs.append([])
                continue
            year = period_year(period)
            runs[-1].append((sx(float(year) if year is not None else float(i)), sy(value)))
        out.append([run for run in runs if run])
    return out


def _element(name: str, attributes: Sequence[tuple[str, str]], q: str, body: str | None) -> str:
    text = " ".join(f"{key}={q}{value}{q}" for key, value in attributes)
    return f"<{name} {text}/>" if body is None else f"<{name} {text}>{body}</{name}>"


def _path(run: Run, stroke: str, width: str, style: SparkStyle, dashed: bool = False) -> str:
    joiner = "L" if style.compact else " L"
    d = "M" + joiner.join(f"{x:.1f},{y:.1f}" for x, y in run)
    attributes = [("d", d), ("fill", "none"), ("stroke", stroke), ("stroke-width", width)]
    if dashed:
        attributes.append(("stroke-dasharray", "4 3"))
    return _element("path", attributes, "'" if style.compact else '"', None)


def _dot(point: tuple[float, float], radius: str, style: SparkStyle) -> str:
    x, y = point
    attributes = [("cx", f"{x:.1f}"), ("cy", f"{y:.1f}"), ("r", radius), ("fill", style.stroke)]
    return _element("circle", attributes, "'" if style.compact else '"', None)


def sparkline_svg(points: Points, reference: Points = (), style: SparkStyle = NATIONAL) -> str:
    """A sparkline as SVG markup: the series (a dot on its latest value) over a reference.

    Args:
        points: the series drawn.
        reference: a series drawn beneath it, dashed and grey, on the same scale (a place's
            profile draws the nation here); only its lines are drawn, not lone values.
        style: the look and the markup's form.

    Returns:
        The markup; without any value, an empty image of the same size.
    """
    runs, reference_runs = scaled_runs([points, reference], style.width, style.height)
    parts = [
        _path(run, REFERENCE_STROKE, "1.5", style, dashed=True)
        for run in reference_runs
        if len(run) >= 2
    ]
    for run in runs:
        parts.append(
            _path(run, style.stroke, "2", style)
            if len(run) >= 2
            else _dot(run[0], style.lone_radius, style)
        )
    ends_in_gap = bool(points) and not _has_value(points[-1][1])
    if (
        runs
        and (style.end_after_gap or not ends_in_gap)
        and (style.end_on_lone or len(runs[-1]) >= 2)
    ):
        parts.append(_dot(runs[-1][-1], style.end_radius, style))
    size = [("width", str(style.width)), ("height", str(style.height))]
    attributes = [
        ("xmlns", "http://www.w3.org/2000/svg"),
        *size,
        ("viewBox", f"0 0 {style.width} {style.height}"),
    ]
    return _element("svg", attributes, "'" if style.compact else '"', "".join(parts))


def _has_value(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def svg_data_uri(svg: str, *, compact: bool = False) -> str:
    """SVG markup as a data URI for an ``img`` element.

    Compact markup (single quotes) is escaped only where a URL requires it, which keeps a
    table of many sparklines small; other markup is escaped fully.
    """
    if compact:
        return "data:image/svg+xml," + quote(svg, safe="='/:,.-")
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def sparkline(points: Points, *, alt: str, reference: Points = (), style: SparkStyle) -> html.Img:
    """A sparkline as an image with its text alternative."""
    svg = sparkline_svg(points, reference, style)
    return html.Img(
        src=svg_data_uri(svg, compact=style.compact),
        alt=alt,
        className=style.class_name,
        width=str(style.width),
        height=str(style.height),
    )


def trend_alt(info: Indicator, points: Points, lang: str) -> str:
    """The text alternative of a national sparkline: first and last period and value.

    Periods are written for people ("april 2026"), values with the indicator's unit.
    """
    valued = [(p, v) for p, v in points if v is not None]
    if not valued:
        return t("trend_alt_none", lang)
    (first_p, first_v), (last_p, last_v) = valued[0], valued[-1]
    return t(
        "trend_alt",
        lang,
        first=format_period(first_p, lang),
        last=format_period(last_p, lang),
        start=value_text(info, first_v, lang, level="riket"),
        end=value_text(info, last_v, lang, level="riket"),
    )
