"""Figures of the place pages as pure functions: small multiples and comparison charts.

Like :mod:`dashboard.indicator.figures`, nothing here reads the database or knows about
Dash. Every line differs from the others in dash pattern and marker as well as colour, so a
chart printed in black and white, or read by someone who does not tell the colours apart,
still shows which line is which; a missing value is a gap, never a zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]

from levande.dashboard.components.figures import base_layout, period_axis, x_values
from levande.indicators.core.status import period_year

PLACE_STROKE = "#1a1a1a"
RIKET_STROKE = "#5b6168"

COMPARE_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0b5394", "solid", "circle"),
    ("#b34700", "dash", "square"),
    ("#00735a", "dot", "diamond"),
    ("#7a2e5a", "dashdot", "triangle-up"),
    ("#4d4d4d", "longdash", "x"),
    ("#8a6d00", "longdashdot", "star"),
    ("#1f6f8b", "solid", "triangle-down"),
    ("#a4343a", "dash", "cross"),
    ("#3c6e1f", "dot", "hexagon"),
    ("#5a2d82", "dashdot", "pentagon"),
)
"""Colour (at least 3:1 against white), dash and marker of the comparison's lines."""


def _scaled(
    series: Sequence[Sequence[tuple[str, float | None]]], width: int, height: int, pad: int
) -> list[list[list[tuple[float, float]]]]:
    """Each series as runs of (x, y) screen points on one shared scale; gaps split runs."""
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
        return pad + (x - x_lo) / (x_hi - x_lo) * (width - 2 * pad) if x_hi > x_lo else width / 2

    def sy(v: float) -> float:
        if v_hi == v_lo:
            return height / 2
        return height - pad - (v - v_lo) / (v_hi - v_lo) * (height - 2 * pad)

    out: list[list[list[tuple[float, float]]]] = []
    for points in series:
        runs: list[list[tuple[float, float]]] = [[]]
        for i, (period, value) in enumerate(points):
            if value is None or not math.isfinite(value):
                if runs[-1]:
                    runs.append([])
                continue
            year = period_year(period)
            runs[-1].append((sx(float(year) if year is not None else float(i)), sy(value)))
        out.append([run for run in runs if run])
    return out


def trend_svg(
    place: Sequence[tuple[str, float | None]],
    reference: Sequence[tuple[str, float | None]] = (),
    *,
    width: int = 110,
    height: int = 30,
) -> str:
    """A small multiple: the place's series (solid, a dot on its latest value) over the
    nation's (dashed, grey).

    Both share one scale, so the lines' positions compare. A value standing alone between
    gaps is a dot. The page gives the image a text alternative naming the first and last
    values. Attributes are single-quoted so that the data URI (:func:`svg_uri`) stays short.
    """
    pad = 3
    place_runs, reference_runs = _scaled([place, reference], width, height, pad)
    parts: list[str] = []
    for run in reference_runs:
        if len(run) >= 2:
            d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(
                f"<path d='{d}' fill='none' stroke='{RIKET_STROKE}' stroke-width='1.5' "
                "stroke-dasharray='4 3'/>"
            )
    for run in place_runs:
        if len(run) >= 2:
            d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f"<path d='{d}' fill='none' stroke='{PLACE_STROKE}' stroke-width='2'/>")
        else:
            x, y = run[0]
            parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2' fill='{PLACE_STROKE}'/>")
    if place_runs and len(place_runs[-1]) >= 2:
        x, y = place_runs[-1][-1]
        parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2.5' fill='{PLACE_STROKE}'/>")
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}'>{''.join(parts)}</svg>"
    )


def svg_uri(svg: str) -> str:
    """SVG markup as a compact data URI: only what a URL cannot hold is escaped."""
    return "data:image/svg+xml," + quote(svg, safe="='/:,.-")


def compare_figure(lines: pd.DataFrame, *, lang: str = "sv", y_title: str = "") -> go.Figure:
    """One indicator's series for several places, one styled line per place.

    Args:
        lines: one row per point with ``name`` (the place, the legend label), ``period``,
            ``value`` (NaN when missing) and ``text`` (the value formatted for the hover).
            Places keep the order of their first row, which fixes their style.
        lang: the language, for number separators.
        y_title: the y axis title (the unit).

    Returns:
        The figure; without rows, an empty figure with the axes.
    """
    fig = go.Figure(layout=base_layout(lang))
    periods = sorted({str(p) for p in lines.get("period", pd.Series(dtype=object))})
    for i, (key, group) in enumerate(lines.groupby("name", sort=False)):
        colour, dash, symbol = COMPARE_STYLES[i % len(COMPARE_STYLES)]
        group = group.sort_values("period")
        x, _ = x_values(group["period"])
        values = [None if pd.isna(v) else float(v) for v in group["value"]]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=values,
                name=str(key),
                mode="lines+markers",
                connectgaps=False,
                line={"color": colour, "dash": dash, "width": 2.5},
                marker={"symbol": symbol, "size": 9, "color": colour},
                customdata=group["text"].tolist(),
                hovertemplate="%{fullData.name}<br>%{x}: %{customdata}<extra></extra>",
            )
        )
    fig.update_layout(
        showlegend=True,  # also for one line: the legend names the place
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0},
        yaxis={"title": {"text": y_title}, "exponentformat": "none"},
        hovermode="closest",
    )
    period_axis(fig, periods)
    return fig
