"""The API's answers as pydantic models: the source of the OpenAPI document's schemas.

These models are the contract of ``/api/v1/``: a field keeps its name and meaning for as long
as ``v1`` exists; a field may be added, never renamed, removed or given another meaning (that
would be ``/api/v2/``). Identifiers are those of the catalogue and SCB: indicator ids
(``trangboddhet``), focus area ids (``FA06``), sub-goal ids, framework ids with their version,
and SCB region codes (``00``, ``01``, ``0180``).

The endpoints build their answers as plain dictionaries (fast for thousands of rows); the
contract tests check every answer against the document made from these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApiErrorOut(_Out):
    """A refused request: what was wrong and what is allowed."""

    error: str = Field(description="stable code: unknown_parameter, invalid_value, not_found, …")
    message: str = Field(description="one sentence for the person reading it")
    parameter: str | None = Field(description="the parameter at fault, if one is")
    allowed: list[str] | None = Field(description="what would have been accepted")


class _Envelope(_Out):
    data_version: str = Field(
        description="the database's data version (an ISO time): moves with every refresh"
    )


class _Paged(_Envelope):
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)
    total: int = Field(ge=0, description="rows matching the filter, on all pages")
    next: str | None = Field(description="the address of the next page, or null on the last")


# --- catalogue --------------------------------------------------------------------------------


class GoalOut(_Out):
    """The national goal for urban development."""

    text_sv: str
    text_en: str
    ambition_sv: str
    ambition_en: str
    source_document: str
    source_url: str | None
    decided: date


class SourceOut(_Out):
    """A statistics source and how to credit it."""

    id: str
    name: str
    credit_sv: str
    credit_en: str
    homepage: str
    licence: str


class SubgoalOut(_Out):
    """A sub-goal in force under a focus area."""

    id: str
    text_sv: str
    text_en: str
    proposed_by: Literal["project", "council", "government"]
    framework: str | None


class FocusAreaOut(_Out):
    """A focus area of the strategy, or a group of context indicators (``kind``)."""

    id: str
    kind: Literal["focus_area", "context"]
    pillar: str | None
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    subgoals: list[SubgoalOut]


class FrameworkSubgoalOut(_Out):
    """A sub-goal as one framework words it."""

    id: str
    focus_area: str
    text_sv: str
    text_en: str


class FrameworkOut(_Out):
    """A versioned set of sub-goals (the product's, the council's, the Government's)."""

    id: str
    version: str
    origin: Literal["project", "council_proposal", "government_decision"]
    name_sv: str
    name_en: str
    in_force: bool
    published: date | None
    source_url: str | None
    subgoals: list[FrameworkSubgoalOut]


class CatalogueOut(_Envelope):
    """The goal, the sources, the focus areas and context groups, and the frameworks."""

    goal: GoalOut
    sources: list[SourceOut]
    framework_in_force: str | None
    focus_areas: list[FocusAreaOut]
    frameworks: list[FrameworkOut]


class IndicatorOut(_Out):
    """An indicator: what it measures, where it comes from, and how to read it."""

    id: str
    former_ids: list[str] = Field(
        description="ids the indicator had before a rename; each redirects here (308)"
    )
    focus_area: str | None
    context_group: str | None
    subgoals: list[str]
    source: str
    source_id: str
    source_title: str | None
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    unit_sv: str
    unit_en: str
    decimals: int
    direction: Literal["higher_is_better", "lower_is_better", "neutral"]
    levels: list[Literal["riket", "lan", "kommun"]]
    municipal_mean_levels: list[Literal["riket", "lan", "kommun"]]
    gender: bool = Field(description="published for women (K) and men (M) as well as in total")
    target_value: float | None
    target_year: int | None
    manual_status: str | None
    credit_sv: str
    credit_en: str
    notes_sv: str | None
    notes_en: str | None
    verification: Literal["verified", "inferred"]


class IndicatorListOut(_Envelope):
    """Indicators in catalogue order."""

    data: list[IndicatorOut]


class IndicatorItemOut(_Envelope):
    """One indicator."""

    data: IndicatorOut


# --- regions ----------------------------------------------------------------------------------


class RegionOut(_Out):
    """Riket, a county or a municipality, by its SCB code."""

    code: str
    name: str
    level: Literal["riket", "lan", "kommun"]
    parent_code: str | None = Field(description="the county of a municipality; riket's is null")
    skr_group_id: str | None = Field(description="the municipality's SKR group (peer group)")
    peer_groups: list[str] = Field(description="every peer group the region belongs to")


class RegionListOut(_Envelope):
    """Regions ordered by code."""

    data: list[RegionOut]


class RegionItemOut(_Envelope):
    """One region."""

    data: RegionOut


class PeerGroupOut(_Out):
    """A group of municipalities to compare with (SKR's groups, counties, all)."""

    id: str
    title: str
    kind: str
    short_code: str | None
    members: list[str]


class PeerGroupListOut(_Envelope):
    """Peer groups: SKR groups first, then counties, then all municipalities."""

    data: list[PeerGroupOut]


# --- facts ------------------------------------------------------------------------------------


class ObservationOut(_Out):
    """One published value, exactly as stored."""

    indicator_id: str
    region_code: str
    period: str
    breakdown: str = Field(description="T total, K women, M men")
    value: float | None = Field(description="null where the source published no number")
    status: str | None = Field(description="the source's symbol when it published none (..)")
    aggregation: str | None = Field(
        description="how a value for a county or riket was made, e.g. an unweighted mean"
    )


class ObservationPageOut(_Paged):
    """A page of observations."""

    data: list[ObservationOut]


class RankOut(_Out):
    """A value's position among all regions of its level (1 best in the indicator's direction)."""

    indicator_id: str
    region_code: str
    period: str
    breakdown: str
    rank: int
    rank_of: int
    quartile: int | None


class RankPageOut(_Paged):
    """A page of ranks."""

    data: list[RankOut]


class StatusOut(_Out):
    """A series' progress status with its basis and position, as the status step stored it."""

    indicator_id: str
    region_code: str
    breakdown: str
    status: str
    manual: bool
    reason: str | None
    score: float | None
    base_period: str | None
    base_value: float | None
    latest_period: str | None
    latest_value: float | None
    rank: int | None
    rank_of: int | None
    quartile: int | None
    computed_at: datetime


class StatusPageOut(_Paged):
    """A page of statuses."""

    data: list[StatusOut]


class SeriesStateOut(_Out):
    """A series' status, rank, latest period and value at one recompute."""

    status: str | None
    rank: int | None
    latest_period: str | None
    latest_value: float | None


class ChangeOut(_Out):
    """A series whose status, rank, latest period or value changed in the latest recompute."""

    indicator_id: str
    region_code: str
    breakdown: str
    changed: list[Literal["status", "rank", "period", "value"]]
    before: SeriesStateOut
    after: SeriesStateOut
    computed_at: datetime


class ChangePageOut(_Paged):
    """A page of change records."""

    data: list[ChangeOut]


class FreshnessOut(_Out):
    """How fresh an indicator's data is: the source's publication, our fetches, the schedule."""

    indicator_id: str
    source: str
    source_id: str
    source_published: datetime | None = Field(description="the newest publication seen")
    held_published: datetime | None = Field(description="the publication held (SCB)")
    last_success_at: datetime | None
    last_failure_at: datetime | None
    next_refresh: datetime | None
    max_age_hours: float | None
    stale: bool
    stale_reasons: list[Literal["source_newer", "refresh_overdue", "refresh_failing"]]
    observations: int
    latest_period: str | None


class FreshnessListOut(_Envelope):
    """Every indicator's freshness, in catalogue order."""

    data: list[FreshnessOut]


# --- small areas ------------------------------------------------------------------------------


class AreaIndicatorOut(_Out):
    """A small-area indicator: a measure SCB publishes per DeSO and/or RegSO."""

    id: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    unit_sv: str
    unit_en: str
    decimals: int
    direction: Literal["higher_is_better", "lower_is_better", "neutral"]
    kind: Literal["count", "share", "amount", "type"] = Field(
        description="count (persons), share (per cent as published), amount, or type (SCB's "
        "socio-economic area type 1-5)"
    )
    geographies: list[Literal["deso", "regso"]]
    denominator: str | None = Field(
        description="the count this count is shown as a share of on the area page, if any"
    )
    source: str
    source_id: str
    notes_sv: str | None
    notes_en: str | None


class AreaIndicatorListOut(_Envelope):
    """The small-area indicators, and the thresholds the inequality measures use."""

    population_indicator: str | None = Field(
        description="the count whose values weight the measures and flag small areas"
    )
    small_population: int = Field(description="areas with fewer residents are flagged small")
    min_areas: int = Field(description="fewest areas with data for which a measure is given")
    data: list[AreaIndicatorOut]


class AreaObservationOut(_Out):
    """One published value of a DeSO or RegSO, exactly as stored."""

    indicator_id: str
    area_code: str = Field(
        description="the code as SCB publishes it: 2025 codes carry _DeSO2025 / _RegSO2025"
    )
    base_code: str = Field(description="the code without the vintage suffix (maps use it)")
    geography: Literal["deso", "regso"]
    vintage: str = Field(
        description="the year of the area division (DeSO 2018/2025, RegSO 2020/2025)"
    )
    name: str | None
    regso_code: str | None = Field(description="the RegSO a DeSO lies in")
    municipality_code: str
    period: str
    value: float | None = Field(description="null where SCB suppressed the cell")
    status: str | None = Field(description="SCB's symbol when it published no number (..)")


class AreaObservationPageOut(_Paged):
    """A page of a municipality's small-area values, by indicator, area code and period."""

    data: list[AreaObservationOut]


class AreaValueOut(_Out):
    """An area and its value."""

    area_code: str
    value: float


class InequalityOut(_Out):
    """How unequal a municipality's areas are in one indicator and year (as the area page shows).

    The values compared are those the area page shows: as published, or a count as a share
    (per cent) of its denominator. Gini and Theil are population-weighted between areas.
    """

    indicator_id: str
    period: str
    vintage: str | None
    shown_as: Literal["published", "share_of_denominator"]
    denominator: str | None
    n_areas: int = Field(description="areas of the municipality that year")
    n_with_data: int = Field(description="areas with a value")
    missing: list[str] = Field(description="areas without a value (suppressed), left out")
    small: list[str] = Field(description="areas with few residents, kept and flagged")
    highest: AreaValueOut | None
    lowest: AreaValueOut | None
    p90: float | None = Field(description="90th percentile of the area values")
    p10: float | None = Field(description="10th percentile of the area values")
    p90_p10: float | None = Field(description="P90/P10; null when P10 is not above zero")
    gini: float | None = Field(description="population-weighted Gini between areas")
    theil: float | None = Field(description="population-weighted Theil index between areas")
    reason: Literal["too_few_areas"] | None = Field(
        description="why no measure is given: fewer areas with data than min_areas"
    )


class InequalityListOut(_Envelope):
    """The inequality measures of one municipality's areas of one geography, year by year."""

    municipality_code: str
    geography: Literal["deso", "regso"]
    small_population: int
    min_areas: int
    data: list[InequalityOut]


class EndpointOut(_Out):
    """One endpoint of the API."""

    path: str
    summary: str


class IndexOut(_Envelope):
    """What the API offers."""

    api_version: Literal["v1"]
    openapi: str
    documentation: str
    endpoints: list[EndpointOut]
