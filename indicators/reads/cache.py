"""The versioned read cache: results kept until the database's data version changes.

Reads that every page needs (the catalogue tables, regions, peer groups, statuses rolled up per
focus area) are cached, keyed by the database's data version (``meta.data_version``, bumped by
every load and status recompute), so a refresh is visible at once without a restart while
ordinary page views cost no repeated queries.

A cache belongs to whoever makes it: every read takes a :class:`Reader` (an engine and its read
cache), and the dashboard makes one per app from its settings. There is no process-wide cache
and nothing to configure by mutation.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Engine, select

from levande.indicators.reads import codec
from levande.indicators.reads.codec import CacheKey
from levande.indicators.store.schema import Meta

log = logging.getLogger(__name__)

T = TypeVar("T")


# --- shared stores ---------------------------------------------------------------------


class SharedStore(Protocol):
    """Where several processes (gunicorn workers) share entries: payloads by version and key."""

    def get(self, version: str, digest: str) -> bytes | None:
        """The payload stored under ``version`` and ``digest``, or None."""

    def set(self, version: str, digest: str, payload: bytes) -> None:
        """Store a payload; a failure only means the next process computes it again."""

    def forget_other_versions(self, version: str) -> None:
        """Drop what belongs to any other data version (called when the version changes)."""


class RedisStore:
    """Entries in Redis, for workers on several machines; old versions expire after a day."""

    def __init__(self, url: str, namespace: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=1.0)
        self._namespace = namespace

    def _key(self, version: str, digest: str) -> str:
        return f"levande:{self._namespace}:v{codec.FORMAT}:{version}:{digest}"

    def get(self, version: str, digest: str) -> bytes | None:
        """The payload, or None (also when Redis is down: the page is rendered instead)."""
        try:
            raw = self._redis.get(self._key(version, digest))
        except Exception:  # a shared cache that is down must not take the dashboard with it
            return None
        if raw is None:
            return None
        return raw if isinstance(raw, bytes) else str(raw).encode("utf-8")

    def set(self, version: str, digest: str, payload: bytes) -> None:
        """Store for a day: long after the data version has moved on."""
        try:
            self._redis.set(self._key(version, digest), payload, ex=86_400)
        except Exception:
            return

    def forget_other_versions(self, version: str) -> None:
        """Nothing to do: Redis lets old entries expire."""


class FolderStore:
    """Entries as files in one folder, for the workers of one machine: no server needed.

    Written to a temporary name and renamed into place, so a reader sees a whole file or none;
    a folder per data version, and the folders of other versions are removed when a process
    sees the version change.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def _version_folder(self, version: str) -> Path:
        # Hashed: a version is an ISO timestamp, whose ':' and '+' not every file system takes.
        name = hashlib.sha256(version.encode("utf-8")).hexdigest()[:20]
        return self._folder / f"v{codec.FORMAT}-{name}"

    def get(self, version: str, digest: str) -> bytes | None:
        """The file's bytes, or None when no process has written it."""
        try:
            return (self._version_folder(version) / digest).read_bytes()
        except OSError:
            return None

    def set(self, version: str, digest: str, payload: bytes) -> None:
        """Write atomically; a full or read-only disk only costs a render."""
        folder = self._version_folder(version)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as tmp:
                tmp.write(payload)
            os.replace(tmp.name, folder / digest)
        except OSError as exc:
            log.debug("not shared through %s: %s", folder, exc)

    def forget_other_versions(self, version: str) -> None:
        """Remove the folders of every other data version (what another worker removes too)."""
        keep = self._version_folder(version)
        try:
            stale = [p for p in self._folder.iterdir() if p.is_dir() and p != keep]
        except OSError:
            return
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)


# --- cache -------------------------------------------------------------------------------


