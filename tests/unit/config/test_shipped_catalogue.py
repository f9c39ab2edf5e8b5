"""The catalogue shipped in ``config/`` is valid and complete.

These tests read the real YAML files, not a fixture: they fail when an edit to the catalogue
breaks the schema, drops a focus area, orphans an indicator from its sub-goals or leaves a text
without its translation.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from levande.indicators.core.catalogue import Catalogue, CatalogueError, Indicator, load_catalogue

CONFIG = Path(__file__).resolve().parents[3] / "config"
KOLADA_ID = re.compile(r"^[NU]\d{5}$")
FOCUS_AREA_IDS = [f"FA{n:02d}" for n in range(1, 14)]
VERIFIED_HEADINGS = {"FA01", "FA02", "FA03", "FA04", "FA05", "FA06"}
MIN_INDICATORS = 65
MIN_PER_FOCUS_AREA = 4


def _load() -> Catalogue | None:
    try:
        return load_catalogue(CONFIG)
    except CatalogueError:
        return None


_CATALOGUE = _load()
_INDICATORS = _CATALOGUE.indicators if _CATALOGUE else []
_SCB_INDICATORS = [ind for ind in _INDICATORS if ind.source == "scb"]
_KOLADA_INDICATORS = [ind for ind in _INDICATORS if ind.source == "kolada"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    if _CATALOGUE is None:
        pytest.fail("the shipped catalogue does not validate; see test_catalogue_validates")
    return _CATALOGUE


def _ids(indicators: list[Indicator]) -> list[str]:
    return [ind.id for ind in indicators]


def test_catalogue_validates() -> None:
    try:
        load_catalogue(CONFIG)
    except CatalogueError as exc:  # show every problem, with file and entry
        pytest.fail(f"config/ does not validate:\n{exc}")


def test_goal_is_the_2025_strategy(catalogue: Catalogue) -> None:
    goal = catalogue.goal
    assert goal.decided == date(2025, 1, 30)
    assert "2024/25:96" in goal.source_document
    assert goal.ambition_sv and goal.ambition_en
    if goal.wording_status == "reconstructed":
        assert goal.wording_note_sv and goal.wording_note_en


def test_sources_are_kolada_and_scb(catalogue: Catalogue) -> None:
    assert set(catalogue.sources) == {"kolada", "scb"}
    assert catalogue.sources["kolada"].credit_sv == "Källa: Kolada"
    assert catalogue.sources["scb"].credit_sv == "Källa: SCB"


def test_method_file_is_shipped() -> None:
    assert (CONFIG / "method.yaml").is_file()


def test_thirteen_focus_areas(catalogue: Catalogue) -> None:
    assert [fa.id for fa in catalogue.focus_areas] == FOCUS_AREA_IDS


def test_at_least_65_indicators(catalogue: Catalogue) -> None:
    assert len(catalogue.indicators) >= MIN_INDICATORS


def test_indicator_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [ind.id for ind in catalogue.indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate indicator ids: {duplicates}"


def test_subgoal_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [sg.id for sg in catalogue.subgoals]
    assert len(ids) == len(set(ids))


def test_both_sources_are_used(catalogue: Catalogue) -> None:
    sources = {ind.source for ind in catalogue.indicators}
    assert sources == {"kolada", "scb"}
    assert len(_SCB_INDICATORS) >= 5


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_has_enough_indicators(catalogue: Catalogue, fa_id: str) -> None:
    assert len(catalogue.indicators_of(fa_id)) >= MIN_PER_FOCUS_AREA


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_texts_and_subgoals(catalogue: Catalogue, fa_id: str) -> None:
    fa = catalogue.focus_area(fa_id)
    assert fa.name_sv and fa.name_en
    assert fa.description_sv and fa.description_en
    assert 1 <= len(fa.subgoals) <= 3
    for sg in fa.subgoals:
        assert sg.id.startswith(f"{fa_id}-D")
        assert sg.text_sv and sg.text_en
        if sg.proposed_by == "project":
            assert sg.note_sv and sg.note_en, f"{sg.id}: a project proposal needs its notes"


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_name_status(catalogue: Catalogue, fa_id: str) -> None:
    fa = catalogue.focus_area(fa_id)
    if fa_id in VERIFIED_HEADINGS:
        assert fa.name_status == "verified"
        assert fa.pillar == "levande"
        assert fa.strategy_section == f"3.{int(fa_id[2:])}"


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_every_subgoal_has_an_indicator(catalogue: Catalogue, fa_id: str) -> None:
    used = {sg for ind in catalogue.indicators_of(fa_id) for sg in ind.subgoals}
    unused = [sg.id for sg in catalogue.focus_area(fa_id).subgoals if sg.id not in used]
    assert not unused, f"sub-goals without indicators: {unused}"


@pytest.mark.parametrize("indicator", _KOLADA_INDICATORS, ids=_ids(_KOLADA_INDICATORS))
def test_kolada_id_shape(indicator: Indicator) -> None:
    assert KOLADA_ID.match(indicator.source_id)
    assert indicator.scb is None


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_indicator_links_to_its_own_subgoals(catalogue: Catalogue, indicator: Indicator) -> None:
    own = {sg.id for sg in catalogue.focus_area(indicator.focus_area).subgoals}
    assert indicator.subgoals
    assert set(indicator.subgoals) <= own, (
        f"{indicator.id}: {sorted(set(indicator.subgoals) - own)} not in {indicator.focus_area}"
    )


@pytest.mark.parametrize("indicator", _SCB_INDICATORS, ids=_ids(_SCB_INDICATORS))
def test_scb_selection_fixes_one_measure(indicator: Indicator) -> None:
    assert indicator.scb is not None
    contents = indicator.scb.selection.get("ContentsCode")
    assert contents is not None and len(contents) == 1
    fixed = set(indicator.scb.selection)
    assert indicator.scb.region_variable not in fixed
    assert indicator.scb.time_variable not in fixed
    if indicator.scb.gender_variable:
        assert indicator.scb.gender_variable not in fixed


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_indicator_texts_in_both_languages(indicator: Indicator) -> None:
    for field in ("title", "description", "unit"):
        assert getattr(indicator, f"{field}_sv"), f"{indicator.id}: {field}_sv is empty"
        assert getattr(indicator, f"{field}_en"), f"{indicator.id}: {field}_en is empty"
    assert bool(indicator.notes_sv) == bool(indicator.notes_en), (
        f"{indicator.id}: notes in one language only"
    )


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_inferred_entries_say_why(indicator: Indicator) -> None:
    if indicator.verification == "inferred":
        assert indicator.notes_sv and indicator.notes_en


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_targets_are_documented(indicator: Indicator) -> None:
    if indicator.target is not None:
        assert indicator.target.source, f"{indicator.id}: a target needs its source"
        assert indicator.target.note_sv and indicator.target.note_en
