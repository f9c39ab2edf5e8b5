"""Small areas for tests: DeSO/RegSO tables in SCB's real structure, served by the fake SCB.

The tables have what SCB's DeSO/RegSO tables have: one ``Region`` variable holding the 2018
DeSO and 2020 RegSO codes unsuffixed and the 2025 ones with ``_DeSO2025`` / ``_RegSO2025``;
cells of an old code in a year of the new vintage are silent zeros (as SCB's are), some cells
are suppressed (``..``), and the fake enforces its cell limit. Values are small integers or
one-decimal numbers chosen so expected rows can be written by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from testkit.fakes.scb import FakeScb, FakeTable, FakeVariable
from testkit.sample_catalogue import CONTEXT_GROUPS

YEARS = ["2023", "2024", "2025"]
NEW_VINTAGE_FROM = 2025

#: Areas of the 2018/2020 vintage: DeSO -> its RegSO; RegSO -> name.
DESO_2018 = {
    "0114A0010": "0114R001", "0114C1010": "0114R001", "0114C1020": "0114R002",
    "0180C1010": "0180R001", "0180C1020": "0180R001", "0180C1030": "0180R002",
    "0180C1040": "0180R002", "0180C1050": "0180R003", "0180C1060": "0180R003",
    "0380A0010": "0380R001", "0380C1010": "0380R001",
}  # fmt: skip
REGSO_2020 = {
    "0114R001": "Väsby norra", "0114R002": "Väsby södra",
    "0180R001": "Norrmalm", "0180R002": "Rinkeby", "0180R003": "Bromma",
    "0380R001": "Uppsala centrum",
}  # fmt: skip
#: The 2025 vintage: one DeSO of Stockholm split in two, the rest renamed only by suffix.
DESO_2025 = {**{k: v for k, v in DESO_2018.items() if k != "0180C1060"},
             "0180C1061": "0180R003", "0180C1062": "0180R003"}  # fmt: skip
REGSO_2025 = dict(REGSO_2020)

SUPPRESSED = ("0380A0010", "2024")
"""A sparsely populated DeSO whose 2024 cells SCB suppressed."""


def region_codes() -> list[str]:
    """Every code of the tables' Region variable, in SCB's order: riket, old areas, new areas."""
    return [
        "00",
        *DESO_2018,
        *REGSO_2020,
        *(f"{c}_DeSO2025" for c in DESO_2025),
        *(f"{c}_RegSO2025" for c in REGSO_2025),
    ]


def region_labels() -> dict[str, str]:
    """Labels as SCB gives them: DeSO by code, RegSO by code and name."""
    labels = {"00": "Riket"}
    for code, name in REGSO_2020.items():
        labels[code] = f"{code} {name}"
        labels[f"{code}_RegSO2025"] = f"{code} {name}"
    return labels


def base_code(code: str) -> str:
    """An area code without its vintage suffix."""
    return code.split("_")[0]


def _alive(code: str, year: str) -> bool:
    """Whether a code belongs to the vintage of the year (otherwise SCB shows a silent zero)."""
    new = "_" in code
    return new == (int(year) >= NEW_VINTAGE_FROM)


def population(code: str, year: str) -> int:
    """Residents of an area (RegSO: the sum of its DeSO), different per area and year."""
    base = base_code(code)
    if "R" in base[4:5]:
        members = DESO_2025 if "_" in code else DESO_2018
        return sum(population(d + ("_DeSO2025" if "_" in code else ""), year)
                   for d, r in members.items() if r == base)  # fmt: skip
    serial = int(base[5:9])
    return 700 + (serial % 97) * 10 + int(base[:4]) % 7 * 100 + (int(year) - 2023) * 5


def foreign(code: str, year: str) -> int:
    """Residents with a foreign background: a large share in Rinkeby, small elsewhere."""
    base = base_code(code)
    share = 0.8 if base in ("0180C1030", "0180C1040", "0180R002") else 0.2
    return round(population(code, year) * share)


def low_standard(code: str, year: str) -> float:
    """Share with low economic standard, per cent with one decimal."""
    base = base_code(code)
    high = base in ("0180C1030", "0180C1040", "0180R002")
    return round((30.0 if high else 5.0) + (int(base[5:9]) % 7) * 0.5 - (int(year) - 2023), 1)


def area_type(code: str, year: str) -> int:
    """SCB's socio-economic area type 1-5 per RegSO."""
    return {"0180R002": 1, "0114R002": 2, "0180R001": 4, "0180R003": 5}.get(base_code(code), 3)


