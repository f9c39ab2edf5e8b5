"""The indicator's figures as pure functions: tidy frames in, Plotly figures out.

Nothing here reads the database or knows about Dash; the pages prepare the frames and the
labels in the user's language, so each builder can be tested with a hand-made frame. Values
are drawn exactly as given: a missing value is a gap in a line or a grey area on the map,
never a zero. Colour is never the only carrier: lines differ in dash and marker too, and the
map's missing areas are also named in the hover text and in the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]

from levande.dashboard.components.figures import ROLE_STYLE, base_layout, period_axis, x_values

BAND_FILL = "rgba(77, 77, 77, 0.18)"
TARGET_COLOUR = "#7a2e5a"


@dataclass(frozen=True)
class Target:
    """A target line: the value and a label saying what it is."""

    value: float
    label: str


def series_figure(
    lines: pd.DataFrame,
    band: pd.DataFrame | None = None,
    *,
    target: Target | None = None,
    lang: str = "sv",
    y_title: str = "",
) -> go.Figure:
    """Time series of several areas, a peer band and a target.

    Args:
        lines: one row per point with columns ``name`` (legend label), ``role`` (riket, lan,
            kommun or peer), ``breakdown`` (T, K or M), ``period``, ``value`` (NaN when
            missing) and ``text`` (the value formatted for the hover).
        band: the peer group's interquartile band: ``name``, ``period``, ``q1``, ``q3``.
        target: a horizontal target line across the periods shown.
        lang: the language, for number separators.
        y_title: the y axis title (the unit).

    Returns:
        The figure; with no rows at all, an empty figure with the axes.
    """
    fig = go.Figure(layout=base_layout(lang))
    all_periods: list[str] = sorted(
        {str(p) for p in lines.get("period", pd.Series(dtype=object))}
        | ({str(p) for p in band["period"]} if band is not None and not band.empty else set())
    )
    if band is not None and not band.empty:
        x, _ = x_values(band["period"], lang)
        name = str(band["name"].iloc[0])
        fig.add_trace(
            go.Scatter(
                x=x, y=band["q3"].tolist(), mode="lines", line={"width": 0},
                hoverinfo="skip", showlegend=False, name=name,
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x, y=band["q1"].tolist(), mode="lines", line={"width": 0}, fill="tonexty",
                fillcolor=BAND_FILL, hoverinfo="skip", name=name,
            )
        )  # fmt: skip
    gendered = {"K", "M"} <= set(lines.get("breakdown", pd.Series(dtype=object)))
    for key, group in lines.groupby("name", sort=False):
        name = str(key)
        role = str(group["role"].iloc[0])
        colour, dash, symbol = ROLE_STYLE.get(role, ROLE_STYLE["peer"])
        if gendered and str(group["breakdown"].iloc[0]) == "M":
            # Men's lines are dotted with open markers beside the women's: not colour alone.
            dash, symbol = "dot", symbol + "-open"
        group = group.sort_values("period")
        x, _ = x_values(group["period"], lang)
        values = [None if pd.isna(v) else float(v) for v in group["value"]]
        fig.add_trace(
            go.Scatter(
                x=x, y=values, name=str(name), mode="lines+markers", connectgaps=False,
                line={"color": colour, "dash": dash, "width": 2.5},
                marker={"symbol": symbol, "size": 8, "color": colour},
                customdata=group["text"].tolist(),
                hovertemplate="%{fullData.name}<br>%{x}: %{customdata}<extra></extra>",
            )
        )  # fmt: skip
    if target is not None and all_periods:
        x_ends, _ = x_values(pd.Series([all_periods[0], all_periods[-1]]), lang)
        fig.add_trace(
            go.Scatter(
                x=x_ends, y=[target.value, target.value], mode="lines", name=target.label,
                line={"color": TARGET_COLOUR, "dash": "dot", "width": 2},
                hovertemplate=target.label + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        yaxis={"title": {"text": y_title}, "rangemode": "normal", "exponentformat": "none"},
        hovermode="closest",
    )
    period_axis(fig, all_periods, lang)
    return fig
