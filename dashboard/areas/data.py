"""Everything the area page shows, loaded once into a frozen dataclass.

One municipality, one small-area indicator, one level and year: every area's value (a count
with a denominator is shown as a share of it, computed here and said so), its change since the
previous year of the same vintage, its rank inside the municipality, its area type, whether it
has few residents; the spread between the areas now and in the vintage's first year; the
indicator by area type over time; the municipality's segregation indices; and where the map's
boundaries are. Values are never imputed: an area without a value stays without one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from levande.dashboard.areas.params import AreasState
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import STOCKHOLM, format_number, t
from levande.dashboard.page import NotFound
from levande.dashboard.urls import Problem, echo, with_lang
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.inequality import AreaPoint, Spread, spread
from levande.indicators.core.numbers import optional_float
from levande.indicators.core.small_areas import SmallAreaCatalogue, SmallAreaIndicator
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import series as obs
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.flags import open_flag_keys
from levande.indicators.reads.small_areas import (
    area_boundary,
    area_sources,
    area_values,
    areas,
)

Key = tuple[str, str]
"""(area code, period)."""


@dataclass(frozen=True)
class AreaRow:
    """One area as the table and the map show it."""

    code: str
    base: str
    name: str | None
    regso: str | None
    regso_name: str | None
    area_type: int | None
    value: float | None
    status: str | None
    change: float | None
    rank: int | None
    population: float | None
    small: bool


@dataclass(frozen=True)
class SegregationValue:
    """A segregation index of the municipality and of the country, latest year.

    ``flagged`` and ``riket_flagged`` say that the value is flagged as implausible and not yet
    accepted or revised: it is shown as stored, with a note.
    """

    info: Indicator
    period: str
    value: float | None
    riket: float | None
    flagged: bool = False
    riket_flagged: bool = False


@dataclass(frozen=True)
class AreasData:
    """The area page's data."""

    lang: str
    state: AreasState
    municipality: dims.RegionInfo
    indicators: tuple[SmallAreaIndicator, ...]
    indicator: SmallAreaIndicator | None
    denominator: SmallAreaIndicator | None
    years: tuple[str, ...]
    year: str | None
    vintage: str | None
    rows: tuple[AreaRow, ...]
    spread: Spread | None
    base_year: str | None
    base_spread: Spread | None
    by_type: tuple[tuple[int, str, float | None], ...]
    segregation: tuple[SegregationValue, ...]
    boundary_url: str | None
    credit: str
    fetched: datetime | None
    updated: datetime | None
    small_population: int
    problems: tuple[Problem, ...]
    printed: str = ""
    """The day the page was made (YYYY-MM-DD); the browser writes the day of printing over it."""


def values_of(frame: pd.DataFrame, indicator_id: str) -> dict[Key, tuple[float | None, str | None]]:
    """(value, status) per area and period of one indicator, exactly as stored."""
    part = frame[frame["indicator_id"] == indicator_id]
    return {
        (code, period): (optional_float(value), status if isinstance(status, str) else None)
        for code, period, value, status in zip(
            part["area_code"], part["period"], part["value"], part["status"], strict=True
        )
    }


def shown_values(
    frame: pd.DataFrame, indicator: SmallAreaIndicator
) -> dict[Key, tuple[float | None, str | None]]:
    """The values the page shows: as published, or a count as a share of its denominator.

    A share is 100 x count / denominator of the same area and year; it is missing (with the
    published symbol) when either is, or when the denominator is zero.
    """
    own = values_of(frame, indicator.id)
    if indicator.denominator is None:
        return own
    totals = values_of(frame, indicator.denominator)
    out: dict[Key, tuple[float | None, str | None]] = {}
    for key, (count, status) in own.items():
        total, total_status = totals.get(key, (None, None))
        if count is None or total is None or total <= 0:
            out[key] = (None, status or total_status)
        else:
            out[key] = (100 * count / total, None)
    return out


