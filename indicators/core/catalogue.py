"""The catalogue: national goal, focus areas, sub-goals, indicators and sources, as data.

The catalogue lives as YAML in ``config/`` (or ``LEVANDE_CONFIG_DIR``) so that agency staff
change it without touching code. These pydantic models are its schema; :func:`load_catalogue`
reads and cross-checks every file and reports each problem with the file, the entry and a fix.

Layout of the folder::

    goal.yaml            the national goal (one mapping under ``goal:``)
    sources.yaml         the data sources and their credit lines (``sources:``)
    focus_areas.yaml     the focus areas (``focus_areas:``)
    context_groups.yaml  groups of context indicators outside the focus areas, optional
    frameworks.yaml      versioned sets of sub-goals and the one in force, optional
    indicators/*.yaml    the indicators (``indicators:``), any number of files
    method.yaml          parameters of the status method (``method:``), optional
    regions.yaml         peer groups and Kolada group ids (``regions:``), optional
    schedule.yaml        the refresh schedule (``schedule:``), optional

Public and maintainer text: every text a reader sees (names, descriptions, notes) is public and
must read as an explanation for people; what only maintainers need (where a code came from,
what to verify next) goes in ``maintainer_notes``, which is never synced to the database and
never rendered. The loader refuses public text that speaks to maintainers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from levande.indicators.core.small_areas import (
    AreaComputation,
    SegregationMeasure,
    SmallAreaCatalogue,
    SmallAreaIndicator,
)
from levande.indicators.core.vocabulary import MANUAL_STATUSES, Direction, Level, Status

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A focus area or context group: a slug (``trygghet``) or the older numbered form (``FA07``).
FOCUS_AREA_ID_PATTERN = r"^(?:FA\d{2}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$"
FOCUS_AREA_ID_MAX = 32
#: A sub-goal: ``<focus area>-<suffix>`` (``trygghet-d1``) or the older ``FA07-D1``.
SUBGOAL_ID_PATTERN = r"^(?:FA\d{2}-[A-Z]+\d+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)$"
SUBGOAL_ID_MAX = 48
FRAMEWORK_ID_MAX = 48
KOLADA_KPI_PATTERN = re.compile(r"^[NU]\d{5}$")
SCB_TABLE_PATTERN = re.compile(r"^TAB\d+$")
SCB_V1_PATH_PATTERN = re.compile(
    r"^[A-Z]{2}/[A-Z]{2}\d{4}[A-Z0-9]*/(?:[A-Za-z0-9]+/)*[A-Za-z0-9]+$"
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    #: Fields whose text readers see; checked for maintainer phrases by the loader.
    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ()


#: Phrases that speak to maintainers, not readers: they belong in ``maintainer_notes``.
MAINTAINER_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bkontroller\w*|\bvid kontrollen\b|\bcheck(?:s|ed|ing)?\b", re.IGNORECASE),
        "asks for a check",
    ),
    (
        re.compile(r"\barbetsnamn\w*|\bworking[ _]titles?\b", re.IGNORECASE),
        "speaks of a working title",
    ),
    (
        re.compile(r"\brekonstruer\w*|\breconstruct\w*", re.IGNORECASE),
        "speaks of a reconstructed text",
    ),
    (re.compile(r"\bLEVANDE_[A-Z0-9_]+"), "names an environment variable"),
    (
        re.compile(
            r"(?:^|[\s(`'\"])(?:config|docs|tests|indicators|dashboard|etl|levande)/"
            r"|\b[\w-]+\.(?:ya?ml|py|md|toml)\b"
        ),
        "names a file or folder of the product",
    ),
    (
        re.compile(
            r"\b(?:ContentsCode|higher_is_better|lower_is_better|working_title|name_status"
            r"|wording_status|maintainer_notes)\b|\b(?:direction|verification|source_id)\s*:"
        ),
        "names a catalogue setting",
    ),
    (re.compile(r"\b(?:TODO|FIXME|XXX)\b|\b(?:OBS|NOTE)\s*:"), "is a note to maintainers"),
)


def maintainer_phrase(text: str) -> str | None:
    """Why ``text`` reads as a note to maintainers (quoting the phrase), or None when it does not.

    Public texts explain a value to a reader; instructions, file names, settings and reminders
    to verify something belong in ``maintainer_notes``, which is never shown.
    """
    for pattern, why in MAINTAINER_PHRASES:
        found = pattern.search(text)
        if found:
            return f"{why} ({found.group(0).strip()!r})"
    return None


def public_text_problems(model: BaseModel, prefix: str = "") -> list[str]:
    """Messages for every public text of ``model`` that speaks to maintainers.

    Nested models are searched too; each message names the field and the fix.
    """
    messages: list[str] = []
    for name in getattr(model, "PUBLIC_TEXT", ()):
        value = getattr(model, name)
        if isinstance(value, str):
            why = maintainer_phrase(value)
            if why:
                messages.append(
                    f"{prefix}{name}: public text {why}; say it for readers or move it to "
                    "maintainer_notes"
                )
    for name in type(model).model_fields:
        value = getattr(model, name)
        children = value if isinstance(value, list) else [value]
        for index, child in enumerate(children):
            if isinstance(child, _Model) and child.PUBLIC_TEXT:
                where = f"{name}.{index}." if isinstance(value, list) else f"{name}."
                messages += public_text_problems(child, prefix + where)
    return messages


class GoalSource(_Model):
    """A document the goal's wording was read in, named and linked for readers."""

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("title_sv", "title_en")

    title_sv: str
    title_en: str
    url: Annotated[str, Field(pattern=r"^https://")]
    published: date | None = None


