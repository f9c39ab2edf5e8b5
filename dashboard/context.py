"""What every page and route needs: the database, the settings and the catalogue.

One :class:`AppContext` is made by :func:`dashboard.app.create_app` and kept on the Flask
app, so pages find it through the request they serve (several apps can live in one process,
as in the tests) and unit tests pass one in directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.settings import Settings

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
    """

    engine: Engine
    settings: Settings
    catalogue: Catalogue | None


def current() -> AppContext:
    """The context of the app serving the current request."""
    from flask import current_app

    context = current_app.config.get(CONTEXT_KEY)
    if not isinstance(context, AppContext):
        raise RuntimeError("the dashboard's context is missing: build the app with create_app()")
    return context