class VersionedCache:
    """A cache of read results whose entries die when the database's data version changes.

    Entries live in this process; with a Redis URL they are also shared between processes
    (several gunicorn workers compute each read once per data version). What goes to Redis is
    JSON written by :mod:`levande.indicators.reads.codec`, never a pickle: a process only ever
    rebuilds plain values, frames and the dataclasses the reads register, so whoever can write
    to the Redis cannot make the dashboard run code. The version is re-read at most every
    ``check_seconds`` so that a burst of reads for one page costs one tiny query, not one per
    read. With ``enabled=False`` every read goes to the database (for measuring what the cache
    saves, and for the ETL and command line, which read once).

    Args:
        engine: the database whose data version keys the entries.
        check_seconds: how long a data version read is trusted.
        max_entries: entries kept in this process (the oldest go first).
        enabled: False for no caching at all.
        redis_url: share entries through this Redis as well.
        namespace: part of every shared key, so that caches of different things (reads,
            rendered pages) never meet in one Redis.
    """

    def __init__(
        self,
        engine: Engine,
        check_seconds: float = 2.0,
        max_entries: int = 512,
        *,
        enabled: bool = True,
        redis_url: str | None = None,
        namespace: str = "read",
        folder: Path | None = None,
    ) -> None:
        self._engine = engine
        self._check_seconds = check_seconds
        self._max_entries = max_entries
        self._enabled = enabled
        self._namespace = namespace
        self._lock = threading.Lock()
        self._version: str | None = None
        self._checked_at = -math.inf
        self._entries: dict[CacheKey, Any] = {}
        self._shared: SharedStore | None = None
        if enabled and redis_url:
            self._shared = RedisStore(redis_url, namespace)
        elif enabled and folder is not None:
            self._shared = FolderStore(folder)

    def version(self) -> str:
        """The current data version, re-read when the last check is old enough."""
        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._checked_at < self._check_seconds:
                return self._version
        current = data_version(self._engine)
        with self._lock:
            changed = current != self._version
            if changed:
                self._entries.clear()
                self._version = current
            self._checked_at = now
        if changed and self._shared is not None:
            self._shared.forget_other_versions(current)
        return current

    @staticmethod
    def _digest(key: CacheKey) -> str:
        # Hashed: a key may hold a long member list; shared keys are best kept short.
        return hashlib.sha256(codec.key_text(key).encode("utf-8")).hexdigest()

    def _shared_get(self, shared: SharedStore, version: str, key: CacheKey) -> tuple[bool, Any]:
        raw = shared.get(version, self._digest(key))
        if raw is None:
            return False, None
        try:
            return True, codec.loads(raw)
        except ValueError as exc:  # not ours, or of another format: computed afresh instead
            log.warning("a shared cache entry is ignored: %s", exc)
            return False, None

    def _shared_set(self, shared: SharedStore, version: str, key: CacheKey, value: Any) -> None:
        try:
            payload = codec.dumps(value)
        except TypeError as exc:  # kept in this process only; a read to register with the codec
            log.warning("not shared between processes: %s", exc)
            return
        shared.set(version, self._digest(key), payload)

    @property
    def enabled(self) -> bool:
        """False when caching is switched off (every read goes to the database)."""
        return self._enabled

    def lookup(self, key: CacheKey) -> tuple[bool, Any]:
        """(True, value) when ``key`` is cached under the current version, else (False, None)."""
        if not self._enabled:
            return False, None
        version = self.version()
        with self._lock:
            if key in self._entries:
                return True, self._entries[key]
        if self._shared is None:
            return False, None
        found, value = self._shared_get(self._shared, version, key)
        if found:
            self._remember(key, value)
        return found, value

    def store(self, key: CacheKey, value: Any) -> None:
        """Keep ``value`` for ``key`` under the current version."""
        if not self._enabled:
            return
        if self._shared is not None:
            self._shared_set(self._shared, self.version(), key, value)
        self._remember(key, value)

    def _remember(self, key: CacheKey, value: Any) -> None:
        with self._lock:
            if key not in self._entries and len(self._entries) >= self._max_entries:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = value

    def get(self, key: CacheKey, compute: Callable[[], T]) -> T:
        """The cached value for ``key`` under the current version, computing it once."""
        if not self._enabled:
            return compute()
        found, value = self.lookup(key)
        if not found:
            value = compute()
            self.store(key, value)
        return cast(T, value)

    def clear(self) -> None:
        """Forget everything held in this process (tests, and operators after a catalogue sync).

        Entries shared through Redis die with their data version.
        """
        with self._lock:
            self._entries.clear()
            self._version = None
            self._checked_at = -math.inf


