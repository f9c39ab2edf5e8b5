"""The read cache: per process, off, or shared through Redis; invalidated by the data version."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from levande.indicators.reads import cache as read_cache
from levande.indicators.reads import rollups
from levande.indicators.reads.cache import VersionedCache
from levande.indicators.reads.codec import shareable
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


@shareable
@dataclass(frozen=True)
class Summary:
    """A frozen dataclass as the reads cache them."""

    indicator_id: str
    latest_value: float | None
    points: tuple[tuple[str, float | None], ...]


def test_redis_gives_frames_and_dataclasses_back_exactly(engine: Engine) -> None:
    _redis_or_skip()
    _bump(engine)
    frame = pd.DataFrame(
        {
            "region_code": ["0114", "0180", "0380"],
            "value": [14.75, float("nan"), 0.1 + 0.2],
            "n": [3, 0, 7],
            "status": pd.Series(["target_achieved", None, float("nan")], dtype=object),
            "rank": pd.array([1, None, 2], dtype="Int64"),
        }
    )
    summary = Summary("trangboddhet", None, (("2019", 15.25), ("2020", None)))
    key = ("shared", uuid.uuid4().hex)
    first = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    second = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    first.get(key, lambda: (frame, summary))
    got_frame, got_summary = second.get(key, lambda: pytest.fail("should come from Redis"))
    pd.testing.assert_frame_equal(got_frame, frame, check_exact=True)
    assert got_frame["status"].tolist()[1] is None and math.isnan(got_frame["status"].tolist()[2])
    assert got_summary == summary and type(got_summary) is Summary


def test_a_pickle_planted_in_redis_is_never_loaded(engine: Engine, tmp_path: Path) -> None:
    import pickle

    import redis

    _redis_or_skip()
    _bump(engine)
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[()]]:
            return (marker.touch, ())

    key = ("planted", uuid.uuid4().hex)
    writer = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    writer.get(key, lambda: "honest")
    client = redis.Redis.from_url(REDIS_URL)
    version = writer.version()
    planted = [k for k in client.scan_iter(f"levande:read:*:{version}:*")]
    assert planted, "the entry is shared under the read namespace and the data version"
    for name in planted:
        client.set(name, pickle.dumps(Exploit()))
    reader = VersionedCache(engine, check_seconds=0, redis_url=REDIS_URL)
    assert reader.get(key, lambda: "computed afresh") == "computed afresh"
    assert not marker.exists()


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
