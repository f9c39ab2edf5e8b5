"""How the pages name indicators, places and breakdowns and write their values.

One place for the texts around a number: a value with the indicator's decimals and its unit,
a table cell, a missing value, the nation's name. The rounding itself is
:func:`levande.dashboard.i18n.format_number`'s; the stored value is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from levande.dashboard.i18n import DEFAULT_LANG, format_number, pick, t
from levande.indicators.core.catalogue import Indicator
from levande.indicators.reads import dimensions as dims


def indicator_title(info: Indicator, lang: str) -> str:
    """An indicator's title in the language."""
    return pick(info.title_sv, info.title_en, lang)


def unit_of(info: Indicator, lang: str) -> str:
    """An indicator's unit in the language."""
    return pick(info.unit_sv, info.unit_en, lang)


def focus_area_name(fa: dims.Group, lang: str) -> str:
    """A focus area's name in the language."""
    return pick(fa.name_sv, fa.name_en, lang)


def value_text(info: Indicator, value: float | None, lang: str, *, level: str | None = None) -> str:
    """A value with the indicator's decimals and unit in words, or "missing".

    A coded indicator (the catalogue's ``value_labels``) is written as its code's word and the
    code, "Balans (1)"; at a level whose values are the municipalities' mean (``level`` in
    ``municipal_mean_levels``) the mean of a yes/no code is the share answering yes, "58 % av
    kommunerna", and any other code's mean says it is a mean. The stored value is not changed.
    """
    number = format_number(value, info.decimals, lang)
    if not number or value is None:
        return t("missing", lang)
    if info.value_labels:
        return coded_text(info, value, lang, level)
    return t("value_with_unit", lang, value=number, unit=unit_of(info, lang))


def coded_text(info: Indicator, value: float, lang: str, level: str | None) -> str:
    """A coded indicator's value in words (see :func:`value_text`)."""
    labels = {v.value: pick(v.label_sv, v.label_en, lang) for v in info.value_labels}
    mean = level is not None and level in {str(lv) for lv in info.municipal_mean_levels}
    if mean:
        if set(labels) == {0, 1}:
            # Scale the shortest decimal form, as published: 0.575 is 57.5 %, not 57.4999.
            share = float(Decimal(repr(float(value))).scaleb(2))
            return t("value_share_yes", lang, share=format_number(share, 0, lang))
        return t("value_code_mean", lang, value=format_number(value, info.decimals, lang))
    code = round(value)
    if abs(value - code) < 1e-9 and code in labels:
        word = labels[code]
        return f"{word[:1].upper()}{word[1:]} ({code})"
    return format_number(value, info.decimals, lang)


DIRECTION_ARROW = {"higher_is_better": "↑", "lower_is_better": "↓", "neutral": "↕"}
"""The arrow beside "which way is better", read out as the words beside it."""


def direction_text(info: Indicator, lang: str) -> str:
    """Which way is better, in words (the raw value for an unknown direction)."""
    if info.direction in DIRECTION_ARROW:
        return t(f"direction_{info.direction}", lang)
    return str(info.direction)


def cell_text(info: Indicator, value: object, lang: str, *, signed: bool = False) -> str:
    """A value for a table cell with the indicator's decimals; empty when missing.

    Takes whatever a data frame holds (a float, NaN, None, a numeric string).
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return format_number(number, info.decimals, lang, signed=signed)


def period_header(periods: Iterable[object], lang: str) -> str:
    """A period column's header: "År" when every period is a year, else "Period"."""
    years = all(len(str(p)) == 4 and str(p).isdigit() for p in periods)
    return t("col_period" if years else "col_period_any", lang)


def region_name(code: str, name: str, lang: str) -> str:
    """A region's display name; the nation is "Riket" / "Sweden"."""
    return t("riket", lang) if code == "00" else name


def region_names(frame: pd.DataFrame, lang: str) -> list[str]:
    """The display names of a frame's ``region_code`` and ``region_name`` columns, row by row."""
    return [
        region_name(c, n, lang)
        for c, n in zip(frame["region_code"], frame["region_name"], strict=True)
    ]


def breakdown_label(breakdown: str, lang: str) -> str:
    """Text such as "Totalt", "Kvinnor", "Män" (or the code itself for an unknown breakdown)."""
    key = f"breakdown_{breakdown}"
    try:
        return t(key, lang)
    except KeyError:
        return breakdown


def source_name(source: str, lang: str = DEFAULT_LANG) -> str:
    """A source's name as written on the pages and in files: "SCB", "Kolada", "Gränser"."""
    if source == "boundaries":
        return t("data_source_boundaries", lang)
    return {"scb": "SCB", "kolada": "Kolada", "omraden": "SCB (DeSO/RegSO)"}.get(source, source)


def place_kind(place: dims.RegionInfo, lang: str) -> str:
    """Text such as "Kommun" or "Län"."""
    return t("place_kommun" if place.level == "kommun" else "place_lan", lang)
