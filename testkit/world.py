"""A small Sweden for tests: riket, two counties, three municipalities, served by the fakes.

The fakes speak the real SCB PxWebApi 2.0 and Kolada v3 formats over loopback; this module
fills them with the data the sample catalogue (testkit/sample_catalogue.py) asks for, and writes
tiny boundary files. Values are chosen so that every expected row can be written by hand.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from testkit.fakes.kolada import FakeKolada, FakeKpi, FakePoint
from testkit.fakes.scb import FakeScb, FakeTable, FakeVariable

MUNICIPALITIES = {"0114": "Upplands Väsby", "0180": "Stockholm", "0380": "Uppsala"}
COUNTIES = {"01": "Region Stockholm", "03": "Region Uppsala"}
YEARS = [2018, 2019, 2020]


def _kommun_value(code: str, year: int) -> float:
    return {"0114": 60.0, "0180": 70.0, "0380": 65.0}[code] + (year - 2018) * 0.5


def seed_kolada(kolada: FakeKolada) -> None:
    """Regions, groups, three KPIs and their values."""
    kolada.add_municipality("0000", "Riket", "L")
    for code, title in COUNTIES.items():
        kolada.add_municipality(f"00{code}", title, "L")
    for code, title in MUNICIPALITIES.items():
        kolada.add_municipality(code, title, "K")
    kolada.add_group("G2328", "Alla kommuner (ovägt medel)", list(MUNICIPALITIES))
    kolada.add_group("G33612", "Stockholms läns kommuner (ovägt medel)", ["0114", "0180"])
    kolada.add_group("G33613", "Uppsala läns kommuner (ovägt medel)", ["0380"])
    kolada.add_group("G92787", "Storstäder (ovägt medel)", ["0180"])
    kolada.add_group("G92790", "Större stad (ovägt medel)", ["0380"])
    kolada.add_group("G1", "Ett nätverk (ovägt medel)", ["0114", "0380"])

    kolada.add_kpi(FakeKpi("N00310", "Livskvalitet - Kommunindex", municipality_type="K"))
    kolada.add_kpi(
        FakeKpi(
            "U01405",
            "Invånare med bra självskattat hälsotillstånd, andel (%)",
            is_divided_by_gender=True,
            municipality_type="A",
        )
    )
    kolada.add_kpi(FakeKpi("N07907", "Trångboddhet, andel (%)", municipality_type="A"))
    points: list[FakePoint] = []
    base: float
    for year in YEARS:
        # N00310: municipalities and the groups (county and all-municipality means).
        for code in MUNICIPALITIES:
            points.append(FakePoint("N00310", code, year, "T", _kommun_value(code, year)))
        points.append(FakePoint("N00310", "G33612", year, "T", 65.0 + (year - 2018) * 0.5))
        points.append(FakePoint("N00310", "G33613", year, "T", 65.0 + (year - 2018) * 0.5))
        points.append(FakePoint("N00310", "G2328", year, "T", 65.0 + (year - 2018) * 0.5))
        # U01405: every level, by gender; one suppressed value.
        for unit, base in {"0000": 70, "0001": 72, "0003": 69, "0114": 68, "0180": 73}.items():
            for gender, delta in {"T": 0.0, "K": -1.0, "M": 1.0}.items():
                points.append(FakePoint("U01405", unit, year, gender, base + delta + year - 2018))
        points.append(FakePoint("U01405", "0380", year, "T", None, status="Saknas"))
        # N07907: municipalities and riket.
        for unit, base in {"0000": 12.5, "0114": 10.1, "0180": 15.25, "0380": 11.0}.items():
            points.append(FakePoint("N07907", unit, year, "T", base - (year - 2018) * 0.25))
    kolada.load(points)


def population_table() -> FakeTable:
    """TAB638-like table: Region × Kon × ContentsCode × Tid, one missing cell with ``..``."""
    regions = ["00", "01", "03", *MUNICIPALITIES]
    table = FakeTable(
        id="TAB638",
        label="Folkmängden efter region, kön och år",
        legacy_id="BefolkningNy",
        updated=datetime(2026, 2, 20, 7, 0, tzinfo=UTC),
        variables=[
            FakeVariable(
                "Region",
                "region",
                regions,
                value_labels={"00": "Riket", "01": "Stockholms län", "03": "Uppsala län"}
                | MUNICIPALITIES,
            ),
            FakeVariable(
                "Kon",
                "kön",
                ["1", "2", "1+2"],
                value_labels={"1": "män", "2": "kvinnor", "1+2": "totalt"},
                elimination=True,
                elimination_value_code="1+2",
            ),
            FakeVariable(
                "ContentsCode",
                "tabellinnehåll",
                ["BE0101N1"],
                contents=True,
                value_labels={"BE0101N1": "Folkmängd"},
                units={"BE0101N1": ("antal", 0)},
            ),
            FakeVariable("Tid", "år", [str(y) for y in YEARS], time=True),
        ],
        paths=[[("BE", "Befolkning"), ("BE0101", "Befolkningsstatistik")]],
    )
    base = {"00": 10_000_000, "01": 2_400_000, "03": 400_000, "0114": 48_000,
            "0180": 980_000, "0380": 240_000}  # fmt: skip
    for region in regions:
        for year in YEARS:
            men = base[region] // 2 + (year - 2018) * 100
            women = base[region] - base[region] // 2 + (year - 2018) * 120
            table.cells[(region, "1", "BE0101N1", str(year))] = men
            table.cells[(region, "2", "BE0101N1", str(year))] = women
            # Totals come from the table, noise and all: never the sum of the parts.
            table.cells[(region, "1+2", "BE0101N1", str(year))] = men + women + 3
    table.cells[("0114", "2", "BE0101N1", "2020")] = None
    table.status[("0114", "2", "BE0101N1", "2020")] = ".."
    return table


def seed_scb(scb: FakeScb) -> None:
    """The population table."""
    scb.add_table(population_table())


def _square(x: float, y: float) -> dict[str, object]:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_boundaries(folder: Path) -> tuple[str, str]:
    """Municipality and county GeoJSON files in the public files' field names; file:// URLs."""
    folder.mkdir(parents=True, exist_ok=True)
    kommuner = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"kommun_kod": code, "kommun": name},
             "geometry": _square(i, 0)}
            for i, (code, name) in enumerate(MUNICIPALITIES.items())
        ],
    }  # fmt: skip
    lan = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"l_id": int(code), "name": name},
             "geometry": _square(i, 2)}
            for i, (code, name) in enumerate(COUNTIES.items())
        ],
    }  # fmt: skip
    kommun_path = folder / "kommuner.geojson"
    lan_path = folder / "lan.geojson"
    kommun_path.write_text(json.dumps(kommuner), encoding="utf-8")
    lan_path.write_text(json.dumps(lan), encoding="utf-8")
    return kommun_path.as_uri(), lan_path.as_uri()


TODAY = date(2026, 3, 1)
