"""The catalogue: national goal, focus areas, sub-goals, indicators and sources, as data.

The catalogue lives as YAML in ``config/`` (or ``LEVANDE_CONFIG_DIR``) so that agency staff
change it without touching code. These pydantic models are its schema; :func:`load_catalogue`
reads and cross-checks every file and reports each problem with the file, the entry and a fix.

Layout of the folder::

    goal.yaml            the national goal (one mapping under ``goal:``)
    sources.yaml         the data sources and their credit lines (``sources:``)
    focus_areas.yaml     the focus areas with their sub-goals (``focus_areas:``)
    indicators/*.yaml    the indicators (``indicators:``), any number of files
    method.yaml          parameters of the status method (``method:``), optional
    regions.yaml         peer groups and Kolada group ids (``regions:``), optional
    schedule.yaml        the refresh schedule (``schedule:``), optional
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from levande.indicators.core.vocabulary import MANUAL_STATUSES, Direction, Level, Status

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
FOCUS_AREA_ID_PATTERN = r"^FA\d{2}$"
SUBGOAL_ID_PATTERN = r"^FA\d{2}-D\d+$"
KOLADA_KPI_PATTERN = re.compile(r"^[NU]\d{5}$")
SCB_TABLE_PATTERN = re.compile(r"^TAB\d+$")
SCB_V1_PATH_PATTERN = re.compile(
    r"^[A-Z]{2}/[A-Z]{2}\d{4}[A-Z0-9]*/(?:[A-Za-z0-9]+/)*[A-Za-z0-9]+$"
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Goal(_Model):
    """The national goal for urban development and the document that sets it."""

    text_sv: str
    text_en: str
    ambition_sv: str
    ambition_en: str
    source_document: str
    source_url: str | None = None
    decided: date
    wording_status: Literal["verified", "reconstructed"]
    wording_note_sv: str | None = None
    wording_note_en: str | None = None

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


class Source(_Model):
    """A data source: what the catalogue's ``source:`` fields may name."""

    id: Annotated[str, Field(pattern=r"^[a-z]+$")]
    name: str
    credit_sv: str
    credit_en: str
    homepage: str
    licence: str


class Subgoal(_Model):
    """A sub-goal (delmål) under a focus area; proposed by the project until the council's."""

    id: Annotated[str, Field(pattern=SUBGOAL_ID_PATTERN)]
    text_sv: str
    text_en: str
    proposed_by: Literal["project", "council", "government"]
    note_sv: str | None = None
    note_en: str | None = None


class FocusArea(_Model):
    """One of the thirteen focus areas (fokusområden) of the strategy."""

    id: Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN)]
    pillar: Literal["levande", "trygga", "robusta"]
    strategy_section: str | None = None
    name_sv: str
    name_en: str
    name_status: Literal["verified", "working_title"]
    description_sv: str
    description_en: str
    subgoals: list[Subgoal] = Field(min_length=1)


