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
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, select

from levande.indicators.reads import codec
from levande.indicators.reads.codec import CacheKey
from levande.indicators.store.schema import Meta

log = logging.getLogger(__name__)

T = TypeVar("T")


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
        self._redis: Any = None
        if enabled and redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=1.0)

    def version(self) -> str:
        """The current data version, re-read when the last check is old enough."""
        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._checked_at < self._check_seconds:
                return self._version
        current = data_version(self._engine)
        with self._lock:
            if current != self._version:
                self._entries.clear()
                self._version = current
            self._checked_at = now
        return current

    def _shared_key(self, version: str, key: CacheKey) -> str:
        # Hashed: a key may hold a long member list, and Redis keys are best kept short.
        digest = hashlib.sha256(codec.key_text(key).encode("utf-8")).hexdigest()
        return f"levande:{self._namespace}:v{codec.FORMAT}:{version}:{digest}"

    def _shared_get(self, version: str, key: CacheKey) -> tuple[bool, Any]:
        try:
            raw = self._redis.get(self._shared_key(version, key))
        except Exception:  # a shared cache that is down must not take the dashboard with it
            return False, None
        if raw is None:
            return False, None
        try:
            return True, codec.loads(raw)
        except ValueError as exc:  # not ours, or of another format: computed afresh instead
            log.warning("a shared cache entry is ignored: %s", exc)
            return False, None

    def _shared_set(self, version: str, key: CacheKey, value: Any) -> None:
        try:
            payload = codec.dumps(value)
        except TypeError as exc:  # kept in this process only; a read to register with the codec
            log.warning("not shared through Redis: %s", exc)
            return
        try:
            self._redis.set(self._shared_key(version, key), payload, ex=86_400)
        except Exception:
            return

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
        if self._redis is None:
            return False, None
        found, value = self._shared_get(version, key)
        if found:
            self._remember(key, value)
        return found, value

    def store(self, key: CacheKey, value: Any) -> None:
        """Keep ``value`` for ``key`` under the current version."""
        if not self._enabled:
            return
        if self._redis is not None:
            self._shared_set(self.version(), key, value)
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
    engine: Engine, mode: str = "memory", namespace: str = "read", max_entries: int = 512
) -> VersionedCache:
    """A cache of one engine as ``Settings.cache`` says: ``memory``, ``off`` or a Redis URL.

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
    )


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

    def cached(self, key: CacheKey, compute: Callable[[], T]) -> T:
        """The value of a read under ``key``, from this reader's cache or computed once."""
        return self.cache.get(key, compute)

    def per_version(self, key: CacheKey, compute: Callable[[], T]) -> T:
        """A value computed once per data version, also when the read cache is off.

        For what every read consults and only a sync changes (the catalogue): switching the
        cache off measures what caching the data saves, not the cost of re-reading the
        configuration several times per page. With the cache on it is the cache's entry.
        """
        if self.cache.enabled:
            return self.cache.get(key, compute)
        version = data_version(self.engine)
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
    """The data version stamp (empty before the first load)."""
    with engine.connect() as conn:
        value = conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar()
    return str(value) if value is not None else ""
