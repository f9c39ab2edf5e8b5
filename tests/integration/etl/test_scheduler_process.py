"""``levande scheduler`` as a process: SIGTERM ends it cleanly and the run is marked aborted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from levande.indicators.store.database import make_engine
from levande.indicators.store.schema import EtlRun, EtlRunItem
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.fakes.server import Fault
from testkit.world import seed_kolada, seed_scb, write_boundaries

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


def test_sigterm_aborts_the_run_between_steps(
    db_url: str, sample_config: Path, tmp_path: Path
) -> None:
    kommun_url, lan_url = write_boundaries(tmp_path / "geo")
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        kolada.add_fault(Fault.slow(3.0), path_contains="/data/kpi/N00310")
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
        env.update(
            LEVANDE_DATABASE_URL=db_url, LEVANDE_CONFIG_DIR=str(sample_config),
            LEVANDE_SCB_API_URL=scb.url, LEVANDE_KOLADA_API_URL=kolada.url,
            LEVANDE_GEO_MUNICIPALITIES_URL=kommun_url, LEVANDE_GEO_COUNTIES_URL=lan_url,
            LEVANDE_KOLADA_CALLS_PER_SECOND="500", LEVANDE_FIRST_YEAR="2018",
        )  # fmt: skip
        upgrade = subprocess.run(
            [sys.executable, "-m", "levande", "db", "upgrade"],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert upgrade.returncode == 0, upgrade.stderr
        proc = subprocess.Popen(
            [sys.executable, "-m", "levande", "scheduler", "--run-now", "kolada-nightly"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        engine = make_engine(db_url)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with Session(engine) as session:
                        item = session.scalars(
                            select(EtlRunItem).where(
                                EtlRunItem.target == "livskvalitet-kommunindex"
                            )
                        ).first()
                except DBAPIError:  # the schema is not created yet
                    item = None
                if item is not None:
                    break
                time.sleep(0.1)
            assert item is not None, "the scheduled run never reached the slow step"
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=60)
            assert proc.returncode == 0, stderr
            with Session(engine) as session:
                run = session.scalars(select(EtlRun)).one()
                items = {i.target: i.outcome for i in session.scalars(select(EtlRunItem))}
            assert run.outcome == "aborted"
            assert run.trigger == "scheduler:kolada-nightly"
            # The step that was running finished whole; nothing after it started.
            assert items == {"regions": "success", "livskvalitet-kommunindex": "success"}
        finally:
            if proc.poll() is None:
                proc.kill()
            engine.dispose()


def test_overlapping_scheduled_run_is_skipped(db_url: str, sample_config: Path) -> None:
    from levande.cli.runtime import Database, Runtime
    from levande.cli.wiring import scheduled_runner
    from levande.etl.scheduler import Scheduler
    from levande.indicators.core.settings import Settings
    from levande.indicators.store.runlog import acquire_lock

    settings = Settings(database_url=db_url, config_dir=sample_config)
    with Runtime(settings, database=Database.UPGRADE) as runtime:
        scheduler = Scheduler(runtime.catalogue.schedule, scheduled_runner(runtime))
        lock = acquire_lock(runtime.engine)  # another refresh is running (a cron job, an operator)
        try:
            outcome = scheduler.run_job(runtime.catalogue.schedule.jobs[0])
        finally:
            lock.release()
    assert outcome == "skipped"
