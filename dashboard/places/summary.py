"""A profile's summary, above the fold: on track per focus area, weakest and strongest.

What a strategist asks first of a place — where is it on track, where does it stand worst and
best against municipalities like it — answered before the details. Pure functions of
:class:`~levande.dashboard.places.data.ProfileData`; the council print
(``council.py``) shows the same summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from levande.dashboard.components import attrs
from levande.dashboard.components.status import GROUP_COLOUR, status_badge
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import focus_area_name
from levande.dashboard.i18n import t
from levande.dashboard.places.data import ProfileData
from levande.dashboard.places.sections import indicator_link, position_text
from levande.indicators.core.catalogue import FocusArea
from levande.indicators.reads import profiles as p

SUMMARY_SIZE = 10
"""How many weakest and strongest indicators the summary lists."""


def position_against_peers(row: p.ProfileRow) -> p.Position:
    """The row's position in the peer group; among all places when the group ranks nothing.

    A group of one (the place alone, or alone with a value) says nothing about the place, so
    its position among all places of the level stands in.
    """
    peer = row.peer_position
    return peer if peer.rank_of is not None and peer.rank_of >= 2 else row.position


def _score(row: p.ProfileRow) -> float | None:
    """0 for the best place of the group, 1 for the worst; None when it cannot be ranked."""
    if row.indicator.direction == "neutral":
        return None
    position = position_against_peers(row)
    if position.rank is None or position.rank_of is None or position.rank_of < 2:
        return None
    return (position.rank - 1) / (position.rank_of - 1)


def weakest_and_strongest(
    rows: Sequence[p.ProfileRow], n: int = SUMMARY_SIZE
) -> tuple[list[p.ProfileRow], list[p.ProfileRow]]:
    """The ``n`` indicators where the place stands worst and best against its peers.

    Indicators without a direction, without a value or in a group of one are left out; an
    indicator is never in both lists (with fewer than ``2 n`` the worse half goes to the
    weakest). Ties keep the catalogue's order.
    """
    scored = [(score, i, row) for i, row in enumerate(rows) if (score := _score(row)) is not None]
    worst_first = sorted(scored, key=lambda item: (-item[0], item[1]))
    half = min(n, (len(scored) + 1) // 2)
    weakest = [row for _, _, row in worst_first[:half]]
    taken = {row.indicator.id for row in weakest}
    best_first = sorted(scored, key=lambda item: (item[0], item[1]))
    strongest = [row for _, _, row in best_first if row.indicator.id not in taken][:n]
    return weakest, strongest


def on_track_list(data: ProfileData) -> Any:
    """Per focus area: on track, not on track or could not be judged, each linked to its part."""
    lang = data.lang
    items = []
    for fa in data.focus_areas:
        if not isinstance(fa, FocusArea):
            continue  # a context group is never on or off track
        judged = data.on_track.get(fa.id)
        key, icon, colour = (
            ("not_judged", "○", GROUP_COLOUR["not_judged"])
            if judged is None
            else ("yes", "✔", GROUP_COLOUR["improving"])
            if judged
            else ("no", "✘", GROUP_COLOUR["worsening"])
        )
        label = t(f"on_track_{key}", lang)
        items.append(
            html.Li(
                html.A(
                    [
                        html.Span(
                            icon,
                            className="on-track__icon",
                            style={"background": colour},
                            **attrs({"aria-hidden": "true"}),
                        ),
                        html.Span(focus_area_name(fa, lang)),
                        html.Span(f": {label}", className="visually-hidden"),
                    ],
                    href=f"#fa-{fa.id}",
                    title=label,
                    className=f"on-track__item on-track__item--{key}",
                ),
            )
        )
    return html.Div(
        [
            html.H3(t("summary_on_track", lang), id="summary-on-track-heading"),
            html.Ul(
                items,
                className="on-track",
                id="summary-on-track",
                **attrs({"aria-labelledby": "summary-on-track-heading"}),
            ),
        ],
        className="summary__areas",
    )


def ranked_table(data: ProfileData, rows: Sequence[p.ProfileRow], which: str) -> Any:
    """The weakest or strongest indicators: link, position among the peers, status."""
    lang, place = data.lang, data.place
    caption = t(f"summary_{which}", lang, n=len(rows))
    columns = [
        Column(t("indicator", lang)),
        Column(t("summary_col_position", lang)),
        Column(t("summary_col_trend", lang)),
    ]
    body = [
        [
            indicator_link(row.indicator, place, data.choice, lang),
            html.Span(
                position_text(position_against_peers(row), row.indicator, lang),
                className="summary__position",
            ),
            status_badge(row.status, lang, manual=row.manual),
        ]
        for row in rows
    ]
    if not rows:
        return html.Div(
            [html.H3(caption), html.P(t("summary_none", lang), className="empty")],
            className=f"summary__list summary__list--{which}",
        )
    return html.Div(
        [
            html.H3(caption, id=f"summary-{which}-heading"),
            data_table(caption, columns, body, table_id=f"summary-{which}"),
        ],
        className=f"summary__list summary__list--{which}",
    )


def summary_section(data: ProfileData) -> Any:
    """The summary: the peer group named, on track per area, weakest and strongest ten."""
    lang = data.lang
    weakest, strongest = weakest_and_strongest(data.profile.rows)
    return html.Section(
        [
            html.H2(t("summary_heading", lang), id="summary-heading"),
            html.P(
                [
                    t(
                        "summary_against" if len(data.peer_names) >= 2 else "summary_against_all",
                        lang,
                        group=data.choice.label,
                        n=len(data.peer_names),
                    ),
                    " ",
                    html.A(t("summary_change_peers", lang), href="#peer"),
                ],
                className="summary__peers",
            ),
            on_track_list(data),
            html.Div(
                [
                    ranked_table(data, weakest, "weakest"),
                    ranked_table(data, strongest, "strongest"),
                ],
                className="summary__lists",
            ),
        ],
        className="summary",
        id="summary",
        **attrs({"aria-labelledby": "summary-heading"}),
    )
