"""The small-area job: one SCB DeSO/RegSO table measure, fetched per year and area vintage.

For each year the table publishes (from the indicator's ``first_year`` or the run's first
year), the catalogue says which DeSO and RegSO vintage holds; only the table's codes of that
vintage are asked for, so a 2025 cell is never read through a 2018 code (SCB answers those
with silent zeros). One request per year and vintage fits well within SCB's cell limit (about
9,500 cells); the client splits it further if the server says otherwise. A table whose
``updated`` stamp has not moved since the last success is not fetched at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from levande.etl.jobs import JobError, JobResult
from levande.etl.sources.clients import SourceClients
from levande.etl.sources.scb import ScbMetadata, ScbVariable
from levande.indicators.core.clock import aware, now_utc
from levande.indicators.core.small_areas import (
    AreaCode,
    AreaLevel,
    SmallAreaCatalogue,
    SmallAreaIndicator,
    parse_area_code,
    vintage_for,
)
from levande.indicators.store.small_areas import (
    AreaRecord,
    AreaValue,
    area_source_state,
    upsert_area_values,
    upsert_small_areas,
)
from levande.indicators.store.writes import LoadResult, bump_data_version

log = logging.getLogger(__name__)


def area_name(area: AreaCode, label: str | None) -> str | None:
    """The name in a table's label for a RegSO (its code stripped), None for a DeSO or a bare code.

    DeSO have no names: they are shown by their code and the RegSO they lie in.
    """
    if area.level is AreaLevel.DESO or not label:
        return None
    text = label.strip()
    for prefix in (area.code, area.base):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.strip(" -–:")
    return text or None


def areas_by_vintage(
    region: ScbVariable, levels: Iterable[AreaLevel]
) -> dict[tuple[AreaLevel, str], list[AreaCode]]:
    """The table's DeSO/RegSO codes, grouped by level and vintage, in table order."""
    wanted = set(levels)
    grouped: dict[tuple[AreaLevel, str], list[AreaCode]] = {}
    for code in region.values:
        area = parse_area_code(code)
        if area is not None and area.level in wanted:
            grouped.setdefault((area.level, area.vintage), []).append(area)
    return grouped


def _variables(
    metadata: ScbMetadata, indicator: SmallAreaIndicator, table_id: str
) -> tuple[ScbVariable, ScbVariable]:
    """The table's region and time variables, once its selection is known to exist.

    Raises:
        JobError: naming the variable or value code the table no longer has.
    """
    try:
        for var, codes in indicator.selection.items():
            unknown = [c for c in codes if c not in metadata.variable(var).values]
            if unknown:
                raise JobError(f"table {table_id}: {var} has no value {', '.join(unknown)}")
        return (
            metadata.variable(indicator.region_variable),
            metadata.variable(indicator.time_variable),
        )
    except KeyError as exc:
        known_vars = ", ".join(v.code for v in metadata.variables)
        raise JobError(
            f"table {table_id} has no variable {exc.args[0]} (it has {known_vars})"
        ) from None


def run_small_area_indicator(
    engine: Engine,
    catalogue: SmallAreaCatalogue,
    indicator: SmallAreaIndicator,
    clients: SourceClients,
    *,
    full: bool,
    first_year: int,
    run_id: int | None,
) -> JobResult:
    """Fetch one small-area indicator when its table changed (or ``full``) and store it."""
    with Session(engine) as session:
        state = area_source_state(session, indicator.id)
        known = aware(state.source_updated)
        last_success = state.last_success_at
        resolved = state.table_id
    table_id = indicator.source_id
    if not table_id.startswith("TAB"):
        table_id = resolved or clients.scb.resolve_table_id(indicator.source_id)
    info = clients.table_info_cache.get(table_id)
    if info is None:
        info = clients.scb.table(table_id)
        clients.table_info_cache[table_id] = info
    updated = aware(info.updated)
    if not full and last_success is not None and updated is not None and updated == known:
        with Session(engine) as session, session.begin():
            area_source_state(session, indicator.id).last_checked_at = now_utc()
        return JobResult(outcome="skipped", note=f"{table_id} unchanged since {updated:%Y-%m-%d}")
    metadata = clients.scb.metadata(table_id)
    region, time = _variables(metadata, indicator, table_id)
    grouped = areas_by_vintage(region, indicator.levels)
    start = indicator.first_year or first_year
    vintages = catalogue.vintages_of(indicator)
    values: list[AreaValue] = []
    areas: dict[str, AreaRecord] = {}
    periods: set[str] = set()
    unplaced: list[str] = []
    for period in time.values:
        year = int(period[:4])
        vintage = vintage_for(vintages, year)
        if year < start or vintage is None:
            continue
        chosen = [
            area
            for level in indicator.levels
            for area in grouped.get((level, vintage.of(level)), [])
        ]
        if not chosen:
            unplaced.append(period)
            continue
        selection = {
            **indicator.selection,
            indicator.region_variable: [a.code for a in chosen],
            indicator.time_variable: [period],
        }
        dataset = clients.scb.fetch(table_id, selection)
        by_code = {a.code: a for a in chosen}
        periods.add(period)
        for cell in dataset.rows():
            area = by_code.get(cell.codes[region.code])
            if area is None:
                continue
            values.append((area.code, period, cell.value, cell.status))
            if area.code not in areas:
                label = region.value_labels.get(area.code)
                areas[area.code] = AreaRecord(area, name=area_name(area, label))
    with Session(engine) as session, session.begin():
        upsert_small_areas(session, areas.values())
        load: LoadResult = upsert_area_values(
            session, indicator.id, values, periods=periods, run_id=run_id
        )
        state = area_source_state(session, indicator.id)
        stamp = now_utc()
        state.table_id = table_id
        state.last_checked_at = state.last_success_at = stamp
        if updated is not None:
            state.source_updated = updated
        state.source_meta = {"label": metadata.label, "source": metadata.source}
        if load.inserted or load.updated or load.deleted:
            bump_data_version(session)
    changes = load.as_changes()
    if unplaced:
        changes["years_without_areas_of_their_vintage"] = unplaced
    return JobResult(load=load, changes=changes)
