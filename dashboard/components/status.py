"""Status badges: an icon and a text, with colour only as a third, redundant carrier."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dash import html

from levande.dashboard.components import attrs
from levande.dashboard.i18n import t
from levande.indicators.core.vocabulary import (
    STATUS_GROUP_ORDER,
    STATUS_GROUPS,
    Status,
    StatusGroup,
)
from levande.indicators.reads import rollups

STATUS_ICON: dict[str, str] = {
    Status.TARGET_ACHIEVED: "✔",
    Status.SUBSTANTIAL_PROGRESS: "▲",
    Status.MODERATE_PROGRESS: "△",
    Status.LIMITED_PROGRESS: "►",
    Status.DETERIORATION: "▼",
    Status.TOO_UNCERTAIN: "?",
    Status.CONTEXT: "○",
    Status.NOT_AVAILABLE: "–",
}
GROUP_ICON: dict[str, str] = {
    StatusGroup.IMPROVING: "▲",
    StatusGroup.STABLE: "►",
    StatusGroup.WORSENING: "▼",
    StatusGroup.NOT_JUDGED: "○",
    StatusGroup.NO_DATA: "–",
}
GROUP_COLOUR: dict[str, str] = {
    StatusGroup.IMPROVING: "#1b7837",
    StatusGroup.STABLE: "#f1c232",
    StatusGroup.WORSENING: "#b2182b",
    StatusGroup.NOT_JUDGED: "#6c757d",
    StatusGroup.NO_DATA: "#d9d9d9",
}
"""The status categories' colours, the same on bars, maps and legends (each always with its
icon and its name): green, yellow and red as readers know them from traffic lights, grey for
what is not judged; the dark ones carry white text, the light ones black."""


def groups_of(statuses: Iterable[object]) -> list[str]:
    """The status category of each status (no data where there is none or it is unknown)."""
    return [
        str(STATUS_GROUPS.get(s, StatusGroup.NO_DATA)) if isinstance(s, str) else "no_data"
        for s in statuses
    ]


def status_text(status: str | None, lang: str) -> str:
    """The name of a status in the language; unknown statuses read as not available."""
    key = f"status_{status}" if status in STATUS_ICON else "status_not_available"
    return t(key, lang)


def status_badge(status: str | None, lang: str, *, manual: bool = False) -> Any:
    """A badge: the status icon (hidden from screen readers) and its name."""
    known = status if status in STATUS_ICON else Status.NOT_AVAILABLE
    group = STATUS_GROUPS.get(known, StatusGroup.NO_DATA)
    label = status_text(known, lang) + (f" ({t('status_manual', lang)})" if manual else "")
    return html.Span(
        className=f"badge badge--{group}",
        children=[
            html.Span(
                STATUS_ICON[known], className="badge__icon", **attrs({"aria-hidden": "true"})
            ),
            " " + label,
        ],
    )


def group_label(group: str, lang: str) -> Any:
    """A status category (improving, stable...) with its icon."""
    return html.Span(
        className=f"group group--{group}",
        children=[
            html.Span(
                GROUP_ICON.get(group, "–"),
                className="group__icon",
                **attrs({"aria-hidden": "true"}),
            ),
            html.Span(t(f"group_{group}", lang)),
        ],
    )


def status_counts(counts: rollups.StatusCounts, lang: str, *, inline: bool = False) -> Any:
    """A focus area's indicators per status category, each category with its icon."""
    return html.Ul(
        [
            html.Li([group_label(group, lang), html.Span(f": {counts.counts[group]}")])
            for group in STATUS_GROUP_ORDER
        ],
        className="tile__counts" + (" tile__counts--inline" if inline else ""),
        **attrs({"aria-label": t("tile_counts_label", lang)}),
    )
