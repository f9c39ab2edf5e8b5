"""Whole page renders are served again from the cache until the data changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.store.schema import Observation
from levande.indicators.store.writes import bump_data_version
from testkit.dash_routes import route_body
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def _change_behind_the_cache(engine: Engine) -> None:
    """Change a stored value without a new data version, as no load ever does."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == "trangboddhet", Observation.region_code == "0180",
                   Observation.period == "2019")
            .values(value=77.5)
        )  # fmt: skip


@pytest.mark.parametrize("mode", ["memory", "off"])
def test_a_page_is_rendered_once_per_data_version(world: World, mode: str) -> None:
    settings = world.settings.model_copy(update={"cache": mode})
    app = create_app(settings, world.engine)
    client = app.server.test_client()
    client.get("/")
    body = route_body("/indikator/trangboddhet", "?tab=table&year=2019")
    first = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    # Change a stored value behind the cache's back: a cached page does not see it...
    _change_behind_the_cache(world.engine)
    second = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert (second == first) is (mode == "memory")
    # ...until the data version moves, as every load does.
    with Session(world.engine) as session, session.begin():
        bump_data_version(session)
    context_of(app.server).reader.cache.clear()
    context_of(app.server).page_cache.clear()
    third = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert "77,5" in third and "77,5" not in first


def test_workers_share_what_another_rendered(world: World, tmp_path: Path) -> None:
    """Two apps as two gunicorn workers of one machine: the second serves the first's page."""
    settings = world.settings.model_copy(update={"cache": "memory", "page_cache_dir": tmp_path})
    body = route_body("/indikator/trangboddhet", "?tab=table&year=2019")
    first_worker = create_app(settings, world.engine).server.test_client()
    first_worker.get("/")
    first = first_worker.post("/_dash-update-component", json=body).get_data(as_text=True)
    _change_behind_the_cache(world.engine)
    second_worker = create_app(settings, world.engine).server.test_client()
    second_worker.get("/")
    second = second_worker.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert second == first and "77,5" not in second  # not rendered again: the shared answer
    other = settings.model_copy(update={"public_url": "https://stad.example.se"})
    third_worker = create_app(other, world.engine).server.test_client()
    third_worker.get("/")
    third = third_worker.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert "77,5" in third  # other settings: its own pages, rendered afresh


def test_operator_page_is_never_cached(world: World) -> None:
    app = create_app(world.settings, world.engine)
    client = app.server.test_client()
    client.get("/")
    client.post("/_dash-update-component", json=route_body("/data/operator"))
    found, _ = context_of(app.server).page_cache.lookup(("page", "x"))
    assert not found
    keys = list(context_of(app.server).page_cache._entries)
    assert all(isinstance(k, tuple) and k[0] == "page" for k in keys)
    assert len(keys) == 0


def test_the_data_pages_show_a_failed_refresh_at_once(world: World) -> None:
    """A failed refresh writes no data, so the data version stays; the run log still moves."""
    from levande.indicators.store.runlog import RunLog

    app = create_app(world.settings.model_copy(update={"cache": "memory"}), world.engine)
    client = app.server.test_client()
    client.get("/")
    before = render(client, "/data", "")
    runlog = RunLog(world.engine, "kolada", trigger="cli")
    runlog.finish("failed", error="x")
    after = render(client, "/data", "")
    assert f"#{runlog.run_id} " in after.decode() and f"#{runlog.run_id} " not in before.decode()
    assert render(client, f"/data/korning/{runlog.run_id}", "").count(b"misslyckad") >= 1


URLS = [
    ("/", ""),
    ("/omrade/FA06", "?lang=en"),
    ("/indikator/trangboddhet", "?tab=map&year=2019"),
    ("/indikator/sjalvskattad-halsa", "?tab=table&sort=-value"),
    ("/indikator/folkmangd", "?kommun=0114&gender=1"),
]


def render(client: FlaskClient, path: str, search: str) -> bytes:
    return client.post("/_dash-update-component", json=route_body(path, search)).get_data()


def test_cached_pages_are_identical_to_fresh_renders(world: World) -> None:
    fresh = create_app(world.settings.model_copy(update={"cache": "off"}), world.engine)
    fresh_client = fresh.server.test_client()
    fresh_client.get("/")
    expected = [
        fresh_client.post("/_dash-update-component", json=route_body(p, s)).get_data()
        for p, s in URLS
    ]
    cached = create_app(world.settings.model_copy(update={"cache": "memory"}), world.engine)
    client = cached.server.test_client()
    client.get("/")
    for _ in range(2):  # the first round renders and stores, the second is served from cache
        got = [
            client.post("/_dash-update-component", json=route_body(p, s)).get_data()
            for p, s in URLS
        ]
        assert got == expected


def test_answers_are_compressed_for_clients_that_accept_gzip(world: World) -> None:
    import gzip

    app = create_app(world.settings, world.engine)
    client = app.server.test_client()
    client.get("/")
    body = route_body("/indikator/trangboddhet", "?tab=table")
    plain = client.post("/_dash-update-component", json=body).get_data()
    zipped = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain  # the cached page, compressed on the way
    assert len(zipped.get_data()) < len(plain) / 3


def test_the_data_page_is_kept_until_the_run_log_or_the_minute_moves(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import delete

    from levande.dashboard import response_cache

    minute = [datetime(2026, 3, 1, 7, 0, 5, tzinfo=UTC)]
    monkeypatch.setattr(response_cache, "now_utc", lambda: minute[0])
    cached = create_app(world.settings.model_copy(update={"cache": "memory"}), world.engine)
    client = cached.server.test_client()
    client.get("/")
    first = render(client, "/data", "")
    with Session(world.engine) as session, session.begin():  # behind the cache's back
        session.execute(delete(Observation).where(Observation.indicator_id == "trangboddhet"))
    fresh = create_app(world.settings.model_copy(update={"cache": "off"}), world.engine)
    fresh_client = fresh.server.test_client()
    fresh_client.get("/")
    assert render(fresh_client, "/data", "") != first  # the page shows what was changed...
    assert render(client, "/data", "") == first  # ...yet within the minute it is kept
    minute[0] += timedelta(minutes=1)
    assert render(client, "/data", "") != first  # the next minute renders it again
