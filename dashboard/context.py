"""What every page and route needs: the database, the settings and the catalogue.

One :class:`AppContext` is made by :func:`dashboard.app.create_app` and kept on the Flask
app, so pages find it through the request they serve (several apps can live in one process,
as in the tests) and unit tests pass one in directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import Engine

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader, VersionedCache, open_cache

CONTEXT_KEY = "LEVANDE_CONTEXT"


@dataclass(frozen=True)
class AppContext:
    """The app's resources.

    Attributes:
        engine: the database the dashboard reads.
        settings: base URLs (for "reproduce this number") and the rest.
        catalogue: the catalogue for what the database does not hold (the national goal,
            the sources' credit lines, English names of SKR groups); None when it cannot be
            read, which the pages then say instead of failing.
        reader: the reads' view of ``engine`` with this app's read cache (per process, off, or
            shared through Redis, as ``settings.cache`` says).
        page_cache: whole rendered answers of this app, by data version
            (:mod:`levande.dashboard.response_cache`).
    """

    engine: Engine
    settings: Settings
    catalogue: Catalogue | None
    reader: Reader = field(init=False)
    page_cache: VersionedCache = field(init=False)

    def __post_init__(self) -> None:
        # The app's caches, made from its settings: nothing is shared through module state, so
        # two apps in one process (as in the tests) never see each other's entries.
        object.__setattr__(self, "reader", Reader.open(self.engine, self.settings.cache))
        object.__setattr__(
            self, "page_cache", open_cache(self.engine, self.settings.cache, "page", 256)
        )


def current() -> AppContext:
    """The context of the app serving the current request."""
    from flask import current_app

    context = current_app.config.get(CONTEXT_KEY)
    if not isinstance(context, AppContext):
        raise RuntimeError("the dashboard's context is missing: build the app with create_app()")
    return context


def context_of(server: Flask) -> AppContext:
    """The context of an app outside a request (scripts and tests that hold the app)."""
    context = server.config.get(CONTEXT_KEY)
    if not isinstance(context, AppContext):
        raise RuntimeError("the dashboard's context is missing: build the app with create_app()")
    return context