def ranks(values: Mapping[str, float | None]) -> dict[str, int]:
    """Rank inside the municipality: 1 for the highest value, ties share the better rank."""
    present = sorted((v for v in values.values() if v is not None), reverse=True)
    return {code: present.index(v) + 1 for code, v in values.items() if v is not None}


def by_type(
    shown: Mapping[Key, tuple[float | None, str | None]],
    counts: Mapping[Key, tuple[float | None, str | None]] | None,
    totals: Mapping[Key, tuple[float | None, str | None]] | None,
    population: Mapping[Key, tuple[float | None, str | None]],
    types: Mapping[Key, int],
    kind: str,
) -> list[tuple[int, str, float | None]]:
    """The indicator per area type and year.

    A count shown as a share: the type's summed counts over its summed denominators. A
    published share or amount: the mean of its areas weighted by their populations. A bare
    count: the type's sum. A type with any area missing its inputs gets no value that year.
    """
    groups: dict[tuple[int, str], list[Key]] = {}
    for key, kind_code in types.items():
        if key in shown:
            groups.setdefault((kind_code, key[1]), []).append(key)
    out = []
    for (area_type, period), keys in sorted(groups.items()):
        value: float | None
        if counts is not None and totals is not None:
            parts = [(counts.get(k, (None,))[0], totals.get(k, (None,))[0]) for k in keys]
            if any(c is None or d is None for c, d in parts):
                value = None
            else:
                denominator = sum(d for _, d in parts if d is not None)
                numerator = sum(c for c, _ in parts if c is not None)
                value = 100 * numerator / denominator if denominator > 0 else None
        elif kind == "count":
            items = [shown[k][0] for k in keys]
            value = None if any(v is None for v in items) else sum(v for v in items if v)
        else:
            pairs = [(shown[k][0], population.get(k, (None,))[0]) for k in keys]
            if any(v is None or p is None for v, p in pairs):
                value = None
            else:
                weight = sum(p for _, p in pairs if p is not None)
                total = sum(v * p for v, p in pairs if v is not None and p is not None)
                value = total / weight if weight > 0 else None
        out.append((area_type, period, value))
    return out


def area_spread(
    shown: Mapping[Key, tuple[float | None, str | None]],
    population: Mapping[Key, tuple[float | None, str | None]],
    codes: Sequence[str],
    period: str,
    small: SmallAreaCatalogue,
) -> Spread:
    """The spread between some areas in one year, as the page and the API both give it.

    One function for both, so that the API's measures are the page's by construction: the
    values shown (a count as a share of its denominator), weighted by the areas' populations,
    with the catalogue's thresholds for too few areas and small populations.
    """
    points = [
        AreaPoint(c, shown.get((c, period), (None, None))[0],
                  population.get((c, period), (None, None))[0])
        for c in codes
    ]  # fmt: skip
    return spread(points, min_areas=small.min_areas, small_population=small.small_population)


@dataclass(frozen=True)
class YearSpread:
    """The spread between a municipality's areas of one level in one year.

    Attributes:
        period: the year.
        vintage: the DeSO/RegSO vintage of that year's areas.
        spread: the measures, over the areas published that year.
    """

    period: str
    vintage: str | None
    spread: Spread


def yearly_spreads(
    reader: Reader,
    small: SmallAreaCatalogue,
    municipality: str,
    indicator: SmallAreaIndicator,
    level: str,
) -> tuple[YearSpread, ...]:
    """The spread of one small-area indicator between a municipality's areas, every year.

    Each year's measures are those the area page shows for that year (:func:`area_spread`
    over the areas with a value or a symbol that year), oldest year first.
    """
    denominator = small.indicator(indicator.denominator) if indicator.denominator else None
    wanted = [i for i in (indicator.id, denominator and denominator.id, small.population) if i]
    frame = area_values(reader, municipality, wanted, level)
    register = {a.code: a for a in areas(reader, municipality)}
    shown = shown_values(frame, indicator)
    population = values_of(frame, small.population) if small.population else {}
    codes_of: dict[str, list[str]] = {}
    for code, period in sorted(shown):
        codes_of.setdefault(period, []).append(code)
    out = []
    for period, codes in sorted(codes_of.items()):
        vintage = register[codes[0]].vintage if codes[0] in register else None
        out.append(
            YearSpread(period, vintage, area_spread(shown, population, codes, period, small))
        )
    return tuple(out)


