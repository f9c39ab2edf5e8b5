"""SCB's DeSO/RegSO tables as the shipped catalogue asks them, in their published structure.

:mod:`testkit.small_area_world` serves small tables cut to the sample catalogue's one value per
variable. Here the tables have every breakdown the real tables have (age bands and sex of the
population table, income type, sex and seven measures of the income table, ages and three
measures of the economic-standard table, the car table's three stocks), so a test proves that
the shipped catalogue's selections pick the right cell out of many. Each breakdown value gives
a different number, so a wrong code can never read a plausible value.

Variable and value codes follow ``config/small_areas.yaml`` (as public code that queries SCB
spells them; see its notes). Codes the catalogue never selects, and which no public code shows
(``SamInk``, the age groups other than ``tot``), are this fake's own stand-ins: they only need
to differ from the selected ones.

Vintages are per table, as SCB publishes them: the population from 2025 with the 2025 areas,
income and economic standard from income year 2024, the car table only in 2024-2025 and only
with the 2025 areas. Old codes in a year of the new vintage are silent zeros; the sparsely
populated Uppsala DeSO's 2024 cells are suppressed (``..``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

from testkit.fakes.scb import FakeScb, FakeTable, FakeVariable
from testkit.small_area_world import (
    SUPPRESSED,
    YEARS,
    area_table,
    base_code,
    low_standard,
    population,
    region_codes,
)

AGE_BANDS = ["-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
             "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-"]  # fmt: skip
INCOME_MEASURES = {
    "0000089O": ("Antal personer totalt", "antal", 0),
    "0000089P": ("Kvartil 1, andel personer, procent", "procent", 1),
    "0000089Q": ("Kvartil 2, andel personer, procent", "procent", 1),
    "0000089R": ("Kvartil 3, andel personer, procent", "procent", 1),
    "0000089S": ("Kvartil 4, andel personer, procent", "procent", 1),
    "0000089T": ("Medelvärde, tkr", "tkr", 1),
    "0000089U": ("Medianvärde, tkr", "tkr", 1),
}
STANDARD_MEASURES = {
    "000008AC": ("Låg ekonomisk standard, procent", "procent", 1),
    "000008AD": ("Hög ekonomisk standard, procent", "procent", 1),
    "000008AE": ("Antal personer totalt", "antal", 0),
}

Value = Callable[[str, Mapping[str, str], str], float | int]


def _serial(code: str) -> int:
    return int(base_code(code)[5:9])


def _structured(
    table_id: str,
    label: str,
    breakdowns: list[FakeVariable],
    contents: dict[str, tuple[str, str, int]],
    value: Value,
    *,
    new_from: int,
    years: list[str] = YEARS,
    only_new: bool = False,
) -> FakeTable:
    """A table with every combination of its breakdowns filled, SCB's way per vintage."""
    regions = [c for c in region_codes() if not only_new or "_" in c or c == "00"]
    table = area_table(table_id, label, regions, breakdowns, contents, years)
    names = [v.code for v in breakdowns] + ["ContentsCode"]
    for region, year in itertools.product(regions, years):
        for combo in itertools.product(*(v.values for v in breakdowns), contents):
            key = (region, *combo, year)
            new = "_" in region
            if region == "00" or (base_code(region), year) == SUPPRESSED:
                table.cells[key] = None
                table.status[key] = ".."
            elif new != (int(year) >= new_from):
                table.cells[key] = 0
            else:
                table.cells[key] = value(region, dict(zip(names, combo, strict=True)), year)
    return table


def population_by_age_and_sex(region: str, codes: Mapping[str, str], year: str) -> int:
    """TAB6574: residents by five-year band and sex; the totals are the small world's."""
    total = population(region, year)
    age, sex = codes["Alder"], codes["Kon"]
    if age == "totalt":
        count = total
    else:
        count = total // (20 if age == "-4" else 25 if age == "80-" else 17 + AGE_BANDS.index(age))
    women = count // 2 + 7
    return {"1+2": count, "2": women, "1": count - women}[sex]


