"""The catalogue as one JSON document: every field round-trips, private fields stay behind."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from levande.indicators.core.catalogue import (
    Catalogue,
    catalogue_digest,
    catalogue_document,
    catalogue_from_document,
    load_catalogue,
    public_catalogue,
)
from testkit.sample_catalogue import write_sample_catalogue

CONFIG = Path(__file__).resolve().parents[4] / "config"


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(CONFIG)


def test_the_shipped_catalogue_round_trips_through_json_with_every_field(
    shipped: Catalogue,
) -> None:
    adapter = TypeAdapter(Catalogue)
    dumped = adapter.dump_python(shipped, mode="json")
    json.dumps(dumped)  # plain JSON
    again = adapter.validate_python(json.loads(json.dumps(dumped)))
    assert again == shipped
    assert again.directory == CONFIG and isinstance(again.directory, Path)
    assert again.method == shipped.method and again.frameworks == shipped.frameworks


def test_the_document_is_the_catalogue_without_maintainer_notes_or_folder(
    shipped: Catalogue,
) -> None:
    document = catalogue_document(shipped)
    assert "maintainer_notes" not in json.dumps(document)
    assert document["directory"] is None
    restored = catalogue_from_document(json.loads(json.dumps(document)))
    assert catalogue_document(restored) == document
    assert restored.directory is None
    assert [i.id for i in restored.indicators] == [i.id for i in shipped.indicators]
    for ours, theirs in zip(restored.indicators, shipped.indicators, strict=True):
        assert ours == theirs.model_copy(update={"maintainer_notes": None})
    assert restored.redirects == shipped.redirects
    assert restored.framework_in_force == shipped.framework_in_force


def test_a_catalogue_without_private_text_comes_back_equal(shipped: Catalogue) -> None:
    public = public_catalogue(shipped)
    assert catalogue_from_document(catalogue_document(public)) == public
    assert public == dataclasses.replace(public, directory=None)


def test_the_digest_follows_the_content(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_sample_catalogue(tmp_path / "config"))
    document = catalogue_document(catalogue)
    assert catalogue_digest(document) == catalogue_digest(json.loads(json.dumps(document)))
    changed = dataclasses.replace(
        catalogue, method=catalogue.method.model_copy(update={"base_year": 2016})
    )
    assert catalogue_digest(catalogue_document(changed)) != catalogue_digest(document)
    noted = dataclasses.replace(
        catalogue, goal=catalogue.goal.model_copy(update={"maintainer_notes": "ny källa"})
    )
    assert catalogue_digest(catalogue_document(noted)) == catalogue_digest(document)


def test_a_document_that_is_no_catalogue_is_refused_with_the_place(tmp_path: Path) -> None:
    document = catalogue_document(load_catalogue(write_sample_catalogue(tmp_path / "config")))
    document["indicators"][0]["direction"] = "sideways"
    with pytest.raises(
        ValueError, match=r"(?s)stored catalogue is not valid.*indicators\.0\.direction"
    ):
        catalogue_from_document(document)