def _default_indicator(choices: Sequence[SmallAreaIndicator]) -> SmallAreaIndicator | None:
    for ind in choices:
        if ind.kind == "share" or ind.denominator is not None:
            return ind
    return choices[0] if choices else None


def _segregation(ctx: AppContext, code: str) -> tuple[SegregationValue, ...]:
    catalogue = ctx.catalogue
    if catalogue is None:
        return ()
    out = []
    for info in catalogue.indicators:
        if info.computed is None or info.computed.method == "population_share_in_types":
            continue
        frame = obs.series(ctx.reader, info.id, [code, "00"])
        if frame.empty:
            continue
        latest = str(frame["period"].max())
        now = frame[frame["period"] == latest]
        own = now[now["region_code"] == code]["value"].tolist()
        riket = now[now["region_code"] == "00"]["value"].tolist()
        flags = open_flag_keys(ctx.reader, info.id)
        out.append(
            SegregationValue(
                info,
                latest,
                optional_float(own[0]) if own else None,
                optional_float(riket[0]) if riket else None,
                flagged=(code, latest, "T") in flags,
                riket_flagged=("00", latest, "T") in flags,
            )
        )
    return tuple(out)


def load_areas(ctx: AppContext, state: AreasState) -> AreasData | NotFound:
    """Load the area page of the municipality in ``state``."""
    lang = state.lang
    place = dims.region(ctx.reader, state.code)
    if place is None or place.level != "kommun":
        return NotFound(
            lang, state.path, t("within_not_found", lang, code=echo(state.code)),
            ((t("nav_places", lang), with_lang("/sok", lang)),),
        )  # fmt: skip
    catalogue = ctx.catalogue
    small = catalogue.small_areas if catalogue is not None else SmallAreaCatalogue()
    problems = list(state.problems)
    choices = tuple(i for i in small.indicators if i.kind != "type" and state.level in i.levels)
    chosen = next((i for i in choices if i.id == state.indicator), None)
    if state.indicator is not None and chosen is None:
        problems.append(Problem("within_bad_indicator", echo(state.indicator)))
    indicator = chosen or _default_indicator(choices)
    denominator = None
    if indicator is not None and indicator.denominator is not None:
        denominator = small.indicator(indicator.denominator)
    wanted = [
        i for i in (
            indicator.id if indicator else None, denominator.id if denominator else None,
            small.population, small.area_type,
        ) if i
    ]  # fmt: skip
    frame = area_values(ctx.reader, place.code, wanted)
    register = {a.code: a for a in areas(ctx.reader, place.code)}
    at_level = frame[frame["level"] == state.level]
    shown = shown_values(at_level, indicator) if indicator is not None else {}
    years = tuple(sorted({period for _, period in shown}))
    year = state.year if state.year in years else (years[-1] if years else None)
    if state.year is not None and state.year not in years and years:
        problems.append(Problem("within_no_year", echo(state.year)))
    population = values_of(at_level, small.population) if small.population else {}
    regso_types = {
        key: round(value)
        for key, (value, _) in (
            values_of(frame[frame["level"] == "regso"], small.area_type) if small.area_type else {}
        ).items()
        if value is not None
    }

    def type_of(code: str, period: str) -> int | None:
        info = register.get(code)
        regso = code if state.level == "regso" else (info.regso_code if info else None)
        return regso_types.get((regso, period)) if regso else None

    rows: list[AreaRow] = []
    vintage = None
    base_year = None
    current: Spread | None = None
    base: Spread | None = None
    if year is not None and indicator is not None:
        codes = sorted({code for code, period in shown if period == year})
        vintage = register[codes[0]].vintage if codes and codes[0] in register else None
        same_vintage = [
            y for y in years
            if any((c, y) in shown for c in codes)
        ]  # fmt: skip
        previous = [y for y in same_vintage if y < year]
        prev = previous[-1] if previous else None
        now = {c: shown[(c, year)][0] for c in codes}
        rank = ranks(now)
        for code in codes:
            info = register.get(code)
            value, status = shown[(code, year)]
            before = shown.get((code, prev), (None, None))[0] if prev else None
            people = population.get((code, year), (None, None))[0]
            regso = info.regso_code if info else None
            rows.append(
                AreaRow(
                    code=code, base=info.base_code if info else code,
                    name=info.name if info else None, regso=regso,
                    regso_name=register[regso].name if regso in register else None,
                    area_type=type_of(code, year), value=value, status=status,
                    change=value - before if value is not None and before is not None else None,
                    rank=rank.get(code), population=people,
                    small=people is not None and people < small.small_population,
                )
            )  # fmt: skip

        current = area_spread(shown, population, codes, year, small)
        base_year = same_vintage[0] if same_vintage and same_vintage[0] != year else None
        base = area_spread(shown, population, codes, base_year, small) if base_year else None
    counts = totals = None
    if indicator is not None and denominator is not None:
        counts, totals = values_of(at_level, indicator.id), values_of(at_level, denominator.id)
    types_at_level = {
        key: kind for key in shown if (kind := type_of(*key)) is not None
    }  # fmt: skip
    typed = (
        by_type(shown, counts, totals, population, types_at_level, indicator.kind)
        if indicator is not None
        else []
    )
    boundary = (
        area_boundary(ctx.reader, place.code, state.level, vintage) if vintage is not None else None
    )
    url = (
        f"/geo/omraden/{state.level}/{vintage}/{place.code}.json?v={boundary.version}"
        if boundary is not None
        else None
    )
    sources = area_sources(ctx.reader, wanted)
    fetched = max((s.last_success_at for s in sources if s.last_success_at), default=None)
    updated = max((s.source_updated for s in sources if s.source_updated), default=None)
    credit = t("credit_scb", lang)
    if catalogue is not None and "scb" in catalogue.sources:
        src = catalogue.sources["scb"]
        credit = src.credit_sv if lang == "sv" else src.credit_en
    return AreasData(
        lang=lang, state=state, municipality=place, indicators=choices, indicator=indicator,
        denominator=denominator, years=years, year=year, vintage=vintage, rows=tuple(rows),
        spread=current, base_year=base_year, base_spread=base, by_type=tuple(typed),
        segregation=_segregation(ctx, place.code), boundary_url=url, credit=credit,
        fetched=fetched, updated=updated, small_population=small.small_population,
        problems=tuple(problems), printed=datetime.now(STOCKHOLM).strftime("%Y-%m-%d"),
    )  # fmt: skip


