"""The data behind each view of an indicator page, shared by the page and its downloads.

A view (the chart, the map and table) is a function of the URL state. The page draws these
frames and the download routes write the same frames to CSV and Excel, so a file holds exactly
what is shown, with the stored values unrounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import format_number, t
from levande.dashboard.indicator.params import IndicatorState
from levande.indicators.reads import queries as q

SORT_COLUMNS = {"rank": "rank", "name": "region_name", "value": "value", "change": "change"}


def region_name(code: str, name: str, lang: str) -> str:
    """A region's display name; the nation is "Riket" / "Sweden"."""
    return t("riket", lang) if code == "00" else name


def breakdown_label(breakdown: str, lang: str) -> str:
    """ "Totalt", "Kvinnor", "Män" (or the code itself for an unknown breakdown)."""
    key = f"breakdown_{breakdown}"
    try:
        return t(key, lang)
    except KeyError:
        return breakdown


def group_label(ctx: AppContext, group: q.GroupInfo, lang: str) -> str:
    """A peer group's name: SKR groups with their code, in English where the catalogue has it."""
    if group.kind == "skr":
        name = group.title
        if ctx.catalogue is not None and lang == "en":
            for skr in ctx.catalogue.regions.skr_groups:
                if skr.code == group.short_code:
                    name = skr.name_en
        return f"{group.short_code} {name}" if group.short_code else name
    if group.kind == "county" and group.short_code:
        return t("peer_county", lang) + f" ({group.short_code})"
    if group.kind == "all":
        return t("peer_all", lang)
    return group.title


@dataclass(frozen=True)
class ChartData:
    """What the chart draws.

    Attributes:
        lines: one row per point: name, role, region_code, region_name, breakdown, period,
            value, status, aggregation.
        band: the peer group's quartiles per period (name, period, q1, q3, median, n,
            n_missing), or None without a peer group.
        peer: the peer group, if chosen.
    """

    lines: pd.DataFrame
    band: pd.DataFrame | None
    peer: q.GroupInfo | None


def chart_data(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> ChartData:
    """Riket, the chosen county and municipality, and the peer group's median and band."""
    lang = state.lang
    codes = ["00", *(c for c in (state.lan, state.kommun) if c)]
    wanted = ["K", "M"] if state.gender else [state.breakdown]
    frame = q.series(ctx.engine, info.id, codes, wanted)
    frame["region_name"] = [
        region_name(c, n, lang)
        for c, n in zip(frame["region_code"], frame["region_name"], strict=True)
    ]
    frame["role"] = frame["region_level"]
    if state.gender:
        frame["name"] = [
            f"{n} – {breakdown_label(b, lang).lower()}"
            for n, b in zip(frame["region_name"], frame["breakdown"], strict=True)
        ]
    else:
        frame["name"] = frame["region_name"]
    band: pd.DataFrame | None = None
    peer = q.peer_group(ctx.engine, state.peer) if state.peer else None
    lines = frame
    if peer is not None:
        label = group_label(ctx, peer, lang)
        band = q.peer_band(ctx.engine, info.id, peer.members, state.breakdown)
        band.insert(0, "name", t("peer_band", lang, group=label))
        median = pd.DataFrame(
            {
                "region_code": peer.id,
                "region_name": label,
                "region_level": "group",
                "period": band["period"],
                "breakdown": state.breakdown,
                "value": band["median"].astype("float64"),
                "status": None,
                "aggregation": None,
                "role": "peer",
                "name": t("peer_median", lang, group=label),
            }
        )
        lines = pd.concat([frame, median], ignore_index=True) if not median.empty else frame
    return ChartData(lines=lines.reset_index(drop=True), band=band, peer=peer)


def sort_ranking(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    """The ranking in the chosen order; missing values always last, ties by name."""
    descending = sort.startswith("-")
    column = SORT_COLUMNS.get(sort.lstrip("-"), "rank")
    key = frame[column]
    missing = key.isna()
    ordered = frame.assign(_missing=missing, _name=frame["region_name"].astype(str))
    ordered = ordered.sort_values(
        ["_missing", column, "_name"],
        ascending=[True, not descending, True],
        kind="stable",
        na_position="last",
    )
    return ordered.drop(columns=["_missing", "_name"]).reset_index(drop=True)


def table_data(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> pd.DataFrame:
    """Every region of the chosen level for the chosen year and breakdown, in the chosen order."""
    if state.year is None:
        return q.ranking(ctx.engine, info.id, "", state.breakdown, state.level).iloc[0:0]
    frame = q.ranking(ctx.engine, info.id, state.year, state.breakdown, state.level)
    frame["region_name"] = [
        region_name(c, n, state.lang)
        for c, n in zip(frame["region_code"], frame["region_name"], strict=True)
    ]
    return sort_ranking(frame, state.sort)


def map_data(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> pd.DataFrame:
    """Every region of the chosen level with value and rank, best first (for the map)."""
    if state.year is None:
        return q.map_values(ctx.engine, info.id, "", state.breakdown, state.level).iloc[0:0]
    frame = q.map_values(ctx.engine, info.id, state.year, state.breakdown, state.level)
    frame["region_name"] = [
        region_name(c, n, state.lang)
        for c, n in zip(frame["region_code"], frame["region_name"], strict=True)
    ]
    return sort_ranking(frame, "rank")


def cell_text(info: q.IndicatorInfo, value: object, lang: str, *, signed: bool = False) -> str:
    """A value for a table cell with the indicator's decimals; empty when missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return format_number(number, info.decimals, lang, signed=signed)
