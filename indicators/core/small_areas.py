"""Small areas below the municipality: SCB's DeSO and RegSO, their codes, vintages and catalogue.

DeSO (demografiska statistikområden, about 6,000) and RegSO (regionala statistikområden, 3,363,
built from DeSO) are the levels below the municipality that SCB publishes open statistics for.
Both were revised in 2025. In SCB's tables the new vintage's codes carry a suffix
(``0180C1010_DeSO2025``, ``2584R014_RegSO2025``); unsuffixed codes are the first vintage
(DeSO 2018, RegSO 2020). A code of one vintage asked for a year of another gives silent zeros or
empty cells, so the vintage of every code is read explicitly here, each year is fetched with the
codes of the vintage the catalogue names for it, and the stored code keeps its suffix: a series
(one code) can therefore never mix vintages.

The catalogue part (``config/small_areas.yaml``) says which tables and measures are fetched, which
vintage holds for which years, which indicator gives the areas' population (weights and small
numbers) and which pairs of counts the segregation indices use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from levande.indicators.core.vocabulary import Direction

_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A PxWebApi 2.0 table id, or a PxWeb v1 path (resolved to its ``TAB`` id by the table search).
_TABLE = r"^(?:TAB\d+|[A-Z]{2}/[A-Z]{2}\d{4}[A-Z0-9]*/(?:[A-Za-z0-9]+/)*[A-Za-z0-9]+)$"


class AreaLevel(StrEnum):
    """The small-area levels: ``deso`` and ``regso``."""

    DESO = "deso"
    REGSO = "regso"


#: The vintage an unsuffixed code belongs to.
FIRST_VINTAGE = {AreaLevel.DESO: "2018", AreaLevel.REGSO: "2020"}

_DESO = re.compile(r"^(\d{4})[ABC]\d{3}[0-9A-Z]$")
_REGSO = re.compile(r"^(\d{4})R\d{3}$")
_SUFFIX = re.compile(r"^(?P<base>[0-9A-Z]+)_(?P<level>DeSO|RegSO)(?P<vintage>\d{4})$")


@dataclass(frozen=True, slots=True)
class AreaCode:
    """A DeSO or RegSO code as SCB publishes it, read into its parts.

    ``code`` is the code exactly as published (suffix included) and is the key everything is
    stored under; ``base`` is the code without the suffix, which is what maps and SCB's
    boundary layers use.
    """

    code: str
    base: str
    level: AreaLevel
    vintage: str

    @property
    def municipality(self) -> str:
        """The municipality (kommun) code: the first four characters."""
        return self.base[:4]

    @property
    def county(self) -> str:
        """The county (län) code: the first two characters."""
        return self.base[:2]


@functools.lru_cache(maxsize=1 << 16)
def parse_area_code(code: str) -> AreaCode | None:
    """Read a published DeSO or RegSO code, or None when ``code`` is neither.

    A suffix must name the level its base has: ``0180C1010_RegSO2025`` is not a code of
    either level (None), never silently a DeSO. Kept in a cache (the result is immutable):
    every small-area table lists the same ~18,000 codes, read again for each of them.
    """
    text = code.strip()
    match = _SUFFIX.match(text)
    base = match.group("base") if match else text
    if _DESO.match(base):
        level = AreaLevel.DESO
    elif _REGSO.match(base):
        level = AreaLevel.REGSO
    else:
        return None
    if match is None:
        return AreaCode(text, base, level, FIRST_VINTAGE[level])
    if match.group("level").lower() != level.value:
        return None
    return AreaCode(text, base, level, match.group("vintage"))


def area_code_for(base: str, level: AreaLevel, vintage: str) -> str:
    """The code SCB's tables use for an area of this vintage (suffixed unless the first)."""
    if vintage == FIRST_VINTAGE[level]:
        return base
    return f"{base}_{'DeSO' if level is AreaLevel.DESO else 'RegSO'}{vintage}"


# --- the catalogue part ------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ()


class AreaVintage(_Model):
    """Which DeSO and RegSO vintage a table uses for the years from ``first_year`` on."""

    deso: Annotated[str, Field(pattern=r"^\d{4}$")]
    regso: Annotated[str, Field(pattern=r"^\d{4}$")]
    first_year: int = Field(ge=1990, le=2100)

    def of(self, level: AreaLevel) -> str:
        """The vintage of one level."""
        return self.deso if level is AreaLevel.DESO else self.regso


def vintage_for(vintages: list[AreaVintage], year: int) -> AreaVintage | None:
    """The vintage in force for a year: the one with the latest ``first_year`` not after it."""
    candidates = [v for v in vintages if v.first_year <= year]
    return max(candidates, key=lambda v: v.first_year) if candidates else None