def contents_variable(contents: dict[str, tuple[str, str, int]]) -> FakeVariable:
    """A table's ContentsCode from {code: (label, unit, decimals)}."""
    return FakeVariable(
        "ContentsCode",
        "tabellinnehåll",
        list(contents),
        contents=True,
        value_labels={k: v[0] for k, v in contents.items()},
        units={k: (v[1], v[2]) for k, v in contents.items()},
    )


def area_table(
    table_id: str,
    label: str,
    regions: list[str],
    breakdowns: list[FakeVariable],
    contents: dict[str, tuple[str, str, int]],
    years: list[str],
) -> FakeTable:
    """An empty DeSO/RegSO table: Region, the breakdowns, ContentsCode and Tid, SCB's order."""
    return FakeTable(
        id=table_id,
        label=label,
        updated=datetime(2026, 3, 1, 7, 0, tzinfo=UTC),
        variables=[
            FakeVariable("Region", "region", regions, value_labels=region_labels()),
            *breakdowns,
            contents_variable(contents),
            FakeVariable("Tid", "år", years, time=True),
        ],
    )


def _table(
    table_id: str,
    label: str,
    contents: dict[str, tuple[str, str, int]],
    extra: list[FakeVariable],
    value: Callable[[str, str, str], float | int | None],
    *,
    regso_only: bool = False,
) -> FakeTable:
    regions = [c for c in region_codes() if not regso_only or "R" in base_code(c)[4:5] or c == "00"]
    table = area_table(table_id, label, regions, extra, contents, YEARS)
    fixed = tuple(v.values[-1] for v in extra)
    for region in regions:
        for year in YEARS:
            for content in contents:
                key = (region, *fixed, content, year)
                if region == "00":
                    table.cells[key] = None
                    table.status[key] = ".."
                elif not _alive(region, year):
                    table.cells[key] = 0
                elif (base_code(region), year) == SUPPRESSED:
                    table.cells[key] = None
                    table.status[key] = ".."
                else:
                    table.cells[key] = value(region, year, content)
    return table


def _total(code: str, label: str) -> FakeVariable:
    return FakeVariable(code, label, [code.lower(), "totalt"], value_labels={"totalt": "totalt"})


def seed_small_areas(scb: FakeScb) -> None:
    """The DeSO/RegSO tables the small-area sample catalogue asks for."""
    scb.add_table(
        _table(
            "TAB6574", "Folkmängden per region efter ålder och kön",
            {"000007Y7": ("Folkmängd", "antal", 0)}, [_total("Alder", "ålder")],
            lambda r, y, c: population(r, y),
        )
    )  # fmt: skip
    scb.add_table(
        _table(
            "TAB6571", "Folkmängden per region efter utländsk/svensk bakgrund",
            {"000007Y4": ("Antal personer", "antal", 0)},
            [FakeVariable("UtlBakgrund", "bakgrund", ["1", "2", "SA"],
                          value_labels={"1": "utländsk bakgrund", "2": "svensk bakgrund",
                                        "SA": "totalt"})],
            lambda r, y, c: foreign(r, y),
        )
    )  # fmt: skip
    table = scb.table("TAB6571")
    # Only the foreign-background cells were filled (last code of UtlBakgrund is SA); write
    # them under "1" and the totals under "SA".
    for key in list(table.cells):
        region, _, content, year = key
        value, status = table.cells.pop(key), table.status.pop(key, None)
        total = population(region, year) if isinstance(value, int) and value else value
        table.cells[(region, "1", content, year)] = value
        table.cells[(region, "SA", content, year)] = total
        if status:
            table.status[(region, "1", content, year)] = status
            table.status[(region, "SA", content, year)] = status
    scb.add_table(
        _table(
            "TAB6685", "Andel personer med låg respektive hög ekonomisk standard",
            {"000006Z1": ("Låg ekonomisk standard, procent", "procent", 1)},
            [_total("Alder", "ålder")], lambda r, y, c: low_standard(r, y),
        )
    )  # fmt: skip
    scb.add_table(
        _table(
            "TAB9999", "Socioekonomiskt index och områdestyp per RegSO",
            {"000008AB": ("Områdestyp", "kod", 0)}, [],
            lambda r, y, c: area_type(r, y), regso_only=True,
        )
    )  # fmt: skip