CACHE_MODES = ("memory", "off")
"""Modes of :func:`open_cache` besides a ``redis://`` (or ``rediss://``) URL."""


def open_cache(
    engine: Engine,
    mode: str = "memory",
    namespace: str = "read",
    max_entries: int = 512,
    folder: Path | None = None,
) -> VersionedCache:
    """A cache of one engine as ``Settings.cache`` says: ``memory``, ``off`` or a Redis URL.

    With ``memory`` and a ``folder``, entries are also shared through files in that folder
    by the processes of one machine (the dashboard's rendered pages).

    Raises:
        ValueError: for any other mode (the settings reject it before it gets here).
    """
    mode = mode or "memory"
    redis_url = mode if mode.startswith(("redis://", "rediss://")) else None
    if redis_url is None and mode not in CACHE_MODES:
        raise ValueError(f"cache mode {mode!r} is not memory, off or a redis:// URL")
    return VersionedCache(
        engine,
        max_entries=max_entries,
        enabled=mode != "off",
        redis_url=redis_url,
        namespace=namespace,
        folder=folder if redis_url is None else None,
    )


@dataclass
class _Pin:
    """One pinned scope of a reader: the data version it read and what it read under it.

    It also holds the scope's one connection, opened on its first read and returned to the pool
    when the scope ends, so that a page's reads pay one pool checkout (and its ping) between
    them instead of one each. Only the thread that entered the scope uses it.
    """

    reader: Reader
    thread: int = field(default_factory=threading.get_ident)
    version: str | None = None
    reads: dict[CacheKey, Any] = field(default_factory=dict)
    conn: Connection | None = None

    def connection(self) -> Connection:
        """The scope's connection, opened now if this is its first read.

        In autocommit mode, so that each statement is its own transaction as it was with a
        connection per read: nothing is left open between the reads of a request (on
        PostgreSQL no session idles in a transaction, no lock outlives its statement, and
        there is no BEGIN and ROLLBACK per read to pay for). The scope only ever reads.
        """
        if self.conn is None:
            conn = self.reader.engine.connect()
            try:
                self.conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            except BaseException:
                conn.close()
                raise
        return self.conn

    def recover(self) -> None:
        """After a failed read: keep the connection usable, or give it up.

        A broken connection (SQLAlchemy invalidated it) is returned and the next read opens
        another; otherwise the read's logical transaction is ended, which in autocommit mode
        sends nothing.
        """
        conn = self.conn
        if conn is None:
            return
        if conn.invalidated:
            self.close()
            return
        try:
            if conn.in_transaction():
                conn.rollback()
        except Exception:
            log.warning("a pinned connection is given up after a failed read", exc_info=True)
            self.close()

    def close(self) -> None:
        """Return the connection to the pool (the end of the scope, or a broken connection)."""
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()


_PIN: ContextVar[_Pin | None] = ContextVar("levande_read_pin", default=None)
"""The pinned scope of the current request (a context variable: each thread has its own)."""


def _pin_of(engine: Engine) -> _Pin | None:
    """The current pinned scope when it reads ``engine`` and belongs to this thread."""
    pin = _PIN.get()
    if pin is None or pin.reader.engine is not engine or pin.thread != threading.get_ident():
        return None
    return pin


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """A connection for one read: the pinned request's own, else a fresh one.

    Inside :meth:`Reader.pinned` (one dashboard request) every read shares the scope's
    connection, which stays open until the scope ends; outside it (command line, ETL, tests)
    each read checks out a connection of its own and returns it at the end of the block, as
    ``engine.connect()`` does. Either way the connection is for reading only.
    """
    pin = _pin_of(engine)
    if pin is None:
        with engine.connect() as conn:
            yield conn
        return
    conn = pin.connection()
    try:
        yield conn
    except BaseException:
        pin.recover()
        raise


