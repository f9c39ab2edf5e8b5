"""Health, readiness and the operator's refresh, through the app's HTTP routes."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pydantic import SecretStr
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from levande.dashboard.app import create_app
from levande.dashboard.components.runs import history_table
from levande.dashboard.data_status.data import load_freshness
from levande.dashboard.data_status.render import indicators_table
from levande.dashboard.operator.auth import COOKIE, OperatorSession, operator_session
from levande.dashboard.operator.data import load_history
from levande.etl.pipeline import run_refresh
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.schema import EtlRun, SourceState
from testkit.fakes.server import Fault
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration

TOKEN = "op-" + "7f3a9c" * 6


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def _client(world: World, token: str | None = TOKEN) -> FlaskClient:
    secret = SecretStr(token) if token is not None else None
    settings = world.settings.model_copy(update={"admin_token": secret})
    client: FlaskClient = create_app(settings, world.engine).server.test_client()
    return client


def _runs(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(EtlRun)) or 0)


def test_health_and_readiness(world: World, tmp_path: Path) -> None:
    client = _client(world)
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.json is not None
    assert ready.status_code == 200 and ready.json["status"] == "ready"
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    unready = create_app(world.settings, empty).server.test_client().get("/readyz")
    assert unready.status_code == 503
    assert unready.json["reason"] == "schema not current"
    upgrade_schema(empty)  # the schema, but no catalogue synced into it
    unsynced = create_app(world.settings, empty).server.test_client().get("/readyz")
    assert unsynced.status_code == 503
    assert unsynced.json["reason"] == "catalogue not synced"


def test_operator_actions_are_off_without_a_token(world: World) -> None:
    client = _client(world, token=None)
    before = _runs(world.engine)
    assert client.post("/operator/login", data={"token": ""}).status_code == 403
    assert client.post("/operator/refresh", data={"target": "source:kolada"}).status_code == 403
    assert _runs(world.engine) == before


def _sign_in(client: FlaskClient) -> str:
    response = client.post("/operator/login", data={"token": TOKEN, "lang": "en"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/data/operator?lang=en")
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert "SameSite=Strict" in response.headers["Set-Cookie"]
    return cookie.value


@pytest.mark.parametrize(
    ("setup", "status"),
    [
        ("no-session", 401),
        ("forged-cookie", 401),
        ("non-ascii-cookie", 401),
        ("non-ascii-csrf", 403),
        ("expired-cookie", 401),
        ("missing-csrf", 403),
        ("wrong-csrf", 403),
        ("wrong-bearer", 401),
        ("unknown-target", 400),
    ],
)
def test_refused_requests_start_nothing(
    world: World, setup: str, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = _client(world)
    app = client.application
    before = _runs(world.engine)
    data = {"target": "indicator:trangboddhet"}
    headers = {}
    if setup in ("missing-csrf", "wrong-csrf", "unknown-target", "non-ascii-csrf"):
        cookie = _sign_in(client)
        with app.app_context():
            session = operator_session(app.config["LEVANDE_CONTEXT"], cookie)
        assert session is not None
        if setup == "wrong-csrf":
            data["csrf"] = "0" * 64
        if setup == "non-ascii-csrf":
            data["csrf"] = "é" * 64
        if setup == "unknown-target":
            data = {"target": "source:everything", "csrf": session.csrf}
    elif setup == "non-ascii-cookie":
        client.set_cookie(COOKIE, "1.é")
    elif setup == "forged-cookie":
        client.set_cookie(COOKIE, f"{int(time.time())}.{'a' * 64}")
    elif setup == "expired-cookie":
        from levande.dashboard.operator.auth import session_value

        issued = time.time() - 9 * 3600
        with app.app_context(), pytest.MonkeyPatch.context() as clock:
            clock.setattr(time, "time", lambda: issued)  # signed nine hours ago
            old = session_value(app.config["LEVANDE_CONTEXT"])
        client.set_cookie(COOKIE, old)
    elif setup == "wrong-bearer":
        headers["Authorization"] = "Bearer not-the-token"
    response = client.post("/operator/refresh", data=data, headers=headers)
    assert response.status_code == status
    assert response.get_data(as_text=True) == "refused\n"  # says nothing of why
    time.sleep(0.5)
    assert _runs(world.engine) == before
    assert TOKEN not in caplog.text


def test_wrong_token_is_refused_without_a_session(world: World) -> None:
    client = _client(world)
    response = client.post("/operator/login", data={"token": TOKEN + "x"})
    assert response.status_code == 303
    assert "refused=1" in response.headers["Location"]
    assert client.get_cookie(COOKIE) is None


def _wait_for_operator_run(engine: Engine, trigger: str = "operator") -> EtlRun:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        with Session(engine) as session:
            run = session.scalars(
                select(EtlRun).where(EtlRun.trigger == trigger).order_by(EtlRun.id.desc())
            ).first()
        if run is not None and run.outcome != "running":
            return run
        time.sleep(0.3)
    raise AssertionError("the operator's refresh did not finish")


def _signed_in(client: FlaskClient) -> tuple[str, OperatorSession]:
    cookie = _sign_in(client)
    app = client.application
    with app.app_context():
        session = operator_session(app.config["LEVANDE_CONTEXT"], cookie)
    assert session is not None
    return cookie, session


def test_signed_in_operator_starts_a_refresh(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = _client(world)
    cookie, session = _signed_in(client)
    app = client.application
    response = client.post(
        "/operator/refresh",
        data={"target": "indicator:trangboddhet", "csrf": session.csrf, "lang": "en"},
    )
    assert response.status_code == 303
    assert "started=indicator:trangboddhet" in response.headers["Location"]
    run = _wait_for_operator_run(world.engine)
    assert (run.job, run.outcome) == ("indicators", "success")
    assert TOKEN not in caplog.text
    # The history on the operations page shows it, for this session only.
    with app.test_request_context("/data/operator", headers={"Cookie": f"{COOKIE}={cookie}"}):
        table, running = history_table(load_history(app.config["LEVANDE_CONTEXT"]), "en")
    assert not running
    assert f"#{run.id} selected indicators" in str(table)


def test_bearer_token_for_scripts(world: World) -> None:
    client = _client(world)
    response = client.post(
        "/operator/refresh",
        data={"target": "source:scb"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 303
    run = _wait_for_operator_run(world.engine)
    assert run.job == "scb"


def test_data_status_flags_newer_data_at_the_source(world: World) -> None:
    # The fake SCB publishes a new edition; a refresh sees it but fails to fetch it.
    world.scb.bump_updated("TAB638")
    world.scb.add_fault(Fault.server_error(500), path_contains="/data", times=10)
    summary = run_refresh(world.engine, world.catalogue, world.settings, sources=["scb"])
    assert summary.outcome == "failed"
    with Session(world.engine) as session:
        state = session.get(SourceState, "folkmangd")
        assert state is not None and state.source_seen_updated is not None
    app = create_app(world.settings, world.engine)
    freshness = load_freshness(app.server.config["LEVANDE_CONTEXT"], "en", datetime.now(UTC))
    assert freshness is not None
    table = indicators_table(freshness, "en", only_stale=True)
    text = str(table)
    assert "folkmangd" in text
    assert "the source has newer data" in text
    assert "trangboddhet" not in text  # fresh, so not in the stale-only view


def test_download_addresses_do_not_echo_markup(world: World) -> None:
    client = _client(world)
    for url in ("/ladda-ner/%3Cscript%3Ealert(1).csv", "/ladda-ner/profil/%3Cscript%3E.csv"):
        response = client.get(url)
        assert response.status_code == 404
        body = response.get_data(as_text=True)
        assert "<script>" not in body and "&lt;script&gt;" in body


def test_run_now_starts_a_scheduled_job_as_the_schedule_would(world: World) -> None:
    from levande.indicators.reads.ops import schedule_overview
    from testkit.dash_routes import route

    client = _client(world)
    _, session = _signed_in(client)
    # The operations page offers "run now" for each job of the schedule.
    status, body = route(client, "/data/operator", "?lang=en")
    assert status == 200
    page = str(body)
    assert "job:kolada-nightly" in page and "job:scb-daily" in page and "Run now" in page
    refused = client.post("/operator/refresh", data={"target": "job:hourly", "csrf": session.csrf})
    assert refused.status_code == 400
    response = client.post(
        "/operator/refresh", data={"target": "job:scb-daily", "csrf": session.csrf}
    )
    assert response.status_code == 303
    run = _wait_for_operator_run(world.engine, "operator:scb-daily")
    assert (run.job, run.outcome) == ("scb", "success")
    jobs = {e["job"].id: e for e in schedule_overview(world.engine, world.catalogue.schedule,
                                                      datetime.now(UTC))}  # fmt: skip
    assert jobs["scb-daily"]["last_run_id"] == run.id
    assert jobs["kolada-nightly"]["last_run_id"] is None


def test_a_flagged_value_is_noted_in_public_listed_for_operators_and_accepted(
    world: World,
) -> None:
    from levande.indicators.reads.flags import value_flags
    from testkit.dash_routes import route
    from testkit.seeded import refresh
    from testkit.world import YEARS

    latest = max(YEARS)
    world.kolada.set_value("N07907", "0180", latest, 134.5)
    assert refresh(world, sources=["kolada"]).outcome == "success"
    client = _client(world)
    # The public table notes the value beside it, and says it does not count.
    status, body = route(client, "/indikator/trangboddhet", f"?tab=table&year={latest}")
    assert status == 200
    table = str(body)
    assert "värdet granskas: det ser inte rimligt ut och räknas inte i statusen" in table
    assert table.count("värdet granskas") == 1
    _, profile = route(client, "/kommun/0180", "?lang=en")
    assert str(profile).count("under review: the value does not look plausible") == 1
    _, other = route(client, "/kommun/0114", "?lang=en")
    assert "under review" not in str(other)
    # The public run history says what the run found.
    _, data_page = route(client, "/data", "?lang=en")
    assert "implausible values in Overcrowding" in str(data_page)
    # The console lists it with its source row and a form to accept it.
    assert client.post("/operator/accept", data={"flag": "1", "by": "x"}).status_code == 401
    _, session = _signed_in(client)
    _, console = route(client, "/data/operator", "?lang=en")
    text = str(console)
    assert "Values that do not look plausible" in text
    assert "134.5" in text and "above 100 (the highest plausible)" in text and "N07907" in text
    assert "'Stockholm'" in text
    (flag,) = value_flags(world.engine)
    form = {"flag": str(flag["id"]), "csrf": session.csrf, "lang": "en"}
    assert client.post("/operator/accept", data={**form, "by": "  "}).status_code == 400
    assert (
        client.post("/operator/accept", data={**form, "flag": "999", "by": "A"}).status_code == 400
    )
    response = client.post("/operator/accept", data={**form, "by": "Anna Berg"})
    assert response.status_code == 303 and "accepted=1" in response.headers["Location"]
    deadline = time.monotonic() + 60
    while value_flags(world.engine) and time.monotonic() < deadline:
        time.sleep(0.3)
    (decided,) = value_flags(world.engine, only_open=False)
    assert decided["accepted_by"] == "Anna Berg" and decided["accepted_at"] is not None
    # The console shows the decision, who and when.
    _, console = route(client, "/data/operator", "?lang=en")
    assert "accepted by Anna Berg" in str(console) and "No values are flagged." in str(console)


def test_an_operator_starts_a_dry_run_that_reports_and_stores_nothing(world: World) -> None:
    from levande.indicators.store.schema import Observation
    from testkit.dash_routes import route
    from testkit.world import YEARS

    def stored() -> list[tuple[object, ...]]:
        with world.engine.connect() as conn:
            rows = conn.execute(select(Observation.__table__)).all()
        return sorted((tuple(r) for r in rows), key=repr)

    latest = max(YEARS)
    world.kolada.set_value("N07907", "0180", latest, 134.5)
    before = stored()
    client = _client(world)
    _, session = _signed_in(client)
    _, console = route(client, "/data/operator", "?lang=en")
    assert "Dry run (stores nothing)" in str(console)
    form = {"target": "source:regions", "csrf": session.csrf, "lang": "en", "mode": "dry-run"}
    refused = client.post("/operator/refresh", data=form)
    assert refused.status_code == 303 and "no_dry_run=1" in refused.headers["Location"]
    _, console = route(client, "/data/operator", "?lang=en&no_dry_run=1")
    assert "A dry run covers indicators: choose SCB, Kolada or an indicator." in str(console)
    response = client.post("/operator/refresh", data={**form, "target": "indicator:trangboddhet"})
    assert response.status_code == 303
    assert "started=indicator:trangboddhet&dry_run=1" in response.headers["Location"]
    run = _wait_for_operator_run(world.engine)
    assert run.dry_run and run.outcome == "success"
    assert stored() == before
    # The run's page says what would change and which value would be flagged.
    _, page = route(client, f"/data/korning/{run.id}", "?lang=en")
    text = str(page)
    assert f"Dry run {run.id}" in text and "Dry run: nothing was stored" in text
    assert "above 100 (the highest plausible)" in text and "134.5" in text
    _, history = route(client, "/data", "?lang=en")
    assert f"#{run.id} selected indicators (dry run)" in str(history)
