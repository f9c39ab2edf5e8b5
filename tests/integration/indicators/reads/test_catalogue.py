"""The catalogue as the reads load it: from the database's document, once per data version."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.indicators.core.catalogue import load_catalogue as load_yaml
from levande.indicators.core.catalogue import public_catalogue
from levande.indicators.reads.cache import Reader, VersionedCache
from levande.indicators.reads.catalogue import (
    CatalogueNotSyncedError,
    load_catalogue,
    require_catalogue,
)
from levande.indicators.store.sync import sync_catalogue

pytestmark = pytest.mark.integration


def test_no_catalogue_before_the_first_sync(engine: Engine) -> None:
    reader = Reader(engine)
    assert load_catalogue(reader) is None
    with pytest.raises(CatalogueNotSyncedError, match="run 'levande db upgrade'"):
        require_catalogue(reader)


def test_the_synced_catalogue_is_loaded_and_cached_per_data_version(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_yaml(sample_config)
    sync_catalogue(engine, catalogue)
    reader = Reader(engine, VersionedCache(engine, check_seconds=0))
    loaded = load_catalogue(reader)
    assert loaded == public_catalogue(catalogue)
    assert load_catalogue(reader) is loaded  # cached

    renamed = dataclasses.replace(
        catalogue, goal=catalogue.goal.model_copy(update={"text_sv": "Ett nytt mål."})
    )
    sync_catalogue(engine, renamed)
    fresh = load_catalogue(reader)
    assert fresh is not None and fresh.goal.text_sv == "Ett nytt mål."


def test_without_a_read_cache_the_catalogue_is_still_read_once_per_data_version(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_yaml(sample_config)
    sync_catalogue(engine, catalogue)
    reader = Reader(engine)  # no read cache: every data read goes to the database
    assert not reader.cache.enabled
    loaded = load_catalogue(reader)
    assert loaded == public_catalogue(catalogue)
    assert load_catalogue(reader) is loaded  # not validated again while the data stands

    renamed = dataclasses.replace(
        catalogue, goal=catalogue.goal.model_copy(update={"text_sv": "Ett nytt mål."})
    )
    sync_catalogue(engine, renamed)
    fresh = load_catalogue(reader)
    assert fresh is not None and fresh.goal.text_sv == "Ett nytt mål."


def test_a_pinned_scope_keeps_its_catalogue_and_the_next_sees_a_sync(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_yaml(sample_config)
    sync_catalogue(engine, catalogue)
    reader = Reader(engine)
    renamed = dataclasses.replace(
        catalogue, goal=catalogue.goal.model_copy(update={"text_sv": "Ett nytt mål."})
    )
    with reader.pinned():  # one request
        loaded = load_catalogue(reader)
        sync_catalogue(engine, renamed)
        assert load_catalogue(reader) is loaded  # the page is drawn from one catalogue
    with reader.pinned():  # the next request
        fresh = load_catalogue(reader)
        assert fresh is not None and fresh.goal.text_sv == "Ett nytt mål."
    # Outside a request (the command line, the ETL) a sync is seen at once, as before.
    sync_catalogue(engine, catalogue)
    again = load_catalogue(reader)
    assert again is not None and again.goal.text_sv == catalogue.goal.text_sv
