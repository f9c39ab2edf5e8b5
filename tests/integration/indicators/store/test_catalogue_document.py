"""The catalogue's document in the database, on SQLite and PostgreSQL.

Written with the rows, unchanged by a second sync of the same YAML, replaced (and the data
version bumped) when the catalogue changes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import (
    catalogue_digest,
    catalogue_document,
    load_catalogue,
    public_catalogue,
)
from levande.indicators.reads.cache import data_version
from levande.indicators.store.schema import CatalogueDocument
from levande.indicators.store.sync import sync_catalogue

pytestmark = pytest.mark.integration


def _stored(engine: Engine) -> list[CatalogueDocument]:
    with Session(engine) as session:
        return list(session.scalars(select(CatalogueDocument)))


def test_sync_writes_the_document_once_and_a_second_sync_changes_nothing(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_catalogue(sample_config)
    first = sync_catalogue(engine, catalogue)
    assert first.document_changed and first.catalogue_changed
    [row] = _stored(engine)
    assert row.document == catalogue_document(catalogue)
    assert row.digest == catalogue_digest(row.document)
    version = data_version(engine)
    assert version

    again = sync_catalogue(engine, load_catalogue(sample_config))
    assert not again.catalogue_changed and again.touched == 0
    [same] = _stored(engine)
    assert (same.digest, same.synced_at, same.document) == (row.digest, row.synced_at, row.document)
    assert data_version(engine) == version


def test_a_change_no_row_holds_replaces_the_document_and_bumps_the_version(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    version = data_version(engine)
    changed = dataclasses.replace(
        catalogue, method=catalogue.method.model_copy(update={"base_year": 2016})
    )
    report = sync_catalogue(engine, changed)
    assert report.touched == 0 and report.document_changed  # no relational row holds the method
    [row] = _stored(engine)
    assert row.document["method"]["base_year"] == 2016
    assert data_version(engine) != version
    assert public_catalogue(changed).method.base_year == 2016