class Reader:
    """The database as the reads see it: an engine and the read cache its reads share.

    Every read takes a reader rather than an engine, so whoever makes the reader decides
    about caching: the dashboard makes one per app from its settings
    (:class:`levande.dashboard.context.AppContext`), so two apps in one process never share
    entries and nothing is set through module state; the command line, the ETL and tests use
    ``Reader(engine)``, which reads straight from the database.

    Args:
        engine: the database.
        cache: the cache of read results; None for none (every read goes to the database).
    """

    __slots__ = ("cache", "engine", "settled")

    def __init__(self, engine: Engine, cache: VersionedCache | None = None) -> None:
        self.engine = engine
        self.cache = cache if cache is not None else VersionedCache(engine, enabled=False)
        #: Values kept per data version whatever the cache does (:meth:`per_version`).
        self.settled: dict[CacheKey, tuple[str, Any]] = {}

    @classmethod
    def open(cls, engine: Engine, mode: str = "memory") -> Reader:
        """A reader with a read cache made as :func:`open_cache` makes it."""
        return cls(engine, open_cache(engine, mode))

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Read one data version and each read at most once until the scope ends.

        The dashboard enters it around each request, so that one page is drawn from one data
        version and a read that several parts of a page make (the regions, a level's status
        counts) goes to the database once, also with the read cache off; the next request
        reads the version again and so sees a refresh at once. Outside a pinned scope (the
        command line, the ETL, scripts) every read behaves as before: nothing is kept beyond
        what the read cache keeps, so a sync is never read back stale. The scope belongs to
        the current thread (or task) and ends with the ``with`` block, also on an error.

        The scope's reads share one connection (:func:`connect`), checked out on the first
        read and returned when the scope ends, also on an error: a page pays one pool
        checkout, not one per read.
        """
        pin = _Pin(self)
        token = _PIN.set(pin)
        try:
            yield
        finally:
            _PIN.reset(token)
            pin.close()

    def connect(self) -> AbstractContextManager[Connection]:
        """A connection for one read: the pinned scope's, else a fresh one (:func:`connect`)."""
        return connect(self.engine)

    def _pin(self) -> _Pin | None:
        pin = _PIN.get()
        return pin if pin is not None and pin.reader is self else None

    def version(self) -> str:
        """The data version the reads see: the pinned scope's, else the current one.

        With the read cache on it is the cache's (checked at most every few seconds); with it
        off it is read from the database, once per pinned scope.
        """
        pin = self._pin()
        if pin is not None and pin.version is not None:
            return pin.version
        version = self.cache.version() if self.cache.enabled else data_version(self.engine)
        if pin is not None:
            pin.version = version
        return version

    def cached(self, key: CacheKey, compute: Callable[[], T]) -> T:
        """The value of a read under ``key``, from this reader's cache or computed once.

        With the read cache off, inside a pinned scope the value is kept until the scope
        ends (one request), so a page that needs it twice reads it once.
        """
        pin = self._pin()
        if pin is None or self.cache.enabled:
            return self.cache.get(key, compute)
        if key not in pin.reads:
            pin.reads[key] = compute()
        return cast(T, pin.reads[key])

    def per_version(self, key: CacheKey, compute: Callable[[], T]) -> T:
        """A value computed once per data version, also when the read cache is off.

        For what every read consults and only a sync changes (the catalogue): switching the
        cache off measures what caching the data saves, not the cost of re-reading the
        configuration several times per page. With the cache on it is the cache's entry.
        Inside a pinned scope the data version is read once for the whole scope, not once
        per read of the catalogue.
        """
        if self.cache.enabled:
            return self.cache.get(key, compute)
        version = self.version()
        kept = self.settled.get(key)
        if kept is not None and kept[0] == version:
            return cast(T, kept[1])
        value = compute()
        self.settled[key] = (version, value)
        return value

    def __repr__(self) -> str:
        state = "cached" if self.cache.enabled else "uncached"
        return f"Reader({self.engine.url.render_as_string(hide_password=True)!r}, {state})"


def data_version(engine: Engine) -> str:
    """The data version stamp (empty before the first load).

    Inside a pinned scope on ``engine`` it is read through the scope's connection.
    """
    with connect(engine) as conn:
        value = conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar()
    return str(value) if value is not None else ""