class Goal(_Model):
    """The national goal for urban development and the document that sets it.

    ``translation`` says who wrote the English texts: the Government publishes the goal in
    Swedish only, so ``product`` marks ``text_en`` and ``ambition_en`` as the product's own
    translation.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "text_sv", "text_en", "ambition_sv", "ambition_en", "source_document",
        "wording_note_sv", "wording_note_en",
    )  # fmt: skip

    text_sv: str
    text_en: str
    ambition_sv: str
    ambition_en: str
    source_document: str
    source_url: str | None = None
    sources: list[GoalSource] = Field(default_factory=list)
    translation: Literal["product", "official"] = "product"
    decided: date
    wording_status: Literal["verified", "reconstructed"]
    wording_note_sv: str | None = None
    wording_note_en: str | None = None
    maintainer_notes: str | None = None

    @model_validator(mode="after")
    def _reconstructed_needs_note(self) -> Goal:
        if self.wording_status == "reconstructed" and not (
            self.wording_note_sv and self.wording_note_en
        ):
            raise ValueError(
                "a reconstructed wording needs wording_note_sv and wording_note_en "
                "saying where the text comes from"
            )
        return self

    @model_validator(mode="after")
    def _verified_needs_linked_source(self) -> Goal:
        if self.wording_status == "verified" and not self.sources:
            raise ValueError(
                "a verified wording needs 'sources:' naming and linking the documents it was "
                "read in (title_sv, title_en, url)"
            )
        return self

    def public_text_problems(self) -> list[str]:
        """Like :func:`public_text_problems`; a reconstructed wording's note may say so."""
        problems = public_text_problems(self)
        if self.wording_status == "reconstructed":
            problems = [p for p in problems if not p.startswith("wording_note_")]
        return problems


class Source(_Model):
    """A data source: what the catalogue's ``source:`` fields may name."""

    id: Annotated[str, Field(pattern=r"^[a-z]+$")]
    name: str
    credit_sv: str
    credit_en: str
    homepage: str
    licence: str


class Subgoal(_Model):
    """A sub-goal (delmål) under a focus area; proposed by the project until the council's.

    ``framework`` names the framework the sub-goal belongs to (None for sub-goals written
    directly under a focus area, in catalogues without ``frameworks.yaml``).
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("text_sv", "text_en", "note_sv", "note_en")

    id: Annotated[str, Field(pattern=SUBGOAL_ID_PATTERN, max_length=SUBGOAL_ID_MAX)]
    text_sv: str
    text_en: str
    proposed_by: Literal["project", "council", "government"]
    note_sv: str | None = None
    note_en: str | None = None
    framework: str | None = None


def _both_or_neither(model: BaseModel, stem: str) -> None:
    sv, en = getattr(model, f"{stem}_sv"), getattr(model, f"{stem}_en")
    if bool(sv) != bool(en):
        raise ValueError(f"{stem}_sv and {stem}_en go together: give both languages or neither")


class FocusArea(_Model):
    """One of the thirteen focus areas (fokusområden) of the strategy.

    ``name_sv``/``name_en`` are the display names built on the Government's short names;
    ``heading_sv`` is the heading of the area's section in the skrivelse where it is known.
    ``pillar`` is set only where the strategy's own structure places the area. A public
    ``statistics_gap_sv/en`` says plainly what part of the area no national statistic covers
    yet. ``replaces`` lists retired area ids whose old addresses lead here.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "name_sv", "name_en", "heading_sv", "heading_en", "description_sv", "description_en",
        "statistics_gap_sv", "statistics_gap_en",
    )  # fmt: skip

    id: Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)]
    pillar: Literal["levande", "trygga", "robusta"] | None = None
    strategy_section: str | None = None
    name_sv: str
    name_en: str
    name_status: Literal["verified", "working_title"] = "verified"
    heading_sv: str | None = None
    heading_en: str | None = None
    description_sv: str
    description_en: str
    statistics_gap_sv: str | None = None
    statistics_gap_en: str | None = None
    replaces: list[
        Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)]
    ] = Field(default_factory=list)
    subgoals: list[Subgoal] = Field(default_factory=list)
    maintainer_notes: str | None = None

    @model_validator(mode="after")
    def _pairs(self) -> FocusArea:
        _both_or_neither(self, "heading")
        _both_or_neither(self, "statistics_gap")
        return self

    @property
    def working_title(self) -> bool:
        """True while the name is the product's placeholder, not the strategy's heading."""
        return self.name_status == "working_title"


class ContextGroup(_Model):
    """A group of context indicators: conditions that frame the goal but are no focus area.

    Its indicators have no sub-goals and never count in a focus area's status; they describe
    the conditions (population, housing supply, jobs, planning readiness) that the focus areas'
    progress should be read against.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "name_sv", "name_en", "heading_sv", "heading_en", "description_sv", "description_en",
    )  # fmt: skip

    id: Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)]
    strategy_section: str | None = None
    name_sv: str
    name_en: str
    heading_sv: str | None = None
    heading_en: str | None = None
    description_sv: str
    description_en: str
    replaces: list[
        Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)]
    ] = Field(default_factory=list)
    maintainer_notes: str | None = None

    @model_validator(mode="after")
    def _pairs(self) -> ContextGroup:
        _both_or_neither(self, "heading")
        return self

    @property
    def working_title(self) -> bool:
        """Always False: a context group's name is the product's own, never a placeholder."""
        return False


#: Who stands behind a framework of sub-goals, and what its sub-goals' ``proposed_by`` becomes.
FRAMEWORK_ORIGINS: dict[str, Literal["project", "council", "government"]] = {
    "project": "project",
    "council_proposal": "council",
    "government_decision": "government",
}


class FrameworkSubgoal(_Model):
    """A sub-goal as written in a framework: which focus area it serves and what it says."""

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("text_sv", "text_en", "note_sv", "note_en")

    id: Annotated[str, Field(pattern=SUBGOAL_ID_PATTERN, max_length=SUBGOAL_ID_MAX)]
    focus_area: Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)]
    text_sv: str
    text_en: str
    note_sv: str | None = None
    note_en: str | None = None
    maintainer_notes: str | None = None

    @model_validator(mode="after")
    def _pairs(self) -> FrameworkSubgoal:
        _both_or_neither(self, "note")
        return self


class Framework(_Model):
    """A versioned set of sub-goals with its origin.

    The origin is the product's proposal, the council's proposal or the Government's decision.
    One framework is in force at a time.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "name_sv", "name_en", "description_sv", "description_en", "source_document",
    )  # fmt: skip

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=FRAMEWORK_ID_MAX)]
    version: Annotated[str, Field(min_length=1, max_length=32)]
    origin: Literal["project", "council_proposal", "government_decision"]
    name_sv: str
    name_en: str
    description_sv: str | None = None
    description_en: str | None = None
    published: date | None = None
    source_document: str | None = None
    source_url: Annotated[str, Field(pattern=r"^https://")] | None = None
    subgoals: list[FrameworkSubgoal] = Field(min_length=1)
    maintainer_notes: str | None = None

    @model_validator(mode="after")
    def _official_needs_document(self) -> Framework:
        _both_or_neither(self, "description")
        if self.origin != "project" and not (self.source_document and self.published):
            raise ValueError(
                f"a framework of origin {self.origin} needs source_document and published "
                "(the date of the council's report or the Government's decision)"
            )
        return self

    @property
    def proposed_by(self) -> Literal["project", "council", "government"]:
        """The ``proposed_by`` of this framework's sub-goals."""
        return FRAMEWORK_ORIGINS[self.origin]


