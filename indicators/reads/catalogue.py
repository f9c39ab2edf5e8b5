"""The catalogue as the database holds it: the runtime truth of every page and command.

``levande db upgrade`` validates the YAML in ``config/`` and writes it as one document
(:mod:`levande.indicators.store.sync`); everything else loads that document here, validated
again into the same :class:`~levande.indicators.core.catalogue.Catalogue`, once per data
version (a sync bumps the version, so a new catalogue is seen at once).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from levande.indicators.core.catalogue import Catalogue, catalogue_from_document
from levande.indicators.reads.cache import Reader
from levande.indicators.store.schema import CatalogueDocument

log = logging.getLogger(__name__)

#: What to do when the database holds no catalogue: one line for commands and pages.
NOT_SYNCED = "the database holds no catalogue yet: run 'levande db upgrade'"


class CatalogueNotSyncedError(LookupError):
    """The database holds no catalogue; ``levande db upgrade`` writes it."""

    def __init__(self) -> None:
        super().__init__(NOT_SYNCED)


def _load(reader: Reader) -> Catalogue | None:
    with reader.connect() as conn:
        document = conn.execute(select(CatalogueDocument.document)).scalar()
    if document is None:
        return None
    return catalogue_from_document(document)


def load_catalogue(reader: Reader) -> Catalogue | None:
    """The synced catalogue, or None when no catalogue has been synced into this database.

    Cached with the reader's reads (per data version).

    Raises:
        ValueError: the stored document is not a valid catalogue of this version (a newer
            release wrote it); ``levande db upgrade`` writes it again.
    """
    return reader.per_version(("catalogue",), lambda: _load(reader))


def require_catalogue(reader: Reader) -> Catalogue:
    """The synced catalogue.

    Raises:
        CatalogueNotSyncedError: no catalogue has been synced; the message says what to run.
    """
    catalogue = load_catalogue(reader)
    if catalogue is None:
        raise CatalogueNotSyncedError
    return catalogue
