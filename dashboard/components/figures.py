"""What every Plotly figure of the dashboard shares: styles, the template and the time axis.

The indicator's charts and map (``indicator/figures.py``) and the comparison's chart
(``places/figures.py``) start from :func:`base_layout` and place periods with
:func:`x_values` and :func:`period_axis`, so they look and read alike in both languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]

from levande.dashboard.i18n import DEFAULT_LANG, format_period

GRAPH_CONFIG: Any = {"displayModeBar": False, "responsive": True}
"""``dcc.Graph``'s configuration: no mode bar (its buttons are unlabelled), sized by the page."""

# Okabe-Ito colours darkened where needed so that each line reaches 3:1 against white.
ROLE_STYLE: dict[str, tuple[str, str, str]] = {
    "riket": ("#0b5394", "solid", "circle"),
    "lan": ("#b34700", "dash", "square"),
    "kommun": ("#00735a", "dashdot", "diamond"),
    "peer": ("#4d4d4d", "longdash", "triangle-up"),
}
"""Colour, dash and marker per role of a line."""


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for a language."""
    return ".," if lang == "en" else ", "


AXIS = {
    "showline": True, "linecolor": "#444444", "ticks": "outside", "tickcolor": "#444444",
    "zeroline": False, "showgrid": False, "automargin": True,
}  # fmt: skip
TEMPLATE = {
    "layout": {
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": [c for c, _, _ in ROLE_STYLE.values()],
        "xaxis": AXIS,
        "yaxis": {**AXIS, "showgrid": True, "gridcolor": "#e3e3e3"},
    }
}
"""A small white template. Plotly's named templates are deep-copied into every figure,
which costs more than building the figure itself; this one keeps each callback fast."""


def base_layout(lang: str) -> dict[str, object]:
    """The layout every figure starts from: the template, the language's separators, the font."""
    return {
        "template": TEMPLATE,
        "separators": separators(lang),
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
    }


def x_values(periods: pd.Series, lang: str = DEFAULT_LANG) -> tuple[list[object], bool]:
    """Periods as years on a numeric axis when all are plain years, else as categories.

    Categories are written for people ("april 2026", not "2026M04"), so the axis and the hover
    text read alike; :func:`period_axis` orders them by the periods themselves.
    """
    texts = [str(p) for p in periods]
    if all(len(p) == 4 and p.isdigit() for p in texts):
        return [int(p) for p in texts], True
    return [format_period(p, lang) for p in texts], False


def year_step(n_years: int) -> int:
    """Years between ticks: every year up to six, every other up to twelve, else every fifth.

    The step is whole so no year is ticked twice, and wide enough that the labels never
    collide on a phone's narrow chart (where Plotly would otherwise rotate and clip them).
    """
    return 1 if n_years <= 6 else 2 if n_years <= 12 else 5


def period_axis(fig: go.Figure, periods: Sequence[str], lang: str = DEFAULT_LANG) -> None:
    """Years on a numeric axis ticked every :func:`year_step` years; other periods as categories.

    Categories (months, quarters) keep the periods' order and are written for people; on a
    long series every second or fifth is named, counted back from the latest, so the labels
    never collide.
    """
    if periods and all(len(p) == 4 and p.isdigit() for p in periods):
        years = [int(p) for p in periods]
        step = year_step(max(years) - min(years) + 1)
        # Ticks fall on the last year and every step before it, so the latest is always named.
        fig.update_xaxes(tickformat="d", dtick=step, tick0=max(years))
    else:
        labels = [format_period(p, lang) for p in sorted(set(periods))]
        named = labels[::-1][:: year_step(len(labels))][::-1]
        fig.update_xaxes(
            type="category",
            categoryorder="array",
            categoryarray=labels,
            tickvals=named,
            ticktext=named,
        )
