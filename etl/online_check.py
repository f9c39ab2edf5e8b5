"""``levande config check --online``: every source id checked against the live sources.

Operators with network run it before publishing a catalogue change: it finds KPI ids that
Kolada no longer has, titles that drifted from the catalogue, retired KPIs, and SCB tables that
cannot be found. Without network it says so and exits with its own code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from levande.etl.drift import RETIRED_TITLE
from levande.etl.sources.clients import SourceClients
from levande.etl.sources.http import SourceError
from levande.etl.sources.scb import ScbMetadata
from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.failures import FailureKind
from levande.indicators.core.small_areas import parse_area_code


@dataclass
class OnlineReport:
    """What the online check found."""

    checked: int = 0
    mismatches: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)


def check_sources(  # noqa: C901 - one check per kind of source answer
    catalogue: Catalogue, clients: SourceClients
) -> OnlineReport:
    """Verify each indicator's source id (and Kolada title) against the sources."""
    report = OnlineReport()
    kolada = [i for i in catalogue.indicators if i.source == "kolada"]
    if kolada:
        try:
            found = {k.id: k for k in clients.kolada.kpis(sorted({i.source_id for i in kolada}))}
        except SourceError as exc:
            report.unreachable.append(f"kolada: {exc}")
        else:
            for ind in kolada:
                report.checked += 1
                kpi = found.get(ind.source_id)
                if kpi is None:
                    report.mismatches.append(f"{ind.id}: Kolada has no KPI {ind.source_id}")
                    continue
                if RETIRED_TITLE.search(kpi.title):
                    report.mismatches.append(f"{ind.id}: {ind.source_id} is retired ({kpi.title})")
                elif kpi.title.strip() != ind.title_sv.strip():
                    report.mismatches.append(
                        f"{ind.id}: Kolada's title for {ind.source_id} is {kpi.title!r}, "
                        f"the catalogue says {ind.title_sv!r}"
                    )
                if ind.gender and not kpi.is_divided_by_gender:
                    report.mismatches.append(
                        f"{ind.id}: gender: true but Kolada does not split {ind.source_id}"
                    )
    for ind in (i for i in catalogue.indicators if i.source == "scb"):
        try:
            table_id = ind.source_id
            if not table_id.startswith("TAB"):
                table_id = clients.scb.resolve_table_id(ind.source_id)
            meta = clients.scb.metadata(table_id)
        except SourceError as exc:
            if exc.kind is FailureKind.UNREACHABLE:
                report.unreachable.append(f"scb: {exc}")
                break
            report.checked += 1
            report.mismatches.append(f"{ind.id}: {exc.reason}")
            continue
        report.checked += 1
        if ind.scb is None:  # an SCB indicator always has its query; the catalogue checks it
            continue
        codes = {v.code for v in meta.variables}
        wanted = {*ind.scb.selection, ind.scb.region_variable, ind.scb.time_variable}
        if ind.scb.gender_variable:
            wanted.add(ind.scb.gender_variable)
        missing = sorted(wanted - codes)
        if missing:
            report.mismatches.append(f"{ind.id}: table {table_id} has no {', '.join(missing)}")
    if not report.unreachable:
        _check_small_areas(catalogue, clients, report)
    return report


def _metadata(
    clients: SourceClients, source_id: str, entry: str, report: OnlineReport
) -> ScbMetadata | None:
    """A table's metadata, or None with the reason noted (unreachable or a mismatch)."""
    try:
        table_id = source_id if source_id.startswith("TAB") else None
        meta = clients.scb.metadata(table_id or clients.scb.resolve_table_id(source_id))
    except SourceError as exc:
        if exc.kind is FailureKind.UNREACHABLE:
            report.unreachable.append(f"scb: {exc}")
            return None
        report.mismatches.append(f"{entry}: {exc.reason}")
        meta = None
    report.checked += 1
    return meta


def _check_small_areas(catalogue: Catalogue, clients: SourceClients, report: OnlineReport) -> None:
    """Each small-area indicator's table has its variables and value codes, and DeSO/RegSO."""
    for ind in catalogue.small_areas.indicators:
        meta = _metadata(clients, ind.source_id, ind.id, report)
        if meta is None:
            if report.unreachable:
                return
            continue
        variables = {v.code: v for v in meta.variables}
        wanted = [*ind.selection, ind.region_variable, ind.time_variable]
        missing = [v for v in wanted if v not in variables]
        if missing:
            report.mismatches.append(f"{ind.id}: table {ind.source_id} has no {', '.join(missing)}")
            continue
        for var, codes in ind.selection.items():
            unknown = [c for c in codes if c not in variables[var].values]
            if unknown:
                report.mismatches.append(
                    f"{ind.id}: {ind.source_id} {var} has no value {', '.join(unknown)}"
                )
        regions = variables[ind.region_variable].values
        levels = {a.level for a in map(parse_area_code, regions) if a is not None}
        absent = sorted(level.value for level in set(ind.levels) - levels)
        if absent:
            report.mismatches.append(
                f"{ind.id}: {ind.source_id} has no {' or '.join(absent)} regions"
            )