SMALL_AREAS_YAML = """\
small_areas:
  population: omr-folkmangd
  area_type: omr-omradestyp
  small_population: 300
  min_areas: 3
  vintages:
    - {deso: "2018", regso: "2020", first_year: 2010}
    - {deso: "2025", regso: "2025", first_year: 2025}
  indicators:
    - id: omr-folkmangd
      title_sv: Folkmängd
      title_en: Population
      description_sv: Antal folkbokförda personer i området.
      description_en: Number of registered residents in the area.
      unit_sv: personer
      unit_en: persons
      decimals: 0
      direction: neutral
      kind: count
      levels: [deso, regso]
      source_id: TAB6574
      selection: {ContentsCode: ["000007Y7"], Alder: [totalt]}
    - id: omr-utlandsk-bakgrund
      title_sv: Utländsk bakgrund
      title_en: Foreign background
      description_sv: Personer med utländsk bakgrund.
      description_en: Persons with a foreign background.
      unit_sv: personer
      unit_en: persons
      decimals: 0
      direction: neutral
      kind: count
      denominator: omr-bakgrund-totalt
      levels: [deso, regso]
      source_id: TAB6571
      selection: {ContentsCode: ["000007Y4"], UtlBakgrund: ["1"]}
    - id: omr-bakgrund-totalt
      title_sv: Folkmängd efter bakgrund, totalt
      title_en: Population by background, total
      description_sv: Alla personer i tabellen över bakgrund.
      description_en: All persons in the table by background.
      unit_sv: personer
      unit_en: persons
      decimals: 0
      direction: neutral
      kind: count
      levels: [deso, regso]
      source_id: TAB6571
      selection: {ContentsCode: ["000007Y4"], UtlBakgrund: ["SA"]}
    - id: omr-lag-ekonomisk-standard
      title_sv: Låg ekonomisk standard
      title_en: Low economic standard
      description_sv: Andel personer med låg ekonomisk standard.
      description_en: Share of persons with a low economic standard.
      unit_sv: procent
      unit_en: per cent
      decimals: 1
      direction: lower_is_better
      kind: share
      levels: [deso, regso]
      source_id: TAB6685
      selection: {ContentsCode: ["000006Z1"], Alder: [totalt]}
    - id: omr-omradestyp
      title_sv: Socioekonomisk områdestyp
      title_en: Socio-economic area type
      description_sv: SCB:s områdestyp 1-5.
      description_en: SCB's area type 1-5.
      unit_sv: typ
      unit_en: type
      decimals: 0
      direction: neutral
      kind: type
      levels: [regso]
      source_id: TAB9999
      selection: {ContentsCode: ["000008AB"]}
  segregation:
    - id: seg-utlandsk-bakgrund
      title_sv: Utländsk bakgrund
      title_en: Foreign background
      group: omr-utlandsk-bakgrund
      total: omr-bakgrund-totalt
"""


COMPUTED_SOURCE = """\
  - id: omraden
    name: SCB DeSO/RegSO, beräknat
    credit_sv: "Källa: SCB (DeSO/RegSO), beräknat"
    credit_en: "Source: Statistics Sweden (SCB), DeSO/RegSO, computed"
    homepage: https://www.scb.se
    licence: CC0
"""

