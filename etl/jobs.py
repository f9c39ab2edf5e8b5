"""The ETL jobs: regions, boundaries and one job per indicator.

Each job first fetches everything it needs over HTTP (no transaction open while the network is
slow), then writes in one short transaction: a failure anywhere leaves the previous data intact.
An indicator's job in a *dry run* fetches and validates the same way, then only reports what
its transaction would have done (rows added, changed and deleted, values that would be flagged)
and writes nothing at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.etl.boundaries import check_codes, read_features, read_local, simplify
from levande.etl.drift import detect_drift, merge_history
from levande.etl.normalise import normalise_kolada, normalise_scb
from levande.etl.regions import build_regions
from levande.etl.sources.clients import SourceClients
from levande.etl.sources.kolada import KoladaKpi
from levande.etl.sources.scb import ScbMetadata
from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.clock import aware, now_utc
from levande.indicators.core.vocabulary import Level
from levande.indicators.store.flags import preview_flags
from levande.indicators.store.schema import Region
from levande.indicators.store.writes import (
    LoadResult,
    ObservationColumns,
    bump_data_version,
    known_region_codes,
    plan_observations,
    replace_regions,
    save_boundary,
    source_state,
    upsert_observations,
)

log = logging.getLogger(__name__)


class JobError(RuntimeError):
    """A job cannot complete; the message is the run log's one-line reason."""


@dataclass
class JobResult:
    """What one job did: an outcome, row counts and what changed."""

    outcome: str = "success"
    load: LoadResult = field(default_factory=LoadResult)
    changes: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


# --- regions ---------------------------------------------------------------------------


def run_regions(engine: Engine, catalogue: Catalogue, clients: SourceClients) -> JobResult:
    """Fetch riket, counties, municipalities and groups from Kolada and store them."""
    municipalities = clients.kolada.municipalities()
    groups = clients.kolada.municipality_groups()
    plan = build_regions(municipalities, groups, catalogue.regions)
    with Session(engine) as session, session.begin():
        counts = replace_regions(session, plan.regions, plan.groups)
        bump_data_version(session)
    levels = {lvl: sum(1 for r in plan.regions if r.level == lvl) for lvl in ("lan", "kommun")}
    result = JobResult(changes={**counts, **levels})
    result.load.inserted = counts["regions_added"]
    result.load.updated = counts["regions_changed"]
    result.load.unchanged = len(plan.regions) - counts["regions_added"] - counts["regions_changed"]
    return result


# --- boundaries ------------------------------------------------------------------------


def run_boundaries(engine: Engine, urls: dict[str, str], clients: SourceClients) -> JobResult:
    """Download, check, simplify and store municipality and county boundaries."""
    with Session(engine) as session:
        regions = session.execute(select(Region.code, Region.name, Region.level)).all()
    if not regions:
        raise JobError("no regions in the database yet; run the regions job first")
    prepared = {}
    for level, url in urls.items():
        content = (
            read_local(url) if url.startswith("file://") else clients.geo.request("GET", url)[1]
        )
        features = read_features(content, url, level)
        expected = {code for code, _, lvl in regions if lvl == level}
        check_codes([code for code, _, _ in features], expected, level)
        names = {code: name for code, name, lvl in regions if lvl == level}
        prepared[level] = (simplify(features, names), url)
    with Session(engine) as session, session.begin():
        for level, (collection, url) in prepared.items():
            save_boundary(session, level, collection, url)
    result = JobResult(changes={level: len(c["features"]) for level, (c, _) in prepared.items()})
    result.load.updated = len(prepared)
    return result


# --- indicators ------------------------------------------------------------------------


