"""The read cache: per process, off, or shared through Redis; invalidated by the data version."""

from __future__ import annotations

import contextvars
import math
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Connection, Engine, event, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from levande.indicators.reads import cache as read_cache
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs
from levande.indicators.reads.cache import Reader, VersionedCache, open_cache
from levande.indicators.reads.catalogue import load_catalogue
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import Meta, Observation, Region
from levande.indicators.store.writes import bump_data_version
from testkit.databases import pool_checkouts, sent_statements
from testkit.seeded import World

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

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1
    assert cache.get("k", compute) == 1
    _bump(engine)
    assert cache.get("k", compute) == 2


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


def test_a_folder_shares_entries_between_the_processes_of_one_machine(
    engine: Engine, tmp_path: Path
) -> None:
    _bump(engine)
    first = VersionedCache(engine, check_seconds=0, folder=tmp_path)
    second = VersionedCache(engine, check_seconds=0, folder=tmp_path)
    page = '{"response": {"_pages_content": "<h1>Trångboddhet</h1>"}}'.encode()
    assert first.get(("page", "abc"), lambda: page) == page
    assert second.get(("page", "abc"), lambda: pytest.fail("should come from the folder")) == page
    (old,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert not list(old.glob("*.part"))  # written whole, then renamed into place

    _bump(engine)
    assert second.get(("page", "abc"), lambda: b"new") == b"new"
    assert not old.exists()  # the previous version's folder is gone
    assert first.get(("page", "abc"), lambda: pytest.fail("from the folder")) == b"new"


def test_an_unusable_folder_only_costs_a_render(engine: Engine, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = VersionedCache(engine, check_seconds=0, folder=blocked / "pages")
    assert cache.get("k", lambda: 7) == 7
    other = VersionedCache(engine, check_seconds=0, folder=blocked / "pages")
    assert other.get("k", lambda: 8) == 8  # nothing was shared, nothing failed


def test_a_planted_file_that_is_not_ours_is_computed_afresh(engine: Engine, tmp_path: Path) -> None:
    _bump(engine)
    writer = VersionedCache(engine, check_seconds=0, folder=tmp_path)
    writer.get("k", lambda: "honest")
    for entry in tmp_path.glob("*/*"):
        entry.write_bytes(b"\x80\x04not json")
    reader = VersionedCache(engine, check_seconds=0, folder=tmp_path)
    assert reader.get("k", lambda: "computed afresh") == "computed afresh"


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
    got_frame: pd.DataFrame
    got_summary: Summary
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


def test_cached_frames_are_copies(world: World) -> None:
    reader = Reader(world.engine, VersionedCache(world.engine))
    first = obs.ranking(reader, "trangboddhet", "2019", "T", "kommun")
    first["value"] = 0.0  # a caller changing its frame
    again = obs.ranking(reader, "trangboddhet", "2019", "T", "kommun")
    assert 0.0 not in set(again["value"])
    assert again["value"].tolist() == sorted(again["value"].tolist())  # lower is better first


def test_cache_follows_the_data_version(world: World) -> None:
    engine = world.engine
    reader = Reader(engine, VersionedCache(engine, check_seconds=0))
    before = rollups.focus_area_summaries(reader, "FA06")
    assert rollups.focus_area_summaries(reader, "FA06") is before  # served from the cache
    with Session(engine) as session, session.begin():
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == "trangboddhet", Observation.region_code == "00",
                   Observation.period == "2020")
            .values(value=11.5)
        )  # fmt: skip
    # Behind the cache's back: the version has not moved, so the cached answer stands...
    assert rollups.focus_area_summaries(reader, "FA06") is before
    with Session(engine) as session, session.begin():
        session.execute(update(Meta).where(Meta.key == "data_version").values(value="v-test"))
    # ...until it does, as every load makes it.
    assert read_cache.data_version(engine) == "v-test"
    after = {s.indicator.id: s for s in rollups.focus_area_summaries(reader, "FA06")}
    assert after["trangboddhet"].latest_value == 11.5


def test_each_reader_has_its_own_cache(world: World) -> None:
    first = Reader.open(world.engine)
    second = Reader.open(world.engine)
    assert load_catalogue(first) is load_catalogue(first)
    assert load_catalogue(second) is not load_catalogue(first)  # equal, not shared
    assert load_catalogue(second) == load_catalogue(first)
    assert dims.focus_areas(second) == dims.focus_areas(first)
    uncached = Reader(world.engine)
    assert not uncached.cache.enabled
    # Without a read cache the catalogue is still kept per data version, by this reader only.
    assert load_catalogue(uncached) is load_catalogue(uncached)
    assert load_catalogue(Reader(world.engine)) is not load_catalogue(uncached)


def test_cache_modes(engine: Engine) -> None:
    assert open_cache(engine, "memory").enabled
    assert not open_cache(engine, "off").enabled
    assert open_cache(engine, "").enabled  # the default
    with pytest.raises(ValueError, match="not memory, off or a redis"):
        open_cache(engine, "memcached://x")