class SmallAreaIndicator(_Model):
    """A small-area indicator: one measure of one SCB table, published per DeSO and/or RegSO.

    ``kind`` says what the number is: ``count`` (persons; summable, used as weights and in the
    segregation indices), ``share`` (per cent as published), ``amount`` (e.g. a median income)
    or ``type`` (a category code, the socio-economic area type). ``denominator`` names the count
    a ``count`` is shown as a share of (e.g. persons with a foreign background of all persons);
    the stored values stay the published counts; pages show 100 x count / denominator, in per
    cent unless ``share_unit_sv``/``share_unit_en`` name it otherwise (cars per 100 residents is
    no share). ``vintages`` overrides the catalogue's default when a table switched to the 2025
    areas in another year.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "title_sv", "title_en", "description_sv", "description_en", "unit_sv", "unit_en",
        "share_unit_sv", "share_unit_en", "notes_sv", "notes_en",
    )  # fmt: skip

    id: Annotated[str, Field(pattern=_ID, max_length=64)]
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    unit_sv: str
    unit_en: str
    decimals: int = Field(default=1, ge=0, le=6)
    direction: Direction
    kind: Literal["count", "share", "amount", "type"]
    levels: list[AreaLevel] = Field(min_length=1)
    source: Literal["scb"] = "scb"
    source_id: Annotated[str, Field(pattern=_TABLE)]
    selection: dict[str, list[str]]
    region_variable: str = "Region"
    time_variable: str = "Tid"
    first_year: int | None = Field(default=None, ge=1990, le=2100)
    denominator: Annotated[str, Field(pattern=_ID)] | None = None
    share_unit_sv: str | None = None
    share_unit_en: str | None = None
    vintages: list[AreaVintage] | None = None
    notes_sv: str | None = None
    notes_en: str | None = None
    maintainer_notes: str | None = None
    verification: Literal["verified", "inferred"] = "inferred"

    @field_validator("selection")
    @classmethod
    def _one_code_each(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if "ContentsCode" not in value:
            raise ValueError("selection must fix ContentsCode (the measure) to one value")
        for var, codes in value.items():
            if len(codes) != 1 or any(ch in codes[0] for ch in "*?(,"):
                raise ValueError(
                    f"selection.{var} must name exactly one value code: the ETL never sums "
                    "parts; use the table's total code"
                )
        return value

    @model_validator(mode="after")
    def _region_and_time_free(self) -> SmallAreaIndicator:
        for var in (self.region_variable, self.time_variable):
            if var in self.selection:
                raise ValueError(f"selection.{var} is selected by the ETL, per year and vintage")
        if self.denominator is not None and self.kind != "count":
            raise ValueError("denominator: only a count is shown as a share of another count")
        if self.denominator == self.id:
            raise ValueError("denominator: an indicator cannot be its own denominator")
        if (self.share_unit_sv is None) != (self.share_unit_en is None):
            raise ValueError("share_unit_sv and share_unit_en: give both or neither")
        if self.share_unit_sv is not None and self.denominator is None:
            raise ValueError("share_unit_sv: only a count with a denominator is shown per it")
        return self

    def share_unit(self, lang: str) -> str | None:
        """What 100 x count / denominator is called when not per cent (cars per 100 residents)."""
        return self.share_unit_sv if lang == "sv" else self.share_unit_en


class SegregationMeasure(_Model):
    """A segregation index pair: a group and the total it is part of, per DeSO.

    ``group`` names a count (persons with a foreign background) or a published share in per
    cent of ``total`` (the share with a low economic standard of the persons in that
    statistics); a share is turned into the group's count as share x total / 100, area by
    area, because SCB publishes no count of the group and the indices need counts.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("title_sv", "title_en")

    id: Annotated[str, Field(pattern=_ID, max_length=64)]
    title_sv: str
    title_en: str
    group: Annotated[str, Field(pattern=_ID)]
    total: Annotated[str, Field(pattern=_ID)]
    level: AreaLevel = AreaLevel.DESO