class Plausible(_Model):
    """The values an indicator can plausibly take, checked after every load.

    A value outside ``min``..``max``, or one that moved more than ``max_change`` from the year
    before, is still stored exactly as published, but flagged for an operator and left out of
    the status until accepted or revised at the source. What is not declared is derived from
    the unit (``levande.indicators.core.plausibility``).
    """

    min: float | None = None
    max: float | None = None
    max_change: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Plausible:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"plausible: min {self.min:g} is above max {self.max:g}; swap them")
        return self


class Target(_Model):
    """A quantified target: the value to reach by the year."""

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("note_sv", "note_en")

    value: float
    year: int | None = Field(default=None, ge=2000, le=2100)
    note_sv: str | None = None
    note_en: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _year_required(self) -> Target:
        if self.year is None:
            raise ValueError("a target needs a year: add 'year: <YYYY>' next to 'value'")
        return self


class ManualStatus(_Model):
    """A status set by hand that overrides the computed one, with the reason."""

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = ("comment_sv", "comment_en")

    status: Status
    comment_sv: str
    comment_en: str

    @field_validator("status")
    @classmethod
    def _settable_by_hand(cls, value: Status) -> Status:
        if value not in MANUAL_STATUSES:
            allowed = ", ".join(s.value for s in Status if s in MANUAL_STATUSES)
            raise ValueError(f"a status set by hand is one of {allowed}")
        return value


@dataclass(frozen=True)
class ScbRequestPart:
    """One data request for an SCB indicator: the full selection and the region codelist.

    ``label`` is ``all`` for a single request, or the level a codelist request covers.
    """

    label: str
    selection: dict[str, list[str]]
    codelist: str | None


