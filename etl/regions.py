"""The regions job: riket, the counties and the municipalities, with their peer groups.

Kolada's ``/municipality`` lists every region with its id; its municipality groups give the
county groups (for unweighted means of municipal-only KPIs) and SKR's municipality groups (the
default peer group). All are mapped to SCB codes here.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from levande.etl.normalise import kolada_region_code, region_level
from levande.indicators.core.catalogue import RegionSettings
from levande.indicators.store.writes import GroupRecord, RegionRecord

log = logging.getLogger(__name__)


class _Municipality(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


class _Member(Protocol):
    @property
    def id(self) -> str: ...


class _Group(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def members(self) -> Sequence[_Member]: ...


class RegionsError(RuntimeError):
    """The source's region list cannot be used."""


@dataclass
class RegionPlan:
    """Regions and groups to store."""

    regions: list[RegionRecord]
    groups: list[GroupRecord]


def _member_ids(group: _Group) -> list[str]:
    return [m.id if hasattr(m, "id") else str(m) for m in group.members]


def build_regions(  # noqa: C901 - one pass over Kolada's units and groups, rule by rule
    municipalities: Sequence[_Municipality],
    groups: Sequence[_Group],
    settings: RegionSettings,
) -> RegionPlan:
    """Derive regions and peer groups from Kolada's municipalities and groups.

    Raises:
        RegionsError: when the list has no municipalities or no riket.
    """
    kommuner: dict[str, str] = {}
    counties: dict[str, str] = {}
    riket_kolada: str | None = None
    for m in municipalities:
        code = kolada_region_code(m.id)
        level = region_level(code) if code else None
        if level is None or code is None:
            continue
        if level.value == "kommun":
            kommuner[code] = m.title
        elif level.value == "lan":
            counties[code] = m.title
        else:
            riket_kolada = m.id
    if not kommuner:
        raise RegionsError("Kolada's municipality list has no municipalities")
    if riket_kolada is None:
        raise RegionsError("Kolada's municipality list has no 0000 (Riket)")
    by_county: dict[str, set[str]] = defaultdict(set)
    for code in kommuner:
        by_county[code[:2]].add(code)
    for county in by_county:
        counties.setdefault(county, f"Län {county}")

    county_group: dict[str, tuple[str, str]] = {}
    all_group: str | None = None
    skr_by_group = {g.kolada_group: g for g in settings.skr_groups}
    group_records: list[GroupRecord] = []
    skr_of: dict[str, str] = {}
    for group in groups:
        members = [code for code in _member_ids(group) if code in kommuner]
        if group.id == settings.all_municipalities_group:
            all_group = group.id
            group_records.append(GroupRecord(group.id, group.title, "all", None, members))
        elif group.title.endswith(settings.county_group_suffix):
            prefixes = {code[:2] for code in members}
            if len(prefixes) == 1:
                county = prefixes.pop()
                if set(members) == by_county.get(county, set()):
                    name = group.title.removesuffix(settings.county_group_suffix).strip()
                    county_group[county] = (group.id, f"{name} län")
                    group_records.append(
                        GroupRecord(group.id, group.title, "county", county, members)
                    )
        elif group.id in skr_by_group:
            skr = skr_by_group[group.id]
            group_records.append(GroupRecord(group.id, skr.name_sv, "skr", skr.code, members))
            for code in members:
                skr_of[code] = group.id
    missing_skr = sorted(set(kommuner) - set(skr_of)) if settings.skr_groups else []
    if missing_skr:
        log.warning("%d municipalities have no SKR group: %s", len(missing_skr), missing_skr[:10])

    regions = [
        RegionRecord(
            code="00",
            name=settings.riket_name_sv,
            level="riket",
            kolada_id=riket_kolada,
            kolada_group_id=all_group,
        )
    ]
    for county, title in sorted(counties.items()):
        group_id, name = county_group.get(county, (None, title))
        regions.append(
            RegionRecord(
                code=county,
                name=name,
                level="lan",
                parent_code="00",
                kolada_id=f"00{county}",
                kolada_group_id=group_id,
            )
        )
    for code, title in sorted(kommuner.items()):
        regions.append(
            RegionRecord(
                code=code,
                name=title,
                level="kommun",
                parent_code=code[:2],
                kolada_id=code,
                skr_group_id=skr_of.get(code),
            )
        )
    return RegionPlan(regions=regions, groups=group_records)
