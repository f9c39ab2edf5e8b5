"""National-size data for benchmarks: the whole catalogue, riket, 21 counties, 290 municipalities.

Fills the fake SCB and Kolada servers (testkit/fakes, the real formats over loopback) with
synthetic values for every indicator of a catalogue, so the ETL loads it through exactly the
production path. Values are deterministic (seeded) so repeated runs load identical data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.plausibility import rules_of
from levande.indicators.core.vocabulary import Level
from testkit.fakes.kolada import FakeKolada, FakeKpi, FakePoint
from testkit.fakes.scb import FakeCodelist, FakeScb, FakeTable, FakeVariable

# Number of municipalities per county code, as in Sweden (290 in all).
COUNTY_SIZES = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5,
    "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7,
    "23": 8, "24": 15, "25": 14,
}  # fmt: skip
COUNTY_GROUPS = {county: f"G336{12 + i:02d}" for i, county in enumerate(COUNTY_SIZES)}
SKR_GROUPS = ["G92787", "G92793", "G92790", "G92792", "G92786", "G92788", "G92789", "G92791",
              "G92794"]  # fmt: skip


@dataclass(frozen=True)
class NationalShape:
    """The size of the generated data."""

    first_year: int = 2005
    years: int = 20

    @property
    def year_list(self) -> list[int]:
        """The years with data."""
        return list(range(self.first_year, self.first_year + self.years))


def municipalities() -> dict[str, str]:
    """290 municipality codes (county code + two digits) with names."""
    out = {}
    for county, size in COUNTY_SIZES.items():
        for i in range(size):
            code = f"{county}{80 + i:02d}" if size < 20 else f"{county}{i + 10:02d}"
            out[code] = f"Kommun {code}"
    return out


def _value(rng: random.Random, base: float, year_index: int, noise: float = 0.5) -> float:
    return round(base * (1 + 0.01 * year_index) + rng.uniform(-noise, noise), 2)


def _base(rng: random.Random, indicator: Indicator, low: float, high: float) -> tuple[float, float]:
    """A series' starting value and noise: inside the indicator's valid range when it has one.

    A Gini coefficient drawn from 5–95 would be flagged as implausible at every load, and its
    series would then have no status, which is not the national Sweden the benchmarks mean.
    """
    rules = rules_of(indicator)
    if rules.min is not None and rules.max is not None and rules.max > rules.min:
        span = rules.max - rules.min
        return rng.uniform(rules.min + 0.3 * span, rules.min + 0.6 * span), span / 200
    return rng.uniform(low, high), 0.5


def seed_regions(kolada: FakeKolada) -> dict[str, str]:
    """Riket, counties, municipalities and their groups on the fake Kolada."""
    kommuner = municipalities()
    kolada.add_municipality("0000", "Riket", "L")
    for county in COUNTY_SIZES:
        kolada.add_municipality(f"00{county}", f"Region {county}", "L")
    for code, name in kommuner.items():
        kolada.add_municipality(code, name, "K")
    kolada.add_group("G2328", "Alla kommuner (ovägt medel)", list(kommuner))
    for county, group in COUNTY_GROUPS.items():
        members = [c for c in kommuner if c.startswith(county)]
        kolada.add_group(group, f"Län {county} läns kommuner (ovägt medel)", members)
    for i, group in enumerate(SKR_GROUPS):
        kolada.add_group(group, f"SKR-grupp {i}", list(kommuner)[i :: len(SKR_GROUPS)])
    return kommuner


def _units(indicator: Indicator, kommuner: dict[str, str]) -> list[str]:
    units: list[str] = []
    if Level.KOMMUN in indicator.levels:
        units += list(kommuner)
    if Level.LAN in indicator.levels:
        units += (
            list(COUNTY_GROUPS.values())
            if Level.LAN in indicator.municipal_mean_levels
            else [f"00{c}" for c in COUNTY_SIZES]
        )
    if Level.RIKET in indicator.levels:
        units.append("G2328" if Level.RIKET in indicator.municipal_mean_levels else "0000")
    return units


def kolada_points(
    indicator: Indicator, kommuner: dict[str, str], shape: NationalShape, seed: int
) -> Iterator[FakePoint]:
    """Every value of one Kolada indicator."""
    rng = random.Random(f"{seed}-{indicator.id}")
    genders = ["T", "K", "M"] if indicator.gender else ["T"]
    for unit in _units(indicator, kommuner):
        base, noise = _base(rng, indicator, 5, 95)
        for y, year in enumerate(shape.year_list):
            for gender in genders:
                missing = rng.random() < 0.03
                yield FakePoint(
                    indicator.source_id, unit, year, gender,
                    None if missing else _value(rng, base, y, noise),
                    status="Saknas" if missing else "",
                )  # fmt: skip


def scb_table(
    indicator: Indicator, kommuner: dict[str, str], shape: NationalShape, seed: int
) -> FakeTable:
    """A table holding one SCB indicator's selection for every region and year."""
    if indicator.scb is None:
        raise ValueError(f"{indicator.id} is not an SCB indicator")
    query = indicator.scb
    rng = random.Random(f"{seed}-{indicator.id}")
    regions = ["00", *COUNTY_SIZES, *kommuner]
    by_level = {Level.RIKET: ["00"], Level.LAN: list(COUNTY_SIZES), Level.KOMMUN: list(kommuner)}
    codelists = {
        name: FakeCodelist(name, by_level[level]) for level, name in query.region_codelists.items()
    }
    variables = [FakeVariable(query.region_variable, "region", regions, codelists=codelists)]
    fixed = {k: v[0] for k, v in query.selection.items() if k != query.time_variable}
    for code, value in fixed.items():
        if code != "ContentsCode":
            variables.append(FakeVariable(code, code, [value]))
    genders: list[str] = []
    if query.gender_variable and query.gender_codes:
        genders = list(query.gender_codes.values())
        variables.append(FakeVariable(query.gender_variable, "kön", genders))
    contents = fixed["ContentsCode"]
    variables.append(
        FakeVariable("ContentsCode", "tabellinnehåll", [contents], contents=True,
                     units={contents: ("antal", 0)})
    )  # fmt: skip
    years = [str(y) for y in shape.year_list]
    variables.append(FakeVariable(query.time_variable, "år", years, time=True))
    table_id = indicator.source_id if indicator.source_id.startswith("TAB") else None
    parts = indicator.source_id.split("/")
    table = FakeTable(
        id=table_id or f"TAB9{abs(hash(indicator.source_id)) % 10000:04d}",
        label=indicator.title_sv,
        variables=variables,
        updated=datetime(2026, 1, 15, 7, 0, tzinfo=UTC),
        legacy_id=None if table_id else parts[-1],
        paths=[] if table_id else [[(p, p) for p in parts[:-1]]],
    )
    gender_options: list[str | None] = [*genders] or [None]
    for region in regions:
        base, noise = _base(rng, indicator, 100, 10_000)
        for y, year in enumerate(years):
            for gender in gender_options:
                key = [region, *(fixed[v.code] for v in variables[1:-2] if v.code in fixed)]
                if gender is not None:
                    key.append(gender)
                key += [contents, year]
                table.cells[tuple(key)] = _value(rng, base, y, noise)
    return table


def seed_national(
    catalogue: Catalogue,
    kolada: FakeKolada,
    scb: FakeScb,
    shape: NationalShape | None = None,
    seed: int = 1,
) -> dict[str, int]:
    """Fill both fakes for every indicator of the catalogue; returns counts."""
    shape = shape or NationalShape()
    kommuner = seed_regions(kolada)
    points = 0
    cells = 0
    seen_tables: set[str] = set()
    for ind in catalogue.indicators:
        if ind.source == "kolada":
            if ind.source_id not in kolada.kpis:
                kolada.add_kpi(
                    FakeKpi(ind.source_id, ind.title_sv, is_divided_by_gender=ind.gender,
                            municipality_type="K" if ind.municipal_mean_levels else "A")
                )  # fmt: skip
                points += kolada.load(kolada_points(ind, kommuner, shape, seed))
        elif ind.source_id not in seen_tables:
            seen_tables.add(ind.source_id)
            table = scb_table(ind, kommuner, shape, seed)
            scb.add_table(table)
            cells += len(table.cells)
    return {"kolada_values": points, "scb_cells": cells, "municipalities": len(kommuner)}