class SmallAreaCatalogue(_Model):
    """The catalogue's small-area part: vintages, indicators, weights and thresholds.

    ``population`` names the count indicator whose values weight the between-area inequality
    measures and flag areas with few residents (``small_population``); an index is only
    computed where at least ``min_areas`` areas of the municipality have data. ``area_type``
    names the indicator holding SCB's socio-economic area type (1-5) per RegSO.
    """

    vintages: list[AreaVintage] = Field(default_factory=list)
    population: Annotated[str, Field(pattern=_ID)] | None = None
    area_type: Annotated[str, Field(pattern=_ID)] | None = None
    small_population: int = Field(default=300, ge=0)
    min_areas: int = Field(default=5, ge=2)
    indicators: list[SmallAreaIndicator] = Field(default_factory=list)
    segregation: list[SegregationMeasure] = Field(default_factory=list)
    maintainer_notes: str | None = None

    def indicator(self, indicator_id: str) -> SmallAreaIndicator:
        """The small-area indicator with this id; KeyError when there is none."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def headline_measure(self) -> SmallAreaIndicator | None:
        """The measure of the profile's headline gap: the first judged share published per RegSO.

        The catalogue's order decides, so the strategy's own example (the share with a low
        economic standard) is listed before other judged shares.
        """
        return next(
            (i for i in self.indicators
             if i.kind == "share" and i.direction != "neutral" and AreaLevel.REGSO in i.levels),
            None,
        )  # fmt: skip

    def group_is_share(self, measure: SegregationMeasure) -> bool:
        """Whether a segregation pair's group is a published share of its total, not a count."""
        return any(i.id == measure.group and i.kind == "share" for i in self.indicators)

    def vintages_of(self, indicator: SmallAreaIndicator) -> list[AreaVintage]:
        """The vintages an indicator's table uses: its own, else the catalogue's."""
        return indicator.vintages if indicator.vintages is not None else self.vintages

    def problems(self) -> list[tuple[str | None, str]]:
        """Cross-reference problems as (entry, message): unknown ids, wrong kinds, duplicates."""
        out: list[tuple[str | None, str]] = []
        ids = [i.id for i in self.indicators]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out.append((dup, "duplicate small-area indicator id"))
        kinds = {i.id: i.kind for i in self.indicators}

        def need(entry: str | None, field: str, ref: str | None, kind: str) -> None:
            if ref is None:
                return
            if ref not in kinds:
                out.append((entry, f"{field}: unknown small-area indicator {ref!r}"))
            elif kinds[ref] != kind:
                out.append((entry, f"{field}: {ref!r} is a {kinds[ref]}, not a {kind}"))

        need(None, "population", self.population, "count")
        need(None, "area_type", self.area_type, "type")
        for ind in self.indicators:
            need(ind.id, "denominator", ind.denominator, "count")
        for seg in self.segregation:
            if kinds.get(seg.group) != "share":
                need(seg.id, "group", seg.group, "count")
            need(seg.id, "total", seg.total, "count")
        if self.indicators and not self.vintages:
            out.append((None, "vintages: name at least the first DeSO/RegSO vintage and year"))
        return out


class AreaComputation(_Model):
    """How a national indicator is computed from stored small-area values.

    ``method`` is one of:

    - ``population_share_in_types``: the share (per cent) of the population living in RegSO
      whose area type (``area_indicator``, SCB's 1-5) is one of ``types``, summed over each
      municipality, county and the country from the areas' own populations (``population``).
    - ``dissimilarity`` / ``isolation``: the segregation index ``segregation`` (a pair of DeSO
      counts in the small-area catalogue) over the DeSO of each municipality, county and the
      country.

    The result is written with the computation's name as its aggregation, so every page says it
    was computed, and it is reproducible from the stored area values.
    """

    method: Literal["population_share_in_types", "dissimilarity", "isolation"]
    area_indicator: Annotated[str, Field(pattern=_ID)] | None = None
    population: Annotated[str, Field(pattern=_ID)] | None = None
    types: list[int] = Field(default_factory=lambda: [1, 2])
    segregation: Annotated[str, Field(pattern=_ID)] | None = None

    @model_validator(mode="after")
    def _inputs(self) -> AreaComputation:
        if self.method == "population_share_in_types":
            if self.area_indicator is None or self.population is None:
                raise ValueError(
                    "population_share_in_types needs area_indicator (the area type) and population"
                )
            if not self.types or any(t not in range(1, 6) for t in self.types):
                raise ValueError("types: name area types between 1 and 5")
        elif self.segregation is None:
            raise ValueError(f"{self.method} needs segregation: the id of a segregation pair")
        return self

    def problems(self, small: SmallAreaCatalogue) -> list[str]:
        """References to small-area entries that do not exist."""
        out = []
        known = {i.id: i.kind for i in small.indicators}
        if self.area_indicator is not None and known.get(self.area_indicator) != "type":
            out.append(f"computed.area_indicator: {self.area_indicator!r} is no area type")
        if self.population is not None and known.get(self.population) != "count":
            out.append(f"computed.population: {self.population!r} is no count")
        if self.segregation is not None and self.segregation not in {
            s.id for s in small.segregation
        }:
            out.append(f"computed.segregation: unknown segregation pair {self.segregation!r}")
        return out

    @property
    def aggregation(self) -> str:
        """The ``observation.aggregation`` of its values: ``computed:<method>``."""
        return f"computed:{self.method}"