class ScbQuery(_Model):
    """How one SCB table is asked for this indicator.

    ``selection`` fixes every variable that is neither the region, the time nor the gender
    variable (always including ``ContentsCode``). ``gender_codes`` maps our breakdowns T/K/M
    to the table's codes for its gender variable, when the indicator splits by gender.
    ``region_codelists`` names codelists restricting the region variable per level.
    """

    selection: dict[str, list[str]]
    region_variable: str = "Region"
    time_variable: str = "Tid"
    gender_variable: str | None = None
    gender_codes: dict[Literal["T", "K", "M"], str] | None = None
    region_codelists: dict[Level, str] = Field(default_factory=dict)

    @field_validator("selection")
    @classmethod
    def _contents_required(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if "ContentsCode" not in value:
            raise ValueError("selection must fix ContentsCode (the measure) to one value")
        if len(value["ContentsCode"]) != 1:
            raise ValueError("selection.ContentsCode must name exactly one measure")
        for var, codes in value.items():
            if not codes:
                raise ValueError(f"selection.{var} is empty: name at least one value code")
        return value

    @model_validator(mode="after")
    def _one_value_per_fixed_variable(self) -> ScbQuery:
        for var, codes in self.selection.items():
            if var == self.time_variable:
                continue
            if var in (self.region_variable, self.gender_variable):
                raise ValueError(
                    f"selection.{var} is the region or gender variable; the ETL selects it"
                )
            if len(codes) != 1 or any(ch in codes[0] for ch in "*?(,"):
                raise ValueError(
                    f"selection.{var} must name exactly one value code: several would need "
                    "summing parts, which SCB's noise-protected tables forbid; use the "
                    "table's total code"
                )
        return self

    def request_parts(self, *, gender: bool, levels: Sequence[Level]) -> list[ScbRequestPart]:
        """The data requests that fetch this indicator.

        What the ETL sends and what the dashboard shows under "reproduce this number" come
        from this one definition.

        The catalogue's fixed selection, every period (unless the selection names periods), the
        gender codes (all three when the indicator splits by gender, else the total) and every
        region — per level with the catalogue's codelists when it names them (riket as ``00``
        when it has none), otherwise in one request.
        """
        selection = {k: list(v) for k, v in self.selection.items()}
        selection.setdefault(self.time_variable, ["*"])
        if self.gender_variable and self.gender_codes:
            codes = [self.gender_codes[g] for g in ("T", "K", "M") if g in self.gender_codes]
            selection[self.gender_variable] = codes if gender else [self.gender_codes["T"]]
        if not self.region_codelists:
            return [ScbRequestPart("all", {**selection, self.region_variable: ["*"]}, None)]
        parts = []
        for level in levels:
            level = Level(level)
            codelist = self.region_codelists.get(level)
            regions = ["00"] if codelist is None and level is Level.RIKET else ["*"]
            parts.append(
                ScbRequestPart(level.value, {**selection, self.region_variable: regions}, codelist)
            )
        return parts

    @model_validator(mode="after")
    def _gender_pair(self) -> ScbQuery:
        if (self.gender_variable is None) != (self.gender_codes is None):
            raise ValueError("gender_variable and gender_codes go together: give both or neither")
        if self.gender_codes is not None and "T" not in self.gender_codes:
            raise ValueError("gender_codes must map T (total) to the table's total code")
        return self


class ValueLabel(_Model):
    """What one code of a coded indicator means, in words: ``1`` is "balans" / "balance"."""

    value: int
    label_sv: str
    label_en: str


MAX_HEADLINES = 4
"""How many headline indicators the overview has room for beside its focus areas."""


class Indicator(_Model):
    """One indicator: what it measures, which way is better, and where it comes from.

    An indicator belongs either to a focus area (``focus_area``, with the sub-goals it follows
    up) or to a context group (``context_group``, without sub-goals). ``title_sv`` and
    ``title_en`` are short titles for readers; ``source_title`` keeps the source's own title
    (the loader requires it for Kolada) so the measure can be found there. ``notes_sv`` and
    ``notes_en`` tell a reader what they need to interpret the value; ``maintainer_notes`` are
    never shown. ``former_ids`` lists the ids the indicator had before it was renamed: their
    addresses (the page, the downloads, the feed and the API) answer with a permanent redirect
    to this id, so a link or a script written against the old id keeps working.
    """

    PUBLIC_TEXT: ClassVar[tuple[str, ...]] = (
        "title_sv", "title_en", "description_sv", "description_en", "unit_sv", "unit_en",
        "credit_sv", "credit_en", "notes_sv", "notes_en",
    )  # fmt: skip

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
    former_ids: list[Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]] = Field(
        default_factory=list
    )
    focus_area: (
        Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)] | None
    ) = None
    context_group: (
        Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN, max_length=FOCUS_AREA_ID_MAX)] | None
    ) = None
    subgoals: list[str] = Field(default_factory=list)
    source: str
    source_id: str
    source_title: str | None = None
    scb: ScbQuery | None = None
    computed: AreaComputation | None = None
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    unit_sv: str
    unit_en: str
    decimals: int = Field(default=1, ge=0, le=6)
    direction: Direction
    levels: list[Level] = Field(min_length=1)
    municipal_mean_levels: list[Level] = Field(
        default_factory=list,
        description=(
            "levels whose values are unweighted means of municipalities (Kolada groups), "
            "labelled as such in the UI"
        ),
    )
    gender: bool = False
    credit_sv: str | None = None
    credit_en: str | None = None
    target: Target | None = None
    manual_status: ManualStatus | None = None
    notes_sv: str | None = None
    notes_en: str | None = None
    maintainer_notes: str | None = None
    verification: Literal["verified", "inferred"] = "inferred"
    plausible: Plausible | None = None
    headline: bool = Field(
        default=False,
        description=(
            "one of the few indicators the overview leads with (a sparkline, the latest "
            "national value); at most MAX_HEADLINES in the catalogue"
        ),
    )
    value_labels: list[ValueLabel] = Field(
        default_factory=list,
        description=(
            "for a coded indicator (ja = 1, nej = 0; 0 = underskott, 1 = balans ...): each "
            "code in words, so pages write 'Balans (1)' and, for the municipalities' mean of a "
            "yes/no code, '58 % av kommunerna'"
        ),
    )
    annual_month: int | None = Field(
        default=None,
        ge=1,
        le=12,
        description=(
            "for a monthly table: the month whose value is the year's value (12 = December); "
            "pages show that month per year unless the reader asks for every month"
        ),
    )

    @property
    def group(self) -> str:
        """The focus area or context group the indicator is shown under."""
        return self.focus_area or self.context_group or ""

    @model_validator(mode="after")
    def _one_group(self) -> Indicator:
        if (self.focus_area is None) == (self.context_group is None):
            raise ValueError(
                "name exactly one of focus_area (an area of the strategy, with sub-goals) or "
                "context_group (a group of context indicators, without sub-goals)"
            )
        if self.focus_area is not None and not self.subgoals:
            raise ValueError(
                "subgoals: an indicator of a focus area follows up at least one sub-goal; "
                "list it, e.g. 'subgoals: [trygghet-d1]'"
            )
        if self.context_group is not None and self.subgoals:
            raise ValueError(
                "subgoals: a context indicator follows up no sub-goal; remove the list or move "
                "the indicator to a focus area"
            )
        _both_or_neither(self, "notes")
        return self

    @field_validator("direction", mode="before")
    @classmethod
    def _known_direction(cls, value: Any) -> Any:
        allowed = [d.value for d in Direction]
        if value not in allowed:
            raise ValueError(f"direction {value!r} is not one of {', '.join(allowed)}")
        return value

    @model_validator(mode="after")
    def _source_shape(self) -> Indicator:
        if self.source == "kolada":
            if not KOLADA_KPI_PATTERN.match(self.source_id):
                raise ValueError(
                    f"source_id {self.source_id!r} is not a Kolada KPI id (N or U and 5 digits)"
                )
            if self.scb is not None:
                raise ValueError("an indicator from kolada takes no 'scb:' block")
        if self.computed is not None and (self.source in ("kolada", "scb") or self.scb):
            raise ValueError(
                "computed: an indicator computed from small areas names its own source (not "
                "kolada or scb) and takes no 'scb:' block"
            )
        if self.source == "scb":
            if not (
                SCB_TABLE_PATTERN.match(self.source_id) or SCB_V1_PATH_PATTERN.match(self.source_id)
            ):
                raise ValueError(
                    f"source_id {self.source_id!r} is neither a PxWebApi 2.0 table id (TAB<n>) "
                    "nor a v1 path such as BE/BE0101/BE0101A/BefolkningNy"
                )
            if self.scb is None:
                raise ValueError("an indicator from scb needs an 'scb:' block with its selection")
            if self.gender and self.scb.gender_codes is None:
                raise ValueError("gender: true needs scb.gender_variable and scb.gender_codes")
        bad_levels = set(self.municipal_mean_levels) - (set(self.levels) - {Level.KOMMUN})
        if bad_levels:
            raise ValueError(
                "municipal_mean_levels may only name riket or lan levels that are also in levels"
            )
        return self


class MethodSettings(_Model):
    """Parameters of the progress-status method (see docs/method.md)."""

    base_year: int = Field(default=2015, ge=1990, le=2100)
    thresholds_no_target: tuple[float, float, float] = (0.015, 0.005, 0.0)
    thresholds_target: tuple[float, float, float] = (0.95, 0.6, 0.0)
    min_points_for_confidence: int = Field(default=3, ge=2)
    max_sign_flip_share: float = Field(default=0.5, ge=0, le=1)


class ScheduleJob(_Model):
    """One scheduled refresh: which ETL job and when (cron, Europe/Stockholm)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    job: Literal["regions", "boundaries", "scb", "kolada", "indicators", "status"]
    cron: str
    indicators: list[str] = Field(default_factory=list)
    full: bool = False
    max_age_hours: float | None = Field(default=None, gt=0)

    @field_validator("cron")
    @classmethod
    def _cron_fields(cls, value: str) -> str:
        from levande.indicators.core.cron import validate_cron

        validate_cron(value)
        return value


class Schedule(_Model):
    """The refresh schedule: jobs, time zone."""

    timezone: str = "Europe/Stockholm"
    jobs: list[ScheduleJob] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use e.g. Europe/Stockholm") from None
        return value


class SkrGroup(_Model):
    """One of SKR's nine municipality groups (kommungruppsindelning) and its Kolada group."""

    code: Annotated[str, Field(pattern=r"^[ABC][1-9]$")]
    kolada_group: Annotated[str, Field(pattern=r"^G\d+$")]
    name_sv: str
    name_en: str
    description_sv: str | None = None
    description_en: str | None = None


