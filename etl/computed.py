"""The computed-indicator job: national values computed from the stored small-area values.

Runs after the small-area steps. Its inputs are stored rows, not a source, so the job is
skipped when the input rows have not changed since its last success (their count and newest
``fetched_at``); otherwise it recomputes every value and loads them like any indicator: only
differing rows are written, with the computation's name as their aggregation.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from levande.etl.jobs import JobError, JobResult, store_rows
from levande.indicators.core.area_measures import (
    AreaInput,
    ComputedValue,
    group_counts_from_shares,
    segregation_by_region,
    share_in_types,
)
from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.clock import now_utc
from levande.indicators.core.small_areas import SegregationMeasure
from levande.indicators.core.vocabulary import Level
from levande.indicators.store.schema import AreaObservation, SmallArea
from levande.indicators.store.writes import ObservationColumns, ObservationRow, source_state


def _inputs(indicator: Indicator, catalogue: Catalogue) -> tuple[list[str], str]:
    """The small-area indicator ids a computation reads, and the area level it reads them at."""
    comp = indicator.computed
    if comp is None:
        raise JobError(f"{indicator.id} is not computed from small areas")
    if comp.method == "population_share_in_types":
        return [comp.area_indicator or "", comp.population or ""], "regso"
    pair = _pair(indicator, catalogue)
    return [pair.group, pair.total], pair.level.value


def _pair(indicator: Indicator, catalogue: Catalogue) -> SegregationMeasure:
    """The segregation pair a segregation index is computed from."""
    wanted = indicator.computed.segregation if indicator.computed else None
    return next(s for s in catalogue.small_areas.segregation if s.id == wanted)


def _read(engine: Engine, indicator_id: str, level: str) -> list[AreaInput]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                AreaObservation.area_code, SmallArea.municipality_code, SmallArea.county_code,
                AreaObservation.period, AreaObservation.value,
            )
            .join(SmallArea, SmallArea.code == AreaObservation.area_code)
            .where(AreaObservation.indicator_id == indicator_id, SmallArea.level == level)
        ).all()  # fmt: skip
    return [AreaInput(*row) for row in rows]


def _fingerprint(engine: Engine, ids: list[str]) -> str:
    with engine.connect() as conn:
        count, newest = conn.execute(
            select(func.count(), func.max(AreaObservation.fetched_at)).where(
                AreaObservation.indicator_id.in_(ids)
            )
        ).one()
    return f"{count}:{newest}"


def compute(indicator: Indicator, catalogue: Catalogue, engine: Engine) -> list[ComputedValue]:
    """The indicator's values from the stored small-area rows (every region and year)."""
    (first, second), level = _inputs(indicator, catalogue)
    comp = indicator.computed
    if comp is not None and comp.method == "population_share_in_types":
        return share_in_types(_read(engine, first, level), _read(engine, second, level), comp.types)
    group, total = _read(engine, first, level), _read(engine, second, level)
    if catalogue.small_areas.group_is_share(_pair(indicator, catalogue)):
        group = group_counts_from_shares(group, total)
    return segregation_by_region(
        group,
        total,
        "isolation" if comp is not None and comp.method == "isolation" else "dissimilarity",
        min_areas=catalogue.small_areas.min_areas,
    )


def run_computed_indicator(
    engine: Engine,
    catalogue: Catalogue,
    indicator: Indicator,
    *,
    full: bool,
    run_id: int | None,
    dry_run: bool = False,
) -> JobResult:
    """Compute one indicator from the small-area rows when they changed (or ``full``).

    With ``dry_run``, nothing is written: the result says what the load would change.
    """
    comp = indicator.computed
    if comp is None:
        raise JobError(f"{indicator.id} is not computed from small areas")
    ids, _ = _inputs(indicator, catalogue)
    fingerprint = _fingerprint(engine, ids)
    with Session(engine) as session:
        state = source_state(session, indicator.id)
        previous = (state.source_meta or {}).get("inputs")
        succeeded = state.last_success_at is not None
    if not full and succeeded and previous == fingerprint:
        if not dry_run:
            with Session(engine) as session, session.begin():
                source_state(session, indicator.id).last_checked_at = now_utc()
        return JobResult(outcome="skipped", note="small-area inputs unchanged")
    levels = {Level(level).value for level in indicator.levels}
    level_of = {2: "lan", 4: "kommun"}
    columns = ObservationColumns()
    for value in compute(indicator, catalogue, engine):
        level = "riket" if value.region_code == "00" else level_of.get(len(value.region_code))
        if level in levels:
            columns.append(
                ObservationRow(
                    value.region_code, value.period, "T", value.value, value.status,
                    comp.aggregation,
                )
            )  # fmt: skip
    meta = {"inputs": fingerprint, "method": comp.method, "from": ids}
    return store_rows(engine, indicator, columns, run_id=run_id, meta=meta, dry_run=dry_run)
