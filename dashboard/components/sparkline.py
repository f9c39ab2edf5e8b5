"""Sparklines: a small trend line as SVG markup, shown as an image with a text alternative."""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import quote

from levande.dashboard.components.figures import ROLE_STYLE
from levande.indicators.core.status import period_year


def sparkline_svg(
    points: Sequence[tuple[str, float | None]], *, width: int = 120, height: int = 32
) -> str:
    """A small trend line as SVG markup (the page gives it a text alternative).

    Missing values break the line; a single value is a dot. Years are placed by their
    number so that gaps between years keep their width.
    """
    valued = [(p, v) for p, v in points if v is not None and math.isfinite(v)]
    pad = 3
    if not valued:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"></svg>'
        )
    xs: list[float] = []
    for i, (p, _) in enumerate(points):
        year = period_year(p)
        xs.append(float(year) if year is not None else float(i))
    x_lo, x_hi = min(xs), max(xs)
    v_lo = min(v for _, v in valued)
    v_hi = max(v for _, v in valued)

    def sx(x: float) -> float:
        return pad + (x - x_lo) / (x_hi - x_lo) * (width - 2 * pad) if x_hi > x_lo else width / 2

    def sy(v: float) -> float:
        if v_hi == v_lo:
            return height / 2
        return height - pad - (v - v_lo) / (v_hi - v_lo) * (height - 2 * pad)

    segments: list[list[tuple[float, float]]] = [[]]
    for x, (_, v) in zip(xs, points, strict=True):
        if v is None or not math.isfinite(v):
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append((sx(x), sy(v)))
    paths = []
    for seg in segments:
        if len(seg) >= 2:
            d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in seg)
            paths.append(
                f'<path d="{d}" fill="none" stroke="{ROLE_STYLE["riket"][0]}" stroke-width="2"/>'
            )
        elif len(seg) == 1:
            x, y = seg[0]
            paths.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{ROLE_STYLE["riket"][0]}"/>'
            )
    last_x, last_y = segments[-1][-1] if segments[-1] else (None, None)
    if last_x is not None and last_y is not None:
        paths.append(
            f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="3" fill="{ROLE_STYLE["riket"][0]}"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(paths)}</svg>'
    )


def svg_data_uri(svg: str) -> str:
    """SVG markup as a data URI for an ``img`` element."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg)