class Target(_Model):
    """A quantified target: the value to reach by the year."""

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
        """The data requests that fetch this indicator: what the ETL sends, and what the
        dashboard shows under "reproduce this number", from this one definition.

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


class Indicator(_Model):
    """One indicator: what it measures, which way is better, and where it comes from."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
    focus_area: Annotated[str, Field(pattern=FOCUS_AREA_ID_PATTERN)]
    subgoals: list[str] = Field(min_length=1)
    source: str
    source_id: str
    scb: ScbQuery | None = None
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
    verification: Literal["verified", "inferred"] = "inferred"

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


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue, validated and cross-checked."""

    goal: Goal
    sources: dict[str, Source]
    focus_areas: list[FocusArea]
    indicators: list[Indicator]
    method: MethodSettings = field(default_factory=MethodSettings)
    schedule: Schedule = field(default_factory=Schedule)
    regions: RegionSettings = field(default_factory=RegionSettings)
    directory: Path | None = None

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

    @property
    def subgoals(self) -> list[Subgoal]:
        """All sub-goals in catalogue order."""
        return [sg for fa in self.focus_areas for sg in fa.subgoals]

    def indicators_of(self, focus_area_id: str) -> list[Indicator]:
        """The indicators of one focus area, in catalogue order."""
        return [ind for ind in self.indicators if ind.focus_area == focus_area_id]


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


def load_catalogue(directory: Path) -> Catalogue:
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

    goal_raw = _read_yaml(directory / "goal.yaml", "goal", problems)
    goal = _validate_entry(Goal, goal_raw, directory / "goal.yaml", problems) if goal_raw else None

    sources_path = directory / "sources.yaml"
    sources_list = _validate_list(
        Source, _read_yaml(sources_path, "sources", problems), sources_path, "sources", problems
    )
    fa_path = directory / "focus_areas.yaml"
    focus_areas = _validate_list(
        FocusArea, _read_yaml(fa_path, "focus_areas", problems), fa_path, "focus_areas", problems
    )

    indicator_files = sorted((directory / "indicators").glob("*.yaml"))
    if not indicator_files:
        problems.append(
            CatalogueProblem(str(directory / "indicators"), None, "no indicator files (*.yaml)")
        )
    indicators: list[Indicator] = []
    indicator_file: dict[str, Path] = {}
    for path in indicator_files:
        for ind in _validate_list(
            Indicator, _read_yaml(path, "indicators", problems), path, "indicators", problems
        ):
            indicators.append(ind)
            indicator_file.setdefault(ind.id, path)
            if ind.id in indicator_file and indicator_file[ind.id] != path:
                pass

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

    # Cross-references.
    source_ids = {s.id for s in sources_list}
    for dup in _duplicates(s.id for s in sources_list):
        problems.append(CatalogueProblem(str(sources_path), dup, "duplicate source id"))
    for dup in _duplicates(fa.id for fa in focus_areas):
        problems.append(CatalogueProblem(str(fa_path), dup, "duplicate focus area id"))
    subgoal_ids = [sg.id for fa in focus_areas for sg in fa.subgoals]
    for dup in _duplicates(subgoal_ids):
        problems.append(CatalogueProblem(str(fa_path), dup, "duplicate sub-goal id"))
    for fa in focus_areas:
        for sg in fa.subgoals:
            if not sg.id.startswith(fa.id + "-"):
                problems.append(
                    CatalogueProblem(
                        str(fa_path), sg.id, f"sub-goal id must start with its focus area {fa.id}-"
                    )
                )
    seen_ids: dict[str, Path] = {}
    fa_ids = {fa.id for fa in focus_areas}
    subgoal_of = {sg.id: fa.id for fa in focus_areas for sg in fa.subgoals}
    for ind in indicators:
        path = indicator_file[ind.id]
        if ind.id in seen_ids:
            problems.append(
                CatalogueProblem(
                    str(path), ind.id, f"duplicate indicator id (also in {seen_ids[ind.id].name})"
                )
            )
        seen_ids[ind.id] = path
        if ind.source not in source_ids:
            problems.append(
                CatalogueProblem(
                    str(path),
                    ind.id,
                    f"unknown source {ind.source!r}; known: {', '.join(sorted(source_ids))}",
                )
            )
        if ind.focus_area not in fa_ids:
            problems.append(
                CatalogueProblem(
                    str(path),
                    ind.id,
                    f"unknown focus area {ind.focus_area!r} (see focus_areas.yaml)",
                )
            )
        for sg in ind.subgoals:
            if sg not in subgoal_of:
                problems.append(CatalogueProblem(str(path), ind.id, f"unknown sub-goal {sg!r}"))
            elif subgoal_of[sg] != ind.focus_area:
                problems.append(
                    CatalogueProblem(
                        str(path),
                        ind.id,
                        f"sub-goal {sg} belongs to {subgoal_of[sg]}, not to {ind.focus_area}",
                    )
                )
    known_indicators = {ind.id for ind in indicators}
    for job in schedule.jobs:
        for ind_id in job.indicators:
            if ind_id not in known_indicators:
                problems.append(
                    CatalogueProblem(str(schedule_path), job.id, f"unknown indicator {ind_id!r}")
                )
    for dup in _duplicates(job.id for job in schedule.jobs):
        problems.append(CatalogueProblem(str(schedule_path), dup, "duplicate job id"))

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
    )