def _every_cached_read(reader: Reader) -> list[object]:
    """Every read the pages cache, once, in a fixed order."""
    place = dims.region(reader, "0180")
    assert place is not None
    peers = p.peer_set(reader, place, "county", None)
    return [
        dims.focus_areas(reader),
        dims.subgoals(reader, "FA06"),
        dims.indicators(reader),
        dims.regions(reader),
        dims.peer_groups(reader),
        dims.last_refresh(reader),
        dims.periods(reader, "trangboddhet"),
        dims.periods(reader, "trangboddhet", "kommun"),
        dims.breakdowns(reader, "folkmangd"),
        dims.indicator_has_data(reader, "sjalvskattad-halsa"),
        rollups.national_status_counts(reader),
        rollups.municipalities_on_track(reader),
        rollups.on_track_by_region(reader, "kommun"),
        rollups.on_track_by_region(reader, "lan"),
        rollups.status_groups_of(reader, "trangboddhet", "kommun"),
        rollups.focus_area_summaries(reader, "FA06"),
        obs.peer_band(reader, "livskvalitet-kommunindex", ["0114", "0180", "0380"]),
        obs.map_values(reader, "trangboddhet", "2020", "T", "kommun"),
        obs.ranking(reader, "sjalvskattad-halsa", "2020", "T", "kommun"),
        obs.boundaries(reader, "kommun"),
        p.indicators_with_values(reader, "kommun"),
        p.profile(reader, place, peers),
        p.freshness(reader),
        p.latest_recompute(reader),
        p.changes(reader, "0180"),
    ]


