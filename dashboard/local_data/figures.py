"""The compass (radar) chart of Platskompassen results, as a pure function.

One closed line per area and survey round over the 14 themes, on the tool's own scale 1–7
(points near the centre need improvement most). Each line differs in dash and marker as well
as colour; a theme without a score is a gap, never a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go  # type: ignore[import-untyped]

from levande.dashboard.components.figures import base_layout
from levande.dashboard.places.figures import COMPARE_STYLES
from levande.indicators.core.local_data import SCORE_RANGE


@dataclass(frozen=True)
class CompassLine:
    """One line of the compass: its legend label and a score per theme (None when missing)."""

    label: str
    scores: tuple[float | None, ...]


def compass_figure(themes: Sequence[str], lines: Sequence[CompassLine], lang: str) -> go.Figure:
    """A compass chart of ``lines`` over ``themes`` (their labels, in order)."""
    fig = go.Figure(layout=base_layout(lang))
    closed = [*themes, themes[0]] if themes else []
    for i, line in enumerate(lines):
        colour, dash, symbol = COMPARE_STYLES[i % len(COMPARE_STYLES)]
        scores = [*line.scores, line.scores[0]] if line.scores else []
        fig.add_trace(
            go.Scatterpolar(
                r=scores,
                theta=closed,
                name=line.label,
                mode="lines+markers",
                connectgaps=False,
                line={"color": colour, "dash": dash, "width": 2.5},
                marker={"symbol": symbol, "size": 8, "color": colour},
                hovertemplate="%{theta}: %{r}<extra>" + line.label + "</extra>",
            )
        )
    low, high = SCORE_RANGE
    fig.update_layout(
        polar={
            "radialaxis": {"range": [0, high], "tickvals": list(range(int(low), int(high) + 1))},
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        showlegend=True,
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 80, "r": 80, "t": 40, "b": 40},
        height=520,
    )
    return fig