def _group_regions(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        rows = session.execute(
            select(Region.kolada_group_id, Region.code).where(Region.kolada_group_id.is_not(None))
        ).all()
    return {str(group): code for group, code in rows}


def kolada_metadata(kpi: KoladaKpi) -> dict[str, Any]:
    """The KPI metadata we keep to detect drift and to show on the About tab."""
    return {
        "title": kpi.title,
        "description": kpi.description,
        "municipality_type": kpi.municipality_type,
        "is_divided_by_gender": kpi.is_divided_by_gender,
        "publication_date": str(kpi.publication_date) if kpi.publication_date else None,
        "publ_period": kpi.publ_period,
        "operating_area": kpi.operating_area,
    }


def prefetch_kpis(clients: SourceClients, indicators: list[Indicator]) -> None:
    """Fetch the metadata of every Kolada KPI of the run at once (25 ids per request)."""
    ids = sorted({i.source_id for i in indicators if i.source == "kolada"} - set(clients.kpi_cache))
    if not ids:
        return
    found = {kpi.id: kpi for kpi in clients.kolada.kpis(ids)}
    for kpi_id in ids:
        clients.kpi_cache[kpi_id] = found.get(kpi_id)


def run_kolada_indicator(
    engine: Engine,
    indicator: Indicator,
    clients: SourceClients,
    *,
    full: bool,
    first_year: int,
    run_id: int | None,
    dry_run: bool = False,
) -> JobResult:
    """Fetch one Kolada KPI (incrementally via ``from_date`` unless ``full``) and load it.

    With ``dry_run``, nothing is written: the result says what the load would change.
    """
    if indicator.source_id not in clients.kpi_cache:
        prefetch_kpis(clients, [indicator])
    kpi = clients.kpi_cache.get(indicator.source_id)
    with Session(engine) as session:
        state = source_state(session, indicator.id)
        last_success = aware(state.last_success_at)
        previous_meta = state.source_meta
    if kpi is None:
        raise JobError(f"KPI {indicator.source_id} no longer exists in Kolada")
    meta = kolada_metadata(kpi)
    drift = detect_drift(previous_meta, meta)
    if kpi.publication_date is not None and not dry_run:
        _note_seen(engine, indicator.id, datetime.combine(kpi.publication_date, time(), UTC))
    from_date: date | None = None
    if not full and last_success is not None:
        from_date = last_success.date() - timedelta(days=1)
    years = list(range(first_year, now_utc().year + 1))
    values = clients.kolada.data_columns([indicator.source_id], years=years, from_date=from_date)
    if indicator.municipal_mean_levels:
        group_regions = _group_regions(engine)
        wanted = [
            g
            for g, code in group_regions.items()
            if (Level.RIKET if code == "00" else Level.LAN) in indicator.municipal_mean_levels
        ]
        if wanted:
            values.extend(
                clients.kolada.data_columns(
                    [indicator.source_id], municipality_ids=wanted, years=years, from_date=from_date
                )
            )
    else:
        group_regions = {}
    normalised = normalise_kolada(indicator, values, group_regions)
    return _store(
        engine,
        indicator,
        normalised.columns,
        normalised.deletions,
        authoritative=from_date is None,
        run_id=run_id,
        meta=meta,
        drift=drift,
        unplaced=normalised.unplaced,
        source_updated=None,
        resolved_id=indicator.source_id,
        dry_run=dry_run,
    )


def run_scb_indicator(
    engine: Engine,
    indicator: Indicator,
    clients: SourceClients,
    *,
    full: bool,
    run_id: int | None,
    dry_run: bool = False,
) -> JobResult:
    """Fetch one SCB table selection when the table changed (or ``full``) and load it.

    With ``dry_run``, nothing is written: the result says what the load would change.
    """
    query = indicator.scb
    if query is None:  # guarded by the catalogue model
        raise JobError("indicator from scb without an scb block")
    with Session(engine) as session:
        state = source_state(session, indicator.id)
        resolved = state.resolved_source_id
        known_updated = aware(state.source_updated)
        last_success = state.last_success_at
        previous_meta = state.source_meta
    table_id = indicator.source_id
    if not table_id.startswith("TAB"):
        table_id = resolved if resolved and resolved.startswith("TAB") else None  # type: ignore[assignment]
        if table_id is None:
            table_id = clients.scb.resolve_table_id(indicator.source_id)
    info = clients.table_info_cache.get(table_id)
    if info is None:
        info = clients.scb.table(table_id)
        clients.table_info_cache[table_id] = info
    updated = aware(info.updated)
    if updated is not None and not dry_run:
        _note_seen(engine, indicator.id, updated)
    if not full and last_success is not None and updated is not None and updated == known_updated:
        if not dry_run:
            with Session(engine) as session, session.begin():
                source_state(session, indicator.id).last_checked_at = now_utc()
        return JobResult(outcome="skipped", note=f"{table_id} unchanged since {updated:%Y-%m-%d}")
    metadata = clients.scb.metadata(table_id)
    variables = {v.code: v for v in metadata.variables}
    needed = [*query.selection, query.region_variable, query.time_variable]
    if query.gender_variable:
        needed.append(query.gender_variable)
    missing = [v for v in needed if v not in variables]
    if missing:
        raise JobError(
            f"table {table_id} changed its variables: {', '.join(missing)} not found "
            f"(it has {', '.join(variables)})"
        )
    for var, codes in query.selection.items():
        unknown = [
            c for c in codes if var != query.time_variable and c not in variables[var].values
        ]
        if unknown:
            raise JobError(f"table {table_id}: {var} has no value {', '.join(unknown)}")
    cells: list[Any] = []
    for part in query.request_parts(gender=indicator.gender, levels=indicator.levels):
        codelists = {query.region_variable: part.codelist} if part.codelist else None
        cells.extend(clients.scb.fetch(table_id, part.selection, codelists=codelists).rows())
    normalised = normalise_scb(indicator, query, cells)
    meta = {
        "label": metadata.label,
        "updated": updated.isoformat() if updated else None,
        "source": metadata.source,
        "variables": sorted(variables),
        "unit": _scb_unit(metadata, query.selection["ContentsCode"][0]),
    }
    return _store(
        engine,
        indicator,
        normalised.columns,
        [],
        authoritative=True,
        run_id=run_id,
        meta=meta,
        drift=detect_drift(previous_meta, meta),
        unplaced=normalised.unplaced,
        source_updated=updated,
        resolved_id=table_id,
        dry_run=dry_run,
    )


def _scb_unit(metadata: ScbMetadata, contents_code: str) -> str | None:
    contents = metadata.contents_variable
    unit = contents.units.get(contents_code) if contents is not None else None
    return unit.base if unit is not None else None


def _store(
    engine: Engine,
    indicator: Indicator,
    rows: ObservationColumns,
    deletions: list[tuple[str, str, str]],
    *,
    authoritative: bool,
    run_id: int | None,
    meta: dict[str, Any],
    drift: list[dict[str, Any]],
    unplaced: set[str],
    source_updated: datetime | None,
    resolved_id: str,
    dry_run: bool = False,
) -> JobResult:
    if dry_run:
        return _preview(engine, indicator, rows, deletions, authoritative=authoritative,
                        drift=drift, unplaced=unplaced)  # fmt: skip
    with Session(engine) as session, session.begin():
        load = upsert_observations(
            session,
            indicator.id,
            rows,
            run_id=run_id,
            authoritative=authoritative,
            deletions=deletions,
            region_codes=known_region_codes(session),
        )
        state = source_state(session, indicator.id)
        stamp = now_utc()
        state.last_checked_at = stamp
        state.last_success_at = stamp
        state.last_error = None
        state.source_meta = meta
        state.resolved_source_id = resolved_id
        if source_updated is not None:
            state.source_updated = source_updated
        state.drift = merge_history(state.drift, drift)
        if load.inserted or load.updated or load.deleted:
            bump_data_version(session)
    changes = load.as_changes()
    if drift:
        changes["drift"] = drift
    if unplaced:
        changes["unplaced"] = sorted(unplaced)[:50]
    return JobResult(load=load, changes=changes)


def _preview(
    engine: Engine,
    indicator: Indicator,
    rows: ObservationColumns,
    deletions: list[tuple[str, str, str]],
    *,
    authoritative: bool,
    drift: list[dict[str, Any]],
    unplaced: set[str],
) -> JobResult:
    """What :func:`_store` would do, read in a session that is never committed (a dry run).

    The plausibility checks run on the values as the load would leave them, so the report
    names the values that would be flagged.
    """
    with Session(engine) as session:
        plan = plan_observations(
            session, indicator.id, rows, authoritative=authoritative, deletions=deletions,
            region_codes=known_region_codes(session),
        )  # fmt: skip
        report, would_flag = preview_flags(session, indicator, plan.values_after())
        session.rollback()
    changes = plan.result.as_changes()
    if drift:
        changes["drift"] = drift
    if unplaced:
        changes["unplaced"] = sorted(unplaced)[:50]
    if report.opened or report.closed or report.open:
        changes["flags"] = {
            "opened": report.opened,
            "closed": report.closed,
            "open": report.open,
            "values": would_flag[:50],
        }
    return JobResult(load=plan.result, changes=changes)


def store_rows(
    engine: Engine,
    indicator: Indicator,
    rows: ObservationColumns,
    *,
    run_id: int | None,
    meta: dict[str, Any],
    dry_run: bool = False,
) -> JobResult:
    """Load every value of an indicator we computed ourselves (no source stamp, no drift)."""
    return _store(
        engine, indicator, rows, [], authoritative=True, run_id=run_id, meta=meta, drift=[],
        unplaced=set(), source_updated=None, resolved_id=indicator.source_id, dry_run=dry_run,
    )  # fmt: skip


def _note_seen(engine: Engine, indicator_id: str, stamp: datetime) -> None:
    """Remember the newest publication the source showed, before trying to fetch it.

    If the fetch then fails, the data-status page can still tell that the source has newer
    data than we hold.
    """
    with Session(engine) as session, session.begin():
        state = source_state(session, indicator_id)
        seen = aware(state.source_seen_updated)
        if seen is None or stamp > seen:
            state.source_seen_updated = stamp


def record_failure(engine: Engine, indicator_id: str, error: str) -> None:
    """Note a failed refresh on the indicator's source state (the data stays as it was)."""
    with Session(engine) as session, session.begin():
        state = source_state(session, indicator_id)
        stamp = now_utc()
        state.last_checked_at = stamp
        state.last_failure_at = stamp
        state.last_error = error