def test_every_cached_read_comes_back_from_redis_as_the_database_gives_it(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    _redis_or_skip()
    _bump(world.engine)  # a fresh version: entries of other runs do not apply
    expected = _every_cached_read(Reader(world.engine))
    writer = Reader(world.engine, VersionedCache(world.engine, redis_url=REDIS_URL))
    _every_cached_read(writer)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    other_process = Reader(world.engine, VersionedCache(world.engine, redis_url=REDIS_URL))
    event.listen(world.engine, "before_cursor_execute", count)
    try:
        shared = _every_cached_read(other_process)
    finally:
        event.remove(world.engine, "before_cursor_execute", count)
    assert "not shared" not in caplog.text  # every value the reads cache has a JSON form
    # Served from Redis: the only query is the data version's.
    assert len(statements) == 1 and "meta" in statements[0].lower()
    assert len(shared) == len(expected)
    for got, want in zip(shared, expected, strict=True):
        if isinstance(want, pd.DataFrame):
            assert isinstance(got, pd.DataFrame)
            pd.testing.assert_frame_equal(got, want, check_exact=True)
        else:
            assert got == want and type(got) is type(want)


# --- a pinned scope: one data version and each read once, for one request ---------------------


def _version_reads(sent: list[str]) -> int:
    return sum("FROM meta" in s for s in sent)


def _region_reads(sent: list[str]) -> int:
    return sum(s.startswith("SELECT region.code") and "FROM region ORDER BY" in s for s in sent)


def _page_of_reads(reader: Reader) -> None:
    """What several parts of one page read: the catalogue, the regions, a level's statuses."""
    for _ in range(3):
        load_catalogue(reader)
        dims.regions(reader, "kommun")
        dims.regions(reader, "lan")
        rollups.status_groups_of(reader, "trangboddhet", "kommun")


def test_a_pinned_reader_reads_the_data_version_and_each_read_once(world: World) -> None:
    reader = Reader(world.engine)  # read cache off: without the pin every read is a query
    with sent_statements(world.engine) as sent, reader.pinned():
        _page_of_reads(reader)
        assert reader.version() == read_cache.data_version(world.engine)
    assert _version_reads(sent) == 2  # the scope's one read, and the assertion's own
    assert _region_reads(sent) == 1
    assert sum("FROM indicator_status" in s for s in sent) == 1


def test_outside_a_pinned_scope_every_read_goes_to_the_database(world: World) -> None:
    reader = Reader(world.engine)
    with reader.pinned():
        _page_of_reads(reader)  # a scope that has ended leaves nothing behind
    with sent_statements(world.engine) as sent:
        _page_of_reads(reader)
    assert _version_reads(sent) == 3  # each catalogue read asks whether the data changed
    assert sum("FROM indicator_status" in s for s in sent) == 3
    once = _region_reads(sent)
    with sent_statements(world.engine) as sent:
        _page_of_reads(reader)
    assert once >= 6 and _region_reads(sent) == once  # each list read afresh, each time


def test_a_pin_ends_with_its_scope_and_the_next_sees_the_new_data(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    with reader.pinned():
        version = reader.version()
        name = dims.region(reader, "0180")
        with Session(engine) as session, session.begin():
            session.execute(update(Region).where(Region.code == "0180").values(name="Sthlm"))
            bump_data_version(session)
        # One page is drawn from one data version, whatever a load does meanwhile...
        assert reader.version() == version
        assert dims.region(reader, "0180") == name
    # ...and the next page sees the load at once.
    with reader.pinned():
        assert reader.version() == read_cache.data_version(engine) != version
        fresh = dims.region(reader, "0180")
        assert fresh is not None and fresh.name == "Sthlm"
    assert name is not None and name.name != "Sthlm"


def test_a_pin_holds_for_its_reader_and_its_thread_only(world: World) -> None:
    pinned, other = Reader(world.engine), Reader(world.engine)
    with sent_statements(world.engine) as sent, pinned.pinned():
        dims.regions(other, "kommun")
        dims.regions(other, "kommun")
        assert _region_reads(sent) == 2  # another reader (another app) is not pinned
        worker = threading.Thread(target=lambda: [dims.regions(pinned, "kommun") for _ in range(2)])
        worker.start()
        worker.join()
        assert _region_reads(sent) == 4  # another request's thread is not pinned
        dims.regions(pinned, "kommun")
        dims.regions(pinned, "kommun")
        assert _region_reads(sent) == 5


# --- a pinned scope: one connection for all its reads ------------------------------------------


def test_a_pinned_scope_reads_through_one_connection_and_returns_it(world: World) -> None:
    reader = Reader(world.engine)
    with pool_checkouts(world.engine) as counts:
        with reader.pinned():
            _page_of_reads(reader)
            obs.series(reader, "trangboddhet", ["0180"])
            dims.regions(reader, "lan")
            assert (counts.taken, counts.returned) == (1, 0)  # held until the scope ends
        assert (counts.taken, counts.returned) == (1, 1)
        _page_of_reads(reader)  # outside a scope: a connection per read, each returned at once
        assert counts.taken > 2 and counts.returned == counts.taken


def test_a_pinned_scope_opens_no_connection_when_nothing_is_read(world: World) -> None:
    reader = Reader(world.engine)
    with pool_checkouts(world.engine) as counts:
        with reader.pinned():
            pass
        assert (counts.taken, counts.returned) == (0, 0)


def test_a_pinned_connection_is_returned_when_the_scope_ends_in_an_error(world: World) -> None:
    reader = Reader(world.engine)
    with pool_checkouts(world.engine) as counts:
        with pytest.raises(RuntimeError, match="a page failed"), reader.pinned():
            dims.regions(reader, "kommun")
            raise RuntimeError("a page failed")
        assert (counts.taken, counts.returned) == (1, 1)
        assert world.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_failed_read_leaves_the_pinned_connection_usable(world: World) -> None:
    """On PostgreSQL a failed statement would poison a shared open transaction; it must not."""
    reader = Reader(world.engine)
    expected = dims.regions(reader, "kommun")
    series = obs.series(reader, "trangboddhet", ["0180"])
    assert not series.empty
    with pool_checkouts(world.engine) as counts:
        with reader.pinned():
            with pytest.raises(DBAPIError), reader.connect() as conn:
                conn.execute(text("SELECT no_such_column FROM region"))
            assert dims.regions(reader, "kommun") == expected
            pd.testing.assert_frame_equal(obs.series(reader, "trangboddhet", ["0180"]), series)
        assert counts.returned == counts.taken and world.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_reads_inside_a_read_share_the_pinned_connection(world: World) -> None:
    reader = Reader(world.engine)
    with pool_checkouts(world.engine) as counts:
        with reader.pinned(), reader.connect() as outer:
            regions = outer.execute(select(Region.code).order_by(Region.code)).scalars().all()
            with reader.connect() as inner:
                assert inner is outer
            dims.regions(reader, "kommun")  # a read inside the block does not close it
            assert (
                outer.execute(select(Region.code).order_by(Region.code)).scalars().all() == regions
            )
        assert (counts.taken, counts.returned) == (1, 1)


def test_a_pinned_connection_is_never_used_by_another_thread(world: World) -> None:
    """Even a thread that runs in a copy of the request's context reads on its own connection."""
    reader = Reader(world.engine)
    seen: list[Connection] = []

    def read() -> None:
        with reader.connect() as conn:
            seen.append(conn)

    with reader.pinned():
        read()
        context = contextvars.copy_context()
        worker = threading.Thread(target=context.run, args=(read,))
        worker.start()
        worker.join()
        read()
    assert len(seen) == 3 and seen[0] is seen[2] and seen[1] is not seen[0]


def test_between_the_reads_of_a_pinned_scope_no_transaction_is_open(world: World) -> None:
    """A request holds its connection, but never an open transaction (nor its locks)."""
    if world.engine.dialect.name != "postgresql":
        pytest.skip("a server's sessions are PostgreSQL's")
    reader = Reader(world.engine)
    with reader.pinned():
        dims.regions(reader, "kommun")
        with reader.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        obs.series(reader, "trangboddhet", ["0180"])
        with world.engine.connect() as other:
            state = other.execute(
                text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            ).scalar_one()
    assert state == "idle"