COMPUTED_INDICATORS = """\
indicators:
  - id: andel-utmaningar
    context_group: forutsattningar
    source: omraden
    source_id: omr-omradestyp
    computed: {method: population_share_in_types, area_indicator: omr-omradestyp,
               population: omr-folkmangd, types: [1, 2]}
    title_sv: Andel i områden med socioekonomiska utmaningar
    title_en: Share in areas with socio-economic challenges
    description_sv: Andel av befolkningen i RegSO av typ 1 eller 2.
    description_en: Share of the population in RegSO of type 1 or 2.
    unit_sv: procent
    unit_en: per cent
    direction: lower_is_better
    levels: [riket, lan, kommun]
  - id: segregation-bakgrund
    context_group: forutsattningar
    source: omraden
    source_id: seg-utlandsk-bakgrund
    computed: {method: dissimilarity, segregation: seg-utlandsk-bakgrund}
    title_sv: Olikhetsindex, utländsk bakgrund
    title_en: Dissimilarity index, foreign background
    description_sv: Andel som skulle behöva flytta för jämn fördelning.
    description_en: Share who would have to move for an even spread.
    unit_sv: index
    unit_en: index
    decimals: 2
    direction: lower_is_better
    levels: [riket, lan, kommun]
"""

COMPUTED_IDS = ["andel-utmaningar", "segregation-bakgrund"]


def write_small_area_catalogue(folder: Path, computed: str = COMPUTED_INDICATORS) -> Path:
    """Add the small-area part, and the indicators computed from it, to a sample catalogue.

    ``computed`` is the computed indicators' catalogue file (default: two of them).
    """
    (folder / "small_areas.yaml").write_text(SMALL_AREAS_YAML, encoding="utf-8")
    (folder / "context_groups.yaml").write_text(CONTEXT_GROUPS, encoding="utf-8")
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + COMPUTED_SOURCE, encoding="utf-8")
    (folder / "indicators" / "omraden.yaml").write_text(computed, encoding="utf-8")
    return folder


@contextmanager
def loaded_small_area_world(
    engine: Engine, config_dir: Path, work_dir: Path, computed: str = COMPUTED_INDICATORS
) -> Iterator[Any]:
    """The small Sweden with its DeSO/RegSO values and boundaries, loaded by a full ETL run.

    Adds the small-area catalogue to ``config_dir`` (a sample catalogue; ``computed`` as in
    :func:`write_small_area_catalogue`), serves SCB, Kolada and the WFS from fakes and runs
    every source and the status step.
    """
    from levande.etl.pipeline import run_refresh
    from levande.indicators.core.catalogue import load_catalogue
    from levande.indicators.core.settings import Settings
    from levande.indicators.store.statuses import recompute_statuses
    from levande.indicators.store.sync import sync_catalogue
    from testkit.fakes.kolada import FakeKolada
    from testkit.fakes.wfs import FakeWfs, grid_layer
    from testkit.world import seed_kolada, seed_scb, write_boundaries

    catalogue = load_catalogue(write_small_area_catalogue(config_dir, computed))
    sync_catalogue(engine, catalogue)
    kommun_url, lan_url = write_boundaries(work_dir / "geo")
    with FakeScb() as scb, FakeKolada() as kolada, FakeWfs() as wfs:
        seed_scb(scb)
        seed_small_areas(scb)
        seed_kolada(kolada)
        for name, deso in (("stat:DeSO_2018", DESO_2018), ("stat:DeSO_2025", DESO_2025)):
            wfs.add_layer(grid_layer(name, {c: {"regsokod": r} for c, r in deso.items()}, "deso"))
        for name, regso in (("stat:RegSO_2020", REGSO_2020), ("stat:RegSO_2025", REGSO_2025)):
            layer = {c: {"regsonamn": n} for c, n in regso.items()}
            wfs.add_layer(grid_layer(name, layer, "regso"))
        settings = Settings(
            database_url=str(engine.url.render_as_string(hide_password=False)),
            scb_api_url=scb.url, kolada_api_url=kolada.url, geo_municipalities_url=kommun_url,
            geo_counties_url=lan_url, geo_small_areas_url=wfs.url, http_max_retries=1,
            kolada_calls_per_second=500, first_year=2018, config_dir=config_dir,
        )  # fmt: skip
        summary = run_refresh(
            engine, catalogue, settings,
            after_load=lambda eng, _run: recompute_statuses(eng, catalogue),
        )  # fmt: skip
        if summary.outcome != "success":
            failed = [(s.target, s.error) for s in summary.failures]
            raise RuntimeError(f"the small-area ETL run ended {summary.outcome}: {failed}")
        yield summary
