"""Small-area tables of national shape for the fake SCB: about 6,000 DeSO and 3,000 RegSO.

Each municipality of :func:`testkit.national.municipalities` gets DeSO (Stockholm-sized ones
hundreds, most a handful to thirty) grouped two by two into RegSO; the 2025 vintage repeats
them with SCB's suffixes and splits every thirtieth DeSO in two. One table per distinct table
id of the catalogue's small-area indicators holds every value code the indicators ask for, so
the full load, the benchmark and the shipped-catalogue test run the real request pattern (per
year and vintage, within the cell limit). Old codes in years of the new vintage are silent
zeros, as in SCB's tables; about one cell in fifty is suppressed (``..``).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.small_areas import SmallAreaIndicator, vintage_for
from testkit.fakes.scb import FakeScb, FakeTable, FakeVariable

#: DeSO counts of the three largest municipalities (Stockholm, Göteborg, Malmö in size).
LARGE = (550, 300, 200)


def national_areas(kommuner: list[str], seed: int = 1) -> dict[str, list[str]]:
    """Region codes per vintage key (``deso2018``, ``regso2020``, ``deso2025``, ``regso2025``).

    The first municipality is the largest (550 DeSO, like Stockholm).
    """
    rng = random.Random(f"areas-{seed}")
    out: dict[str, list[str]] = {"deso2018": [], "regso2020": [], "deso2025": [], "regso2025": []}
    for index, kommun in enumerate(kommuner):
        count = LARGE[index] if index < len(LARGE) else rng.randint(3, 30)
        for i in range(1, count + 1):
            code = f"{kommun}C{i:03d}0"
            out["deso2018"].append(code)
            if i % 30 == 0:
                out["deso2025"] += [f"{code[:-1]}1_DeSO2025", f"{code[:-1]}2_DeSO2025"]
            else:
                out["deso2025"].append(f"{code}_DeSO2025")
        for j in range(1, (count + 1) // 2 + 1):
            out["regso2020"].append(f"{kommun}R{j:03d}")
            out["regso2025"].append(f"{kommun}R{j:03d}_RegSO2025")
    return out


def _cell(rng: random.Random, indicator: SmallAreaIndicator) -> float | int:
    if indicator.kind == "count":
        return rng.randint(200, 2500)
    if indicator.kind == "type":
        return rng.choice([1, 2, 3, 3, 4, 4, 4, 5])
    if indicator.kind == "share":
        return round(rng.uniform(1, 40), 1)
    return round(rng.uniform(150, 450), 1)


def seed_national_small_areas(
    catalogue: Catalogue, scb: FakeScb, kommuner: list[str], years: list[int], seed: int = 1
) -> int:
    """Add one fake table per small-area table id; returns the number of cells."""
    small = catalogue.small_areas
    areas = national_areas(kommuner, seed)
    regions = [code for codes in areas.values() for code in codes]
    rng = random.Random(f"small-{seed}")
    by_table: dict[str, list[SmallAreaIndicator]] = {}
    for ind in small.indicators:
        by_table.setdefault(ind.source_id, []).append(ind)
    cells = 0
    for source_id, indicators in by_table.items():
        variables = [FakeVariable(indicators[0].region_variable, "region", regions)]
        names = [v for v in indicators[0].selection if v != "ContentsCode"]
        for name in names:
            codes = list(dict.fromkeys(i.selection[name][0] for i in indicators))
            variables.append(FakeVariable(name, name, codes))
        contents = list(dict.fromkeys(i.selection["ContentsCode"][0] for i in indicators))
        variables.append(
            FakeVariable("ContentsCode", "tabellinnehåll", contents, contents=True,
                         units={c: ("antal", 0) for c in contents})
        )  # fmt: skip
        variables.append(
            FakeVariable(indicators[0].time_variable, "år", [str(y) for y in years], time=True)
        )
        parts = source_id.split("/")
        table = FakeTable(
            id=source_id if source_id.startswith("TAB") else f"TAB8{len(scb.tables):04d}",
            label=indicators[0].title_sv,
            variables=variables,
            updated=datetime(2026, 1, 15, 7, 0, tzinfo=UTC),
            legacy_id=None if source_id.startswith("TAB") else parts[-1],
            paths=[] if source_id.startswith("TAB") else [[(p, p) for p in parts[:-1]]],
        )
        for ind in indicators:
            fixed = tuple(ind.selection[name][0] for name in names)
            content = ind.selection["ContentsCode"][0]
            for year in years:
                vintage = vintage_for(small.vintages_of(ind), year)
                alive = (
                    {f"{lvl.value}{vintage.of(lvl)}" for lvl in ind.levels} if vintage else set()
                )
                for key, codes in areas.items():
                    for region in codes:
                        cell = (region, *fixed, content, str(year))
                        if key not in alive:
                            table.cells[cell] = 0
                        elif rng.random() < 0.02:
                            table.cells[cell] = None
                            table.status[cell] = ".."
                        else:
                            table.cells[cell] = _cell(rng, ind)
        cells += len(table.cells)
        scb.add_table(table)
    return cells