def headline_gap(ctx: AppContext, code: str, lang: str) -> str | None:
    """The profile's headline gap between RegSO, in words, for the first judged share measure.

    Text such as "Låg ekonomisk standard: 6,7 gånger så högt i Rinkeby som i Bromma (2024)."; None
    when the municipality has no such values or the lowest is zero. No index is computed here,
    only the highest and the lowest published value, so the profile stays cheap.
    """
    catalogue = ctx.catalogue
    if catalogue is None:
        return None
    measure = catalogue.small_areas.headline_measure()
    if measure is None:
        return None
    frame = area_values(ctx.reader, code, [measure.id], "regso")
    frame = frame[frame["value"].notna()]
    if frame.empty:
        return None
    year = str(frame["period"].max())
    now = frame[frame["period"] == year].sort_values(["value", "area_code"])
    low, high = now.iloc[0], now.iloc[-1]
    if float(low["value"]) <= 0 or len(now) < 2:
        return None
    title = measure.title_sv if lang == "sv" else measure.title_en
    text = t(
        "within_headline", lang, indicator=title,
        times=format_number(float(high["value"]) / float(low["value"]), 1, lang),
        high=high["name"] or high["area_code"], low=low["name"] or low["area_code"],
    )  # fmt: skip
    return f"{text[:-1]} ({year})."
