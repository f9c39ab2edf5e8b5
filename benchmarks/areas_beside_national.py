"""Small-area data beside the national data: a copy of a national database with both loaded.

Goal 4 of Performance II asks that the national pages keep their figures (±10 %) when the
small-area statistics (five to ten times more rows) share their database. This takes an
already loaded national database (the SQLite copy ``benchmarks.view_ratio --save-sqlite``
keeps), copies it, and loads into the copy every small-area indicator of the shipped catalogue
for 290 municipalities and about 6,000 DeSO and 3,000 RegSO per vintage, through the
production ETL from the fake SCB (as ``benchmarks.small_area_load`` does). Then
``benchmarks.view_ratio --database-url`` times the national views on the original and on the
copy, alternately::

    python -m benchmarks.areas_beside_national --from national-10.db --to national-10-areas.db
    python -m benchmarks.view_ratio --database-url sqlite:///national-10.db
    python -m benchmarks.view_ratio --database-url sqlite:///national-10-areas.db

The region list of the fakes is the national benchmark's (``testkit.national``), so the
small areas belong to the municipalities already loaded.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.etl_load import _cpu, machine
from levande.etl.pipeline import run_refresh
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine
from levande.indicators.store.schema import AreaObservation, Observation
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.national import seed_regions
from testkit.national_small_areas import seed_national_small_areas

CONFIG = Path(__file__).resolve().parents[1] / "config"


def main(argv: list[str] | None = None) -> None:
    """Copy the database, load the small-area data into the copy, print the row counts."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.areas_beside_national")
    parser.add_argument("--from", dest="source", required=True, help="a loaded national SQLite")
    parser.add_argument("--to", dest="target", required=True, help="the copy to add areas to")
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    print("command: python -m benchmarks.areas_beside_national " + " ".join(sys.argv[1:]))
    print(f"machine: {machine()}")
    shutil.copyfile(args.source, args.target)
    url = f"sqlite:///{Path(args.target).resolve()}"
    engine = make_engine(url)
    catalogue = load_catalogue(CONFIG)
    ids = [i.id for i in catalogue.small_areas.indicators]
    years = list(range(2026 - args.years, 2026))
    with FakeScb() as scb, FakeKolada() as kolada:
        kommuner = list(seed_regions(kolada))
        cells = seed_national_small_areas(catalogue, scb, kommuner, years)
        settings = Settings(
            database_url=url, scb_api_url=scb.url, kolada_api_url=kolada.url,
            kolada_calls_per_second=1000, first_year=years[0], cache="off", config_dir=CONFIG,
        )  # fmt: skip
        wall, cpu = time.perf_counter(), _cpu()
        summary = run_refresh(engine, catalogue, settings, indicator_ids=ids, full=True)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    with Session(engine) as session:
        areas = session.scalar(select(func.count()).select_from(AreaObservation)) or 0
        national = session.scalar(select(func.count()).select_from(Observation)) or 0
    engine.dispose()
    print(
        f"{cells} published cells; {summary.outcome}: {areas:,} area rows beside {national:,} "
        f"national observations, {wall:.1f} s wall, {cpu:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