class MapInset(_Model):
    """A close-up beside Sweden's map: a metropolitan region whose municipalities are small.

    On a map of all 290 municipalities those of Stockholm, Göteborg and Malmö are a few pixels
    each; an inset draws them again, zoomed to fit.
    """

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
    name_sv: str
    name_en: str
    municipalities: list[Annotated[str, Field(pattern=r"^\d{4}$")]] = Field(min_length=1)


class RegionSettings(_Model):
    """How regions and peer groups are derived from Kolada's municipality groups.

    County values of municipal-only KPIs come from the group whose title ends with
    ``county_group_suffix`` and whose members are exactly the county's municipalities;
    national values from ``all_municipalities_group`` when Kolada publishes no ``0000``.
    """

    riket_name_sv: str = "Riket"
    riket_name_en: str = "Sweden"
    all_municipalities_group: Annotated[str, Field(pattern=r"^G\d+$")] = "G2328"
    county_group_suffix: str = "läns kommuner (ovägt medel)"
    skr_edition: str | None = None
    skr_groups: list[SkrGroup] = Field(default_factory=list)
    map_insets: list[MapInset] = Field(default_factory=list, max_length=3)


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue, validated and cross-checked.

    ``focus_areas`` carry the sub-goals of the framework in force (``framework_in_force``);
    ``frameworks`` holds every framework, in force or not. ``context_groups`` are shown apart
    from the focus areas and never count in their status.
    """

    goal: Goal
    sources: dict[str, Source]
    focus_areas: list[FocusArea]
    indicators: list[Indicator]
    method: MethodSettings = field(default_factory=MethodSettings)
    schedule: Schedule = field(default_factory=Schedule)
    regions: RegionSettings = field(default_factory=RegionSettings)
    directory: Path | None = None
    context_groups: list[ContextGroup] = field(default_factory=list)
    frameworks: list[Framework] = field(default_factory=list)
    framework_in_force: str | None = None
    small_areas: SmallAreaCatalogue = field(default_factory=SmallAreaCatalogue)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError when the catalogue has none."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def focus_area(self, focus_area_id: str) -> FocusArea:
        """The focus area with this id; KeyError when the catalogue has none."""
        for fa in self.focus_areas:
            if fa.id == focus_area_id:
                return fa
        raise KeyError(focus_area_id)

    def context_group(self, group_id: str) -> ContextGroup:
        """The context group with this id; KeyError when the catalogue has none."""
        for group in self.context_groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    @property
    def subgoals(self) -> list[Subgoal]:
        """The sub-goals in force, in catalogue order."""
        return [sg for fa in self.focus_areas for sg in fa.subgoals]

    def indicators_of(self, focus_area_id: str) -> list[Indicator]:
        """The indicators of one focus area or context group, in catalogue order."""
        return [ind for ind in self.indicators if ind.group == focus_area_id]

    @property
    def headlines(self) -> list[Indicator]:
        """The indicators marked ``headline``, in catalogue order: the overview leads with them."""
        return [ind for ind in self.indicators if ind.headline]

    @property
    def context_indicators(self) -> list[Indicator]:
        """The indicators of all context groups, in catalogue order."""
        return [ind for ind in self.indicators if ind.context_group is not None]

    @property
    def framework(self) -> Framework | None:
        """The framework of sub-goals in force.

        None when the sub-goals are written under the focus areas directly.
        """
        return next((f for f in self.frameworks if f.id == self.framework_in_force), None)

    @property
    def redirects(self) -> dict[str, str]:
        """Retired focus-area ids and the area or context group that replaced each."""
        groups: list[FocusArea | ContextGroup] = [*self.focus_areas, *self.context_groups]
        return {old: group.id for group in groups for old in group.replaces}

    @property
    def indicator_redirects(self) -> dict[str, str]:
        """Former indicator ids and the current id of the indicator renamed from each."""
        return {old: ind.id for ind in self.indicators for old in ind.former_ids}


@dataclass(frozen=True)
class CatalogueProblem:
    """One thing wrong with the catalogue: where, which entry, what, and how to fix it."""

    file: str
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.entry}]" if self.entry else "")
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """The catalogue is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[CatalogueProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _read_yaml(path: Path, root_key: str, problems: list[CatalogueProblem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(CatalogueProblem(str(path), None, "file is missing"))
        return None
    except OSError as exc:
        problems.append(CatalogueProblem(str(path), None, f"cannot read: {exc.strerror}"))
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(CatalogueProblem(str(path), None, f"malformed YAML{where}: {problem}"))
        return None
    if not isinstance(data, dict) or root_key not in data:
        problems.append(
            CatalogueProblem(str(path), None, f"expected a top-level '{root_key}:' key")
        )
        return None
    extra = set(data) - {root_key}
    if extra:
        problems.append(
            CatalogueProblem(
                str(path), None, f"unknown top-level key(s) {sorted(extra)}; only '{root_key}:'"
            )
        )
    return data[root_key]


def _describe(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"] if not isinstance(p, int) or True)
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown key; check the spelling against docs/catalogue.md"
    elif err["type"] == "missing":
        msg = "required field is missing"
    return f"{loc}: {msg}" if loc else msg


def _validate_entry(
    model: type[BaseModel], raw: Any, path: Path, problems: list[CatalogueProblem]
) -> Any:
    entry_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(CatalogueProblem(str(path), entry_id, _describe(err)))
        return None


def _validate_list(
    model: type[BaseModel], raw: Any, path: Path, key: str, problems: list[CatalogueProblem]
) -> list[Any]:
    if not isinstance(raw, list):
        problems.append(CatalogueProblem(str(path), None, f"'{key}:' must be a list of entries"))
        return []
    items = [_validate_entry(model, item, path, problems) for item in raw]
    return [item for item in items if item is not None]


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for i in ids:
        if i in seen and i not in dupes:
            dupes.append(i)
        seen.add(i)
    return dupes


@dataclass
class _Frameworks:
    """What ``frameworks.yaml`` holds once validated: the sets and the one in force."""

    sets: list[Framework] = field(default_factory=list)
    in_force: str | None = None


def _read_frameworks(path: Path, problems: list[CatalogueProblem]) -> _Frameworks:
    if not path.exists():
        return _Frameworks()
    raw = _read_yaml(path, "frameworks", problems)
    if raw is None:
        return _Frameworks()
    if not isinstance(raw, dict):
        problems.append(
            CatalogueProblem(
                str(path), None, "'frameworks:' must hold 'in_force:' and a list 'sets:'"
            )
        )
        return _Frameworks()
    unknown = sorted(set(raw) - {"in_force", "sets"})
    if unknown:
        problems.append(
            CatalogueProblem(
                str(path),
                None,
                f"unknown key(s) {unknown} under 'frameworks:'; only in_force, sets",
            )
        )
    sets = _validate_list(Framework, raw.get("sets"), path, "sets", problems)
    in_force = raw.get("in_force")
    known = [f.id for f in sets]
    if not isinstance(in_force, str) or not in_force:
        problems.append(
            CatalogueProblem(
                str(path), None, f"in_force: name the framework in force, one of {known}"
            )
        )
        in_force = None
    elif sets and in_force not in known:
        problems.append(
            CatalogueProblem(
                str(path), None, f"in_force: unknown framework {in_force!r}; one of {known}"
            )
        )
    for dup in _duplicates(known):
        problems.append(CatalogueProblem(str(path), dup, "duplicate framework id"))
    return _Frameworks(sets, in_force)


def _check_groups(
    focus_areas: list[FocusArea],
    context_groups: list[ContextGroup],
    fa_path: Path,
    cg_path: Path,
    problems: list[CatalogueProblem],
) -> None:
    """Ids are unique across focus areas and context groups; each retired id has one heir."""
    for dup in _duplicates(fa.id for fa in focus_areas):
        problems.append(CatalogueProblem(str(fa_path), dup, "duplicate focus area id"))
    area_ids = {fa.id for fa in focus_areas}
    for dup in _duplicates(g.id for g in context_groups):
        problems.append(CatalogueProblem(str(cg_path), dup, "duplicate context group id"))
    for group in context_groups:
        if group.id in area_ids:
            problems.append(
                CatalogueProblem(
                    str(cg_path), group.id, "a context group cannot share its id with a focus area"
                )
            )
    current = area_ids | {g.id for g in context_groups}
    heirs: dict[str, str] = {}
    entries: list[tuple[Path, FocusArea | ContextGroup]] = [
        *((fa_path, fa) for fa in focus_areas),
        *((cg_path, g) for g in context_groups),
    ]
    for path, heir in entries:
        for old in heir.replaces:
            if old in current:
                problems.append(
                    CatalogueProblem(
                        str(path),
                        heir.id,
                        f"replaces: {old} is a current id; list only retired ids there",
                    )
                )
            elif old in heirs:
                problems.append(
                    CatalogueProblem(
                        str(path),
                        heir.id,
                        f"replaces: {old} is already replaced by {heirs[old]}; an old address "
                        "leads to one place only",
                    )
                )
            else:
                heirs[old] = heir.id


def _subgoals_in_force(  # noqa: C901 - every problem is collected, one check per branch
    focus_areas: list[FocusArea],
    frameworks: _Frameworks,
    context_ids: set[str],
    fa_path: Path,
    fw_path: Path,
    problems: list[CatalogueProblem],
) -> tuple[list[FocusArea], dict[str, str]]:
    """The focus areas carrying the sub-goals in force, and every known sub-goal's area.

    With ``frameworks.yaml`` the sub-goals come from the framework in force; without it, from
    the ``subgoals:`` written under each focus area.
    """
    area_ids = {fa.id for fa in focus_areas}
    owner: dict[str, str] = {}
    all_ids: list[str] = []
    if not frameworks.sets:
        for fa in focus_areas:
            if not fa.subgoals:
                problems.append(
                    CatalogueProblem(
                        str(fa_path),
                        fa.id,
                        "subgoals: a focus area needs at least one sub-goal (or define the "
                        "sub-goals in frameworks.yaml)",
                    )
                )
            for sg in fa.subgoals:
                all_ids.append(sg.id)
                owner[sg.id] = fa.id
                if not sg.id.startswith(fa.id + "-"):
                    problems.append(
                        CatalogueProblem(
                            str(fa_path),
                            sg.id,
                            f"sub-goal id must start with its focus area {fa.id}-",
                        )
                    )
        for dup in _duplicates(all_ids):
            problems.append(CatalogueProblem(str(fa_path), dup, "duplicate sub-goal id"))
        return focus_areas, owner

    for fa in focus_areas:
        if fa.subgoals:
            problems.append(
                CatalogueProblem(
                    str(fa_path),
                    fa.id,
                    "subgoals: sub-goals belong to a framework in frameworks.yaml; move them there",
                )
            )
    in_force: dict[str, list[Subgoal]] = {fa.id: [] for fa in focus_areas}
    for framework in frameworks.sets:
        for fsg in framework.subgoals:
            all_ids.append(fsg.id)
            owner[fsg.id] = fsg.focus_area
            where = f"{framework.id}: sub-goal {fsg.id}"
            if fsg.focus_area in context_ids:
                problems.append(
                    CatalogueProblem(
                        str(fw_path),
                        fsg.id,
                        f"{where}: {fsg.focus_area} is a context group, which has no sub-goals",
                    )
                )
            elif fsg.focus_area not in area_ids:
                problems.append(
                    CatalogueProblem(
                        str(fw_path),
                        fsg.id,
                        f"{where}: unknown focus area {fsg.focus_area!r} (see focus_areas.yaml)",
                    )
                )
            if not fsg.id.startswith(fsg.focus_area + "-"):
                problems.append(
                    CatalogueProblem(
                        str(fw_path),
                        fsg.id,
                        f"{where}: the id must start with its focus area {fsg.focus_area}-",
                    )
                )
            if framework.id == frameworks.in_force and fsg.focus_area in in_force:
                in_force[fsg.focus_area].append(
                    Subgoal(
                        id=fsg.id,
                        text_sv=fsg.text_sv,
                        text_en=fsg.text_en,
                        proposed_by=framework.proposed_by,
                        note_sv=fsg.note_sv,
                        note_en=fsg.note_en,
                        framework=framework.id,
                    )
                )
    for dup in _duplicates(all_ids):
        problems.append(
            CatalogueProblem(
                str(fw_path), dup, "duplicate sub-goal id (ids are unique across frameworks)"
            )
        )
    if frameworks.in_force in {f.id for f in frameworks.sets}:
        for fa_id, subgoals in in_force.items():
            if not subgoals:
                problems.append(
                    CatalogueProblem(
                        str(fw_path),
                        frameworks.in_force,
                        f"focus area {fa_id} has no sub-goal in the framework in force; add one",
                    )
                )
    areas = [fa.model_copy(update={"subgoals": in_force[fa.id]}) for fa in focus_areas]
    return areas, owner


def _check_indicator(
    ind: Indicator,
    path: Path,
    source_ids: set[str],
    area_ids: set[str],
    context_ids: set[str],
    owner: dict[str, str],
    in_force: set[str],
    problems: list[CatalogueProblem],
) -> None:
    def problem(message: str) -> None:
        problems.append(CatalogueProblem(str(path), ind.id, message))

    if ind.source not in source_ids:
        problem(f"unknown source {ind.source!r}; known: {', '.join(sorted(source_ids))}")
    if ind.source == "kolada" and not ind.source_title:
        problem(
            "source_title: give Kolada's own title of the KPI (as in Kolada's KPI list), so "
            "readers and maintainers can find it there"
        )
    if ind.focus_area is not None and ind.focus_area not in area_ids:
        hint = (
            " (it is a context group: use context_group:)" if ind.focus_area in context_ids else ""
        )
        problem(f"unknown focus area {ind.focus_area!r} (see focus_areas.yaml){hint}")
    if ind.context_group is not None and ind.context_group not in context_ids:
        problem(f"unknown context group {ind.context_group!r} (see context_groups.yaml)")
    for sg in ind.subgoals:
        if sg not in owner:
            problem(f"unknown sub-goal {sg!r}")
        elif owner[sg] != ind.focus_area:
            problem(f"sub-goal {sg} belongs to {owner[sg]}, not to {ind.focus_area}")
    if ind.focus_area in area_ids and in_force and not set(ind.subgoals) & in_force:
        problem(
            "subgoals: none of them is in the framework in force; link the indicator to a "
            f"sub-goal of {ind.focus_area} in force"
        )
    for message in public_text_problems(ind):
        problem(message)


def _check_former_ids(
    located: list[tuple[Indicator, Path]], problems: list[CatalogueProblem]
) -> None:
    """A former id names one renamed indicator and is no current id.

    An old address leads to one place only, and never away from an indicator that still has
    that id.
    """
    current = {ind.id: path for ind, path in located}
    claimed: dict[str, tuple[str, Path]] = {}
    for ind, path in located:
        for old in ind.former_ids:
            if old in current:
                problems.append(
                    CatalogueProblem(
                        str(path),
                        ind.id,
                        f"former_ids: {old!r} is the id of a current indicator (in "
                        f"{current[old].name}); list only ids no indicator has any longer, or "
                        "rename that indicator first",
                    )
                )
            elif old in claimed:
                heir, heir_path = claimed[old]
                where = (
                    "here"
                    if (heir, heir_path) == (ind.id, path)
                    else (f"by {heir} in {heir_path.name}")
                )
                problems.append(
                    CatalogueProblem(
                        str(path),
                        ind.id,
                        f"former_ids: {old!r} is already listed {where}; an old address leads "
                        "to one indicator only, so keep it under the indicator it was renamed to",
                    )
                )
            else:
                claimed[old] = (ind.id, path)


def load_catalogue(directory: Path) -> Catalogue:  # noqa: C901 - collects every problem
    """Read, validate and cross-check the catalogue in ``directory``.

    Args:
        directory: the config folder (``config/`` or ``LEVANDE_CONFIG_DIR``).

    Returns:
        The catalogue.

    Raises:
        CatalogueError: with every problem found, each naming file, entry and fix.
    """
    problems: list[CatalogueProblem] = []
    if not directory.is_dir():
        raise CatalogueError(
            [CatalogueProblem(str(directory), None, "config folder does not exist")]
        )

    goal_path = directory / "goal.yaml"
    goal_raw = _read_yaml(goal_path, "goal", problems)
    goal: Goal | None = _validate_entry(Goal, goal_raw, goal_path, problems) if goal_raw else None
    if goal is not None:
        problems += [CatalogueProblem(str(goal_path), None, m) for m in goal.public_text_problems()]

    sources_path = directory / "sources.yaml"
    sources_list = _validate_list(
        Source, _read_yaml(sources_path, "sources", problems), sources_path, "sources", problems
    )
    fa_path = directory / "focus_areas.yaml"
    focus_areas: list[FocusArea] = _validate_list(
        FocusArea, _read_yaml(fa_path, "focus_areas", problems), fa_path, "focus_areas", problems
    )
    cg_path = directory / "context_groups.yaml"
    context_groups: list[ContextGroup] = []
    if cg_path.exists():
        context_groups = _validate_list(
            ContextGroup,
            _read_yaml(cg_path, "context_groups", problems),
            cg_path,
            "context_groups",
            problems,
        )
    fw_path = directory / "frameworks.yaml"
    frameworks = _read_frameworks(fw_path, problems)

    indicator_files = sorted((directory / "indicators").glob("*.yaml"))
    if not indicator_files:
        problems.append(
            CatalogueProblem(str(directory / "indicators"), None, "no indicator files (*.yaml)")
        )
    indicators: list[Indicator] = []
    located: list[tuple[Indicator, Path]] = []
    for path in indicator_files:
        for ind in _validate_list(
            Indicator, _read_yaml(path, "indicators", problems), path, "indicators", problems
        ):
            indicators.append(ind)
            located.append((ind, path))

    method = MethodSettings()
    method_path = directory / "method.yaml"
    if method_path.exists():
        raw = _read_yaml(method_path, "method", problems)
        if raw is not None:
            method = _validate_entry(MethodSettings, raw, method_path, problems) or method

    schedule = Schedule()
    schedule_path = directory / "schedule.yaml"
    if schedule_path.exists():
        raw = _read_yaml(schedule_path, "schedule", problems)
        if raw is not None:
            schedule = _validate_entry(Schedule, raw, schedule_path, problems) or schedule

    regions = RegionSettings()
    regions_path = directory / "regions.yaml"
    if regions_path.exists():
        raw = _read_yaml(regions_path, "regions", problems)
        if raw is not None:
            regions = _validate_entry(RegionSettings, raw, regions_path, problems) or regions
    for dup in _duplicates(g.code for g in regions.skr_groups):
        problems.append(CatalogueProblem(str(regions_path), dup, "duplicate SKR group code"))

    small_areas = _read_small_areas(directory / "small_areas.yaml", problems)

    # Cross-references.
    source_ids = {s.id for s in sources_list}
    for dup in _duplicates(s.id for s in sources_list):
        problems.append(CatalogueProblem(str(sources_path), dup, "duplicate source id"))
    _check_groups(focus_areas, context_groups, fa_path, cg_path, problems)
    for path, entries in (
        (fa_path, focus_areas),
        (cg_path, context_groups),
        (fw_path, frameworks.sets),
    ):
        for entry in entries:
            problems += [
                CatalogueProblem(str(path), entry.id, m) for m in public_text_problems(entry)
            ]
    context_ids = {g.id for g in context_groups}
    focus_areas, owner = _subgoals_in_force(
        focus_areas, frameworks, context_ids, fa_path, fw_path, problems
    )
    area_ids = {fa.id for fa in focus_areas}
    in_force = {sg.id for fa in focus_areas for sg in fa.subgoals}
    seen_ids: dict[str, Path] = {}
    for ind, path in located:
        if ind.id in seen_ids:
            problems.append(
                CatalogueProblem(
                    str(path), ind.id, f"duplicate indicator id (also in {seen_ids[ind.id].name})"
                )
            )
        else:
            seen_ids[ind.id] = path
        _check_indicator(ind, path, source_ids, area_ids, context_ids, owner, in_force, problems)
    _check_former_ids(located, problems)
    known_indicators = {ind.id for ind in indicators}
    for job in schedule.jobs:
        for ind_id in job.indicators:
            if ind_id not in known_indicators:
                problems.append(
                    CatalogueProblem(str(schedule_path), job.id, f"unknown indicator {ind_id!r}")
                )
    for dup in _duplicates(job.id for job in schedule.jobs):
        problems.append(CatalogueProblem(str(schedule_path), dup, "duplicate job id"))

    for ind, path in located:
        if ind.computed is not None:
            problems += [
                CatalogueProblem(str(path), ind.id, m) for m in ind.computed.problems(small_areas)
            ]
    headlines = [(ind, path) for ind, path in located if ind.headline]
    if len(headlines) > MAX_HEADLINES:
        for ind, path in headlines[MAX_HEADLINES:]:
            problems.append(
                CatalogueProblem(
                    str(path),
                    ind.id,
                    f"headline: at most {MAX_HEADLINES} indicators lead the overview; "
                    f"{len(headlines)} are marked. Remove 'headline: true' from some",
                )
            )
    if problems or goal is None:
        raise CatalogueError(problems)
    return Catalogue(
        goal=goal,
        sources={s.id: s for s in sources_list},
        focus_areas=focus_areas,
        indicators=indicators,
        method=method,
        schedule=schedule,
        regions=regions,
        directory=directory,
        context_groups=context_groups,
        frameworks=frameworks.sets,
        framework_in_force=frameworks.in_force if frameworks.sets else None,
        small_areas=small_areas,
    )


def _read_small_areas(path: Path, problems: list[CatalogueProblem]) -> SmallAreaCatalogue:
    """The optional small-area part (DeSO/RegSO tables), checked like the rest."""
    if not path.exists():
        return SmallAreaCatalogue()
    raw = _read_yaml(path, "small_areas", problems)
    if raw is None:
        return SmallAreaCatalogue()
    found: SmallAreaCatalogue | None = _validate_entry(SmallAreaCatalogue, raw, path, problems)
    if found is None:
        return SmallAreaCatalogue()
    for entry, message in found.problems():
        problems.append(CatalogueProblem(str(path), entry, message))
    entries: list[SmallAreaIndicator | SegregationMeasure] = [
        *found.indicators,
        *found.segregation,
    ]
    for entry_model in entries:
        problems += [
            CatalogueProblem(str(path), entry_model.id, m)
            for m in public_text_problems(entry_model)
        ]
    return found


# --- the catalogue as one JSON document -----------------------------------------------------

#: Fields that stay in ``config/``: only maintainers read them, so no copy of the catalogue
#: outside the folder (the database, the read cache) ever holds them.
PRIVATE_FIELDS = frozenset({"maintainer_notes"})

_CATALOGUE_ADAPTER: TypeAdapter[Catalogue] = TypeAdapter(Catalogue)


def _without_private(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_private(v) for k, v in value.items() if k not in PRIVATE_FIELDS}
    if isinstance(value, list):
        return [_without_private(v) for v in value]
    return value


def catalogue_document(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as one JSON document: what the database keeps as the runtime truth.

    Every field of every model is written (defaults too, so a reader never depends on this
    version's defaults), except :data:`PRIVATE_FIELDS` and ``directory`` (a copy has no folder).
    :func:`catalogue_from_document` rebuilds an equal catalogue.
    """
    dumped = _CATALOGUE_ADAPTER.dump_python(catalogue, mode="json")
    dumped["directory"] = None
    document: dict[str, Any] = _without_private(dumped)
    return document


def catalogue_from_document(document: Any) -> Catalogue:
    """The catalogue a document of :func:`catalogue_document` holds, validated again.

    Raises:
        ValueError: the document is not a valid catalogue (pydantic's message says where).
    """
    try:
        return _CATALOGUE_ADAPTER.validate_python(document)
    except ValidationError as exc:
        raise ValueError(f"the stored catalogue is not valid: {exc}") from exc


def catalogue_digest(document: dict[str, Any]) -> str:
    """A stable SHA-256 of a catalogue document: equal documents, equal digests."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def public_catalogue(catalogue: Catalogue) -> Catalogue:
    """The catalogue as the database holds it: no private fields, no folder."""
    return catalogue_from_document(catalogue_document(catalogue))
