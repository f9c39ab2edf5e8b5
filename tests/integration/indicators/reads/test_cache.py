"""The read cache: per process, off, or shared through Redis; invalidated by the data version."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from levande.indicators.reads import cache as read_cache
from levande.indicators.reads import rollups
from levande.indicators.reads.cache import VersionedCache
from levande.indicators.store.schema import Meta, Observation
from levande.indicators.store.writes import bump_data_version
from tests.browser.seeded import World

pytestmark = pytest.mark.integration

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_or_skip() -> None:
    import os

    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI: {exc}")
        pytest.skip(f"Redis unreachable: {exc}")


def _bump(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        bump_data_version(session)


def test_memory_cache_computes_once_per_data_version(engine: Engine) -> None:
    cache = VersionedCache(engine, check_seconds=0)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    _bump(engine)
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2


def test_cache_off_always_computes(engine: Engine) -> None:
    cache = VersionedCache(engine, enabled=False)
    calls: list[int] = []
    for _ in range(3):
        cache.get("k", lambda: calls.append(1))
    assert len(calls) == 3


def test_redis_is_shared_between_processes(engine: Engine) -> None:
    _redis_or_skip()
    _bump(engine)  # a fresh version: keys of other test runs do not apply
    key = ("shared", uuid.uuid4().hex)
    first = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    second = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    assert first.get(key, lambda: {"value": 1.25}) == {"value": 1.25}
    assert second.get(key, lambda: pytest.fail("should come from Redis")) == {"value": 1.25}
    _bump(engine)
    assert second.get(key, lambda: {"value": 2.5}) == {"value": 2.5}


def test_redis_down_falls_back_to_computing(engine: Engine) -> None:
    cache = VersionedCache(engine, check_seconds=0, redis_url="redis://127.0.0.1:9/0")
    assert cache.get("k", lambda: 7) == 7


def test_cached_frames_are_copies(engine: Engine, sample_config: object, tmp_path: object) -> None:
    from pathlib import Path

    from levande.indicators.reads import series as obs
    from tests.browser.seeded import loaded_world

    assert isinstance(sample_config, Path) and isinstance(tmp_path, Path)
    with loaded_world(engine, sample_config, tmp_path):
        first = obs.ranking(engine, "trangboddhet", "2019", "T", "kommun")
        first["value"] = 0.0  # a caller changing its frame
        again = obs.ranking(engine, "trangboddhet", "2019", "T", "kommun")
    assert 0.0 not in set(again["value"])
    assert again["value"].tolist() == sorted(again["value"].tolist())  # lower is better first


def test_cache_follows_the_data_version(world: World) -> None:
    engine = world.engine
    before = rollups.focus_area_summaries(engine, "FA06")
    assert rollups.focus_area_summaries(engine, "FA06") is before  # served from the cache
    cache = read_cache.VersionedCache(engine, check_seconds=0)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    with Session(engine) as session, session.begin():
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == "trangboddhet", Observation.region_code == "00",
                   Observation.period == "2020")
            .values(value=11.5)
        )  # fmt: skip
        session.execute(update(Meta).where(Meta.key == "data_version").values(value="v-test"))
    assert read_cache.data_version(engine) == "v-test"
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2  # new version, recomputed
    read_cache.cache_for(engine).clear()
    after = {s.indicator.id: s for s in rollups.focus_area_summaries(engine, "FA06")}
    assert after["trangboddhet"].latest_value == 11.5
