"""What every page and route needs: the database, the settings and the catalogue.

One :class:`AppContext` is made by :func:`dashboard.app.create_app` and kept on the Flask
app, so pages find it through the request they serve (several apps can live in one process,
as in the tests) and unit tests pass one in directly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader, VersionedCache, open_cache
from levande.indicators.reads.catalogue import load_catalogue

log = logging.getLogger(__name__)

CONTEXT_KEY = "LEVANDE_CONTEXT"


@dataclass(frozen=True)
class AppContext:
    """The app's resources.

    Attributes:
        engine: the database the dashboard reads.
        settings: base URLs (for "reproduce this number") and the rest.
        reader: the reads' view of ``engine`` with this app's read cache (per process, off, or
            shared through Redis, as ``settings.cache`` says).
        page_cache: whole rendered answers of this app, by data version
            (:mod:`levande.dashboard.response_cache`).
    """

    engine: Engine
    settings: Settings
    reader: Reader = field(init=False)
    page_cache: VersionedCache = field(init=False)

    @property
    def catalogue(self) -> Catalogue | None:
        """The catalogue as synced into the database, loaded once per data version.

        Synced by ``levande db upgrade``: focus areas, sub-goals, indicators, the national goal,
        the sources' credit lines. None when the database holds none or cannot be read, which
        the pages then say instead of failing.
        """
        return _catalogue_of(self)

    def __post_init__(self) -> None:
        # The app's caches, made from its settings: nothing is shared through module state, so
        # two apps in one process (as in the tests) never see each other's entries.
        object.__setattr__(self, "reader", Reader.open(self.engine, self.settings.cache))
        object.__setattr__(
            self,
            "page_cache",
            open_cache(
                self.engine,
                self.settings.cache,
                "page",
                256,
                folder=(
                    self.settings.resolved_page_cache_dir
                    if self.settings.page_cache_shared
                    else None
                ),
            ),
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


def _catalogue_of(ctx: AppContext) -> Catalogue | None:
    try:
        return load_catalogue(ctx.reader)
    except (SQLAlchemyError, ValueError) as exc:
        log.warning("the catalogue cannot be read from the database: %s", exc)
        return None