def income(region: str, codes: Mapping[str, str], year: str) -> float | int:
    """TAB6679: quartile shares summing to 100, median and mean, persons; by type and sex."""
    content = codes["ContentsCode"]
    sex_offset = {"1+2": 0.0, "1": 1.0, "2": -1.0}[codes["Kon"]]
    earned = codes["InkomstTyp"] != "NeInk"
    if content == "0000089O":
        return population(region, year) * 4 // 5 + (3 if earned else 0)
    if content in ("0000089T", "0000089U"):
        median = 250.0 + _serial(region) % 97 + (int(year) - 2023) * 2.5 + 10 * sex_offset
        median += 100 if earned else 0
        return round(median + (20 if content == "0000089T" else 0), 1)
    tilt = (_serial(region) % 7) - 3 + 0.5 * (int(year) - 2023) + sex_offset
    signed = {"0000089P": tilt, "0000089S": -tilt}.get(content, 0.0)
    return round(25.0 + (-signed if earned else signed), 1)


def economic_standard(region: str, codes: Mapping[str, str], year: str) -> float | int:
    """TAB6685: low and high economic standard (per cent) and persons, by age group."""
    all_ages = codes["Alder"] == "tot"
    content = codes["ContentsCode"]
    if content == "000008AE":
        people = population(region, year)
        return people if all_ages else people // 3
    if content == "000008AC":
        return round(low_standard(region, year) + (0 if all_ages else 2.0), 1)
    return round(10.0 + _serial(region) % 5 + (0 if all_ages else 3.0), 1)


def cars(region: str, codes: Mapping[str, str], year: str) -> int:
    """TAB6589: passenger cars in use, deregistered and in total."""
    in_use = population(region, year) // 2
    off_road = population(region, year) // 10
    return {"ITRAF": in_use, "AVST": off_road, "TOT": in_use + off_road}[codes["Bestand"]]


def seed_shipped_small_area_tables(scb: FakeScb) -> None:
    """The population, income, economic-standard and car tables in their real structure."""
    sexes = FakeVariable("Kon", "kön", ["1", "2", "1+2"],
                         value_labels={"1": "män", "2": "kvinnor", "1+2": "totalt"})  # fmt: skip
    scb.add_table(
        _structured(
            "TAB6574", "Folkmängden per region efter ålder och kön",
            [FakeVariable("Alder", "ålder", ["totalt", *AGE_BANDS]), sexes],
            {"000007Y7": ("Folkmängd", "antal", 0)}, population_by_age_and_sex, new_from=2025,
        )
    )  # fmt: skip
    scb.add_table(
        _structured(
            "TAB6679", "Inkomster för personer 20 år och äldre efter region, inkomsttyp och kön",
            [FakeVariable("InkomstTyp", "inkomsttyp", ["NeInk", "SamInk"],
                          value_labels={"NeInk": "nettoinkomst",
                                        "SamInk": "sammanräknad förvärvsinkomst"}), sexes],
            INCOME_MEASURES, income, new_from=2024,
        )
    )  # fmt: skip
    scb.add_table(
        _structured(
            "TAB6685", "Låg respektive hög ekonomisk standard efter region och ålder",
            [FakeVariable("Alder", "ålder", ["tot", "0-19", "20-64", "65+"])],
            STANDARD_MEASURES, economic_standard, new_from=2024,
        )
    )  # fmt: skip
    scb.add_table(
        _structured(
            "TAB6589", "Personbilar efter region och status",
            [FakeVariable("Bestand", "status", ["ITRAF", "AVST", "TOT"],
                          value_labels={"ITRAF": "i trafik", "AVST": "avställda",
                                        "TOT": "totalt"})],
            {"000007ZL": ("Antal personbilar", "antal", 0)}, cars,
            new_from=2024, years=["2024", "2025"], only_new=True,
        )
    )  # fmt: skip
