"""The comparison's chart as a pure function: several places' series, one styled line each.

Like :mod:`dashboard.indicator.figures`, nothing here reads the database or knows about
Dash. Every line differs from the others in dash pattern and marker as well as colour, so a
chart printed in black and white, or read by someone who does not tell the colours apart,
still shows which line is which; a missing value is a gap, never a zero.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]

from levande.dashboard.components.figures import base_layout, period_axis, x_values

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
        x, _ = x_values(group["period"], lang)
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
    period_axis(fig, periods, lang)
    return fig
