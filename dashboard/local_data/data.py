"""What the local data page shows, loaded once from the address into a frozen dataclass.

``/kommun/<code>/lokal`` lists the municipality's published datasets (Platskompassen results
and area measures); the address chooses a dataset, a version, an area and an area to compare
with. Unknown parameters are ignored; a dataset, version or area that does not exist falls
back to the default and is reported as a problem, never as an error page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import pandas as pd

from levande.dashboard.areas.data import shown_values
from levande.dashboard.components.place_search import SEARCH_PATH
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import NotFound
from levande.dashboard.urls import Problem, echo, first, lang_from, with_lang
from levande.indicators.core.small_areas import SmallAreaIndicator
from levande.indicators.core.vocabulary import Level
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import local_data as local
from levande.indicators.reads.small_areas import area_values

KEYS = ("dataset", "version", "area", "compare")
"""The page's own query parameters (besides ``lang``)."""


def local_path(code: str) -> str:
    """The local data page of a municipality."""
    return f"/kommun/{quote(code)}/lokal"


@dataclass(frozen=True)
class LocalRequest:
    """The address of a local data page, read without judging it.

    Attributes:
        lang: the page's language.
        code: the municipality code from the path.
        choices: the page's own parameters as given (first value, stripped).
    """

    lang: str
    code: str
    choices: Mapping[str, str | None]


def parse_local_request(code: object, kwargs: Mapping[str, object]) -> LocalRequest:
    """Read the address: the code from the path and the known parameters; others ignored."""
    lang, _ = lang_from(kwargs)
    return LocalRequest(
        lang, unquote(first(code) or ""), {key: first(kwargs.get(key)) for key in KEYS}
    )


@dataclass(frozen=True)
class StatisticRow:
    """One register statistic of the chosen area, latest year, as the area page shows it.

    A count with a denominator is shown as its share, computed the way the area page does.
    """

    indicator: SmallAreaIndicator
    period: str
    value: float | None
    status: str | None


@dataclass(frozen=True)
class LocalPageData:
    """Everything the page renders.

    Attributes:
        lang: the language.
        municipality: the municipality.
        datasets: the latest version of each published dataset.
        chosen: the dataset shown, in the version shown; None when none is published.
        versions: every version of the chosen dataset, oldest first.
        values: the chosen version's values (``reads.local_data.VALUE_COLUMNS``).
        area: the area shown (Platskompassen); None for measures or without values.
        compare: the area compared with, if any.
        statistics: register statistics of ``area`` (empty for local areas or none loaded).
        problems: parameters that could not be used.
    """

    lang: str
    municipality: dims.RegionInfo
    datasets: tuple[local.DatasetVersion, ...]
    chosen: local.DatasetVersion | None
    versions: tuple[local.DatasetVersion, ...]
    values: pd.DataFrame
    area: str | None
    compare: str | None
    statistics: tuple[StatisticRow, ...] = ()
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def params(self) -> dict[str, str | None]:
        """The page's state as query parameters (for links and the language switch)."""
        chosen = self.chosen
        return {
            "dataset": chosen.slug if chosen else None,
            "version": str(chosen.version) if chosen and not chosen.latest else None,
            "area": self.area,
            "compare": self.compare,
        }


def _not_found(request: LocalRequest) -> NotFound:
    lang = request.lang
    return NotFound(
        lang,
        local_path(request.code),
        t("local_not_found", lang, value=echo(request.code)),
        (
            (t("search_places", lang), with_lang(SEARCH_PATH, lang)),
            (t("back_to_overview", lang), with_lang("/", lang)),
        ),
    )


def _pick(
    wanted: str | None, allowed: list[str], default: str | None, key: str, problems: list[Problem]
) -> str | None:
    if wanted is None:
        return default
    if wanted in allowed:
        return wanted
    problems.append(Problem(f"local_bad_{key}", echo(wanted)))
    return default


def load_local(ctx: AppContext, request: LocalRequest) -> LocalPageData | NotFound:
    """Load the page's data once."""
    reader = ctx.reader
    place = dims.region(reader, request.code)
    if place is None or place.level != Level.KOMMUN:
        return _not_found(request)
    problems: list[Problem] = []
    published = tuple(local.datasets(reader, place.code))
    slug = _pick(
        request.choices["dataset"],
        [d.slug for d in published],
        published[0].slug if published else None,
        "dataset",
        problems,
    )
    if slug is None:
        empty = pd.DataFrame(columns=local.VALUE_COLUMNS)
        return LocalPageData(request.lang, place, published, None, (), empty, None, None)
    versions = tuple(local.versions(reader, place.code, slug))
    number = _pick(
        request.choices["version"],
        [str(v.version) for v in versions],
        str(versions[-1].version),
        "version",
        problems,
    )
    chosen = next(v for v in versions if str(v.version) == number)
    values = local.values(reader, place.code, slug, chosen.version)
    area = compare = None
    statistics: tuple[StatisticRow, ...] = ()
    if chosen.kind == "platskompassen" and not values.empty:
        codes = list(dict.fromkeys(values["area_code"]))
        area = _pick(request.choices["area"], codes, codes[0], "area", problems)
        compare = _pick(request.choices["compare"], codes, None, "area", problems)
        compare = None if compare == area else compare
        statistics = _statistics(ctx, place.code, area) if area else ()
    return LocalPageData(
        request.lang,
        place,
        published,
        chosen,
        versions,
        values,
        area,
        compare,
        statistics,
        tuple(problems),
    )


def _statistics(ctx: AppContext, municipality: str, area: str) -> tuple[StatisticRow, ...]:
    """The area's small-area statistics (DeSO or RegSO, either vintage), latest year each."""
    catalogue = ctx.catalogue
    if catalogue is None or catalogue.small_areas is None:
        return ()
    indicators = [i for i in catalogue.small_areas.indicators if i.kind != "type"]
    frame = area_values(ctx.reader, municipality, [i.id for i in catalogue.small_areas.indicators])
    mine = frame[(frame["area_code"] == area) | (frame["base_code"] == area)]
    if mine.empty:
        return ()
    shown_ids = {i.denominator for i in indicators if i.denominator}
    rows = []
    for info in indicators:
        if info.id in shown_ids and info.kind == "count":
            continue  # shown as the denominator of a share, not on its own
        shown = shown_values(mine, info)
        if not shown:
            continue
        (_, period), (value, status) = max(shown.items(), key=lambda item: item[0][1])
        rows.append(StatisticRow(info, period, value, status))
    return tuple(rows)
