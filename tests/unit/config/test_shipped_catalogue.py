"""The catalogue shipped in ``config/`` is valid and complete.

These tests read the real YAML files, not a fixture: they fail when an edit to the catalogue
breaks the schema, departs from the strategy's goal or its thirteen focus areas, orphans an
indicator from its sub-goals, uses a Kolada KPI that is not current, or leaves a text without its
translation. Kolada's KPI list is represented by ``kolada_kpis.json``, an extract of the KPIs
the catalogue uses (id, title, municipality type, gender split).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levande.indicators.core.catalogue import Catalogue, CatalogueError, Indicator, load_catalogue
from levande.indicators.core.vocabulary import Level

CONFIG = Path(__file__).resolve().parents[3] / "config"
KOLADA_KPIS: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).with_name("kolada_kpis.json")).read_text(encoding="utf-8")
)["kpis"]
KOLADA_ID = re.compile(r"^[NU]\d{5}$")
RETIRED_TITLE = re.compile(r"\(-\d{4}\)\s*$")

GOAL_SV = (
    "Sveriges städer ska utifrån sina förutsättningar utvecklas till levande, trygga och robusta "
    "livsmiljöer där människor trivs och vill vistas."
)
AMBITION_SV = "Sverige ska vara ett föregångsland för hållbar utveckling av attraktiva städer."

#: The Government's thirteen focus areas in its order: (id, its short name, display name).
FOCUS_AREAS = [
    ("livskvalitet", "livskvalitet", "Livskvalitet"),
    ("kultur", "kultur", "Kultur"),
    ("arkitektur", "arkitektur och gestaltning", "Arkitektur och gestaltning"),
    ("handel", "handel och besöksnäring", "Handel och besöksnäring"),
    ("mobilitet", "mobilitet", "Mobilitet"),
    ("trygghet", "trygghet", "Trygghet"),
    ("tradgardsstaden", "trädgårdsstaden", "Trädgårdsstaden"),
    ("fysisk-aktivitet", "fysisk aktivitet", "Fysisk aktivitet"),
    ("skolvagar", "trafiksäkra skolvägar", "Trafiksäkra skolvägar"),
    ("forskning", "forskning och innovation", "Forskning och innovation"),
    (
        "klimat",
        "minskad klimatpåverkan, ökad klimatanpassning och säkrade ekosystemtjänster",
        "Minskad klimatpåverkan, ökad klimatanpassning och säkrade ekosystemtjänster",
    ),
    ("beredskap", "beredskap", "Beredskap"),
    ("digitalisering", "digitalisering", "Digitalisering"),
]
FOCUS_AREA_IDS = [fa_id for fa_id, _, _ in FOCUS_AREAS]
#: Headings read in the skrivelse's table of contents (sections 3.1-3.5).
HEADINGS = {
    "livskvalitet": ("3.1", "Livskvalitet som draglok för Sveriges städer"),
    "kultur": ("3.2", "Kultur ger staden innehåll"),
    "arkitektur": ("3.3", "Arkitektur och gestaltning – från yta till innehåll"),
    "handel": (
        "3.4",
        "Handeln och besöksnäringen bör vara samarbetsparter i stadsutvecklingen",
    ),
    "mobilitet": ("3.5", "Mobilitet för en tillgänglig stad"),
}
CONTEXT_GROUP = "forutsattningar"
OLD_IDS = [f"FA{n:02d}" for n in range(1, 14)]
MIN_INDICATORS = 90
MIN_MUNICIPAL_PER_AREA = 4
#: Safety measures the strategy judges: each has a direction and so a status.
HEADLINE_SAFETY = ["ntu-trygghet-sen-kvall", "trygg-utomhus-morker", "avstar-ga-ut-ensam"]


def _load() -> Catalogue | None:
    try:
        return load_catalogue(CONFIG)
    except CatalogueError:
        return None


_CATALOGUE = _load()
_INDICATORS = _CATALOGUE.indicators if _CATALOGUE else []
_SCB_INDICATORS = [ind for ind in _INDICATORS if ind.source == "scb"]
_KOLADA_INDICATORS = [ind for ind in _INDICATORS if ind.source == "kolada"]
_AREA_INDICATORS = [ind for ind in _INDICATORS if ind.focus_area is not None]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    if _CATALOGUE is None:
        pytest.fail("the shipped catalogue does not validate; see test_catalogue_validates")
    return _CATALOGUE


def _ids(indicators: list[Indicator]) -> list[str]:
    return [ind.id for ind in indicators]


def _municipal(indicators: list[Indicator]) -> list[Indicator]:
    return [ind for ind in indicators if Level.KOMMUN in ind.levels]


def test_catalogue_validates() -> None:
    try:
        load_catalogue(CONFIG)
    except CatalogueError as exc:  # show every problem, with file and entry
        pytest.fail(f"config/ does not validate:\n{exc}")


def test_goal_is_the_verified_sentence(catalogue: Catalogue) -> None:
    goal = catalogue.goal
    assert goal.wording_status == "verified"
    assert goal.text_sv == GOAL_SV
    assert goal.ambition_sv == AMBITION_SV
    assert goal.text_en.startswith("Sweden's cities shall")
    assert goal.translation == "product"
    assert goal.decided == date(2025, 1, 30)
    assert "2024/25:96" in goal.source_document


def test_goal_names_and_links_press_release_and_skrivelse(catalogue: Catalogue) -> None:
    urls = [source.url for source in catalogue.goal.sources]
    assert any("regeringen.se/pressmeddelanden/2025/02/" in url for url in urls)
    assert any("skr.-20242596" in url for url in urls)
    assert all(source.title_sv and source.title_en for source in catalogue.goal.sources)


def test_sources_are_kolada_scb_and_scbs_small_areas(catalogue: Catalogue) -> None:
    assert set(catalogue.sources) == {"kolada", "scb", "omraden"}
    assert catalogue.sources["kolada"].credit_sv == "Källa: Kolada"
    assert catalogue.sources["scb"].credit_sv == "Källa: SCB"


def test_method_file_is_shipped() -> None:
    assert (CONFIG / "method.yaml").is_file()


def test_the_governments_thirteen_focus_areas_in_order(catalogue: Catalogue) -> None:
    assert [fa.id for fa in catalogue.focus_areas] == FOCUS_AREA_IDS
    assert [fa.name_sv for fa in catalogue.focus_areas] == [name for _, _, name in FOCUS_AREAS]


@pytest.mark.parametrize(("fa_id", "short", "name"), FOCUS_AREAS, ids=FOCUS_AREA_IDS)
def test_focus_area_carries_the_governments_short_name(
    catalogue: Catalogue, fa_id: str, short: str, name: str
) -> None:
    fa = catalogue.focus_area(fa_id)
    assert fa.name_sv.lower() == short
    assert fa.name_status == "verified"
    assert fa.pillar is None  # the chapter of each area has not been read in the skrivelse


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_heading_only_where_known(catalogue: Catalogue, fa_id: str) -> None:
    fa = catalogue.focus_area(fa_id)
    if fa_id in HEADINGS:
        assert (fa.strategy_section, fa.heading_sv) == HEADINGS[fa_id]
        assert fa.heading_en
    else:
        assert (fa.strategy_section, fa.heading_sv, fa.heading_en) == (None, None, None)


def test_every_old_focus_area_leads_to_its_heir(catalogue: Catalogue) -> None:
    redirects = catalogue.redirects
    assert sorted(redirects) == OLD_IDS
    assert redirects["FA06"] == CONTEXT_GROUP
    assert {redirects[old] for old in ("FA07", "FA08", "FA09")} == {"trygghet"}
    assert set(redirects.values()) <= set(FOCUS_AREA_IDS) | {CONTEXT_GROUP}


def test_conditions_are_a_context_group_not_a_focus_area(catalogue: Catalogue) -> None:
    group = catalogue.context_group(CONTEXT_GROUP)
    assert (group.name_sv, group.name_en) == (
        "Förutsättningar och sammanhang",
        "Conditions and context",
    )
    assert group.heading_sv == "Förutsättningar för en levande stad"
    assert group.strategy_section == "3.6"
    assert CONTEXT_GROUP not in FOCUS_AREA_IDS
    context = catalogue.indicators_of(CONTEXT_GROUP)
    assert {
        "folkmangd",
        "fardigstallda-bostader",
        "sysselsattningsgrad-20-65",
        "planberedskap",
    } <= {ind.id for ind in context}
    assert all(ind.focus_area is None and not ind.subgoals for ind in context)


def test_at_least_90_indicators(catalogue: Catalogue) -> None:
    assert len(catalogue.indicators) >= MIN_INDICATORS


def test_indicator_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [ind.id for ind in catalogue.indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate indicator ids: {duplicates}"


def test_subgoal_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [sg.id for sg in catalogue.subgoals]
    assert len(ids) == len(set(ids))


def test_every_source_is_used(catalogue: Catalogue) -> None:
    sources = {ind.source for ind in catalogue.indicators}
    assert sources == {"kolada", "scb", "omraden"}
    computed = [ind for ind in catalogue.indicators if ind.computed is not None]
    assert {ind.source for ind in computed} == {"omraden"}
    assert len(_SCB_INDICATORS) >= 5


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_has_municipal_data_or_says_what_is_missing(
    catalogue: Catalogue, fa_id: str
) -> None:
    municipal = _municipal(catalogue.indicators_of(fa_id))
    fa = catalogue.focus_area(fa_id)
    assert len(municipal) >= MIN_MUNICIPAL_PER_AREA or fa.statistics_gap_sv, (
        f"{fa_id}: {len(municipal)} indicators with municipal data and no stated gap"
    )


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_statistics_gap_is_said_plainly(catalogue: Catalogue, fa_id: str) -> None:
    fa = catalogue.focus_area(fa_id)
    if fa.statistics_gap_sv:
        assert "ingen" in fa.statistics_gap_sv and "statistik" in fa.statistics_gap_sv
        assert fa.statistics_gap_en is not None
        assert "no" in fa.statistics_gap_en.lower() and "statistic" in fa.statistics_gap_en


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_focus_area_texts_and_subgoals(catalogue: Catalogue, fa_id: str) -> None:
    fa = catalogue.focus_area(fa_id)
    assert fa.name_sv and fa.name_en
    assert fa.description_sv and fa.description_en
    assert 1 <= len(fa.subgoals) <= 3
    for sg in fa.subgoals:
        assert sg.id.startswith(f"{fa_id}-d")
        assert sg.text_sv and sg.text_en


@pytest.mark.parametrize("fa_id", FOCUS_AREA_IDS)
def test_every_subgoal_has_an_indicator(catalogue: Catalogue, fa_id: str) -> None:
    used = {sg for ind in catalogue.indicators_of(fa_id) for sg in ind.subgoals}
    unused = [sg.id for sg in catalogue.focus_area(fa_id).subgoals if sg.id not in used]
    assert not unused, f"sub-goals without indicators: {unused}"


def test_trygghet_keeps_its_strongest_measures(catalogue: Catalogue) -> None:
    assert 8 <= len(catalogue.indicators_of("trygghet")) <= 12


@pytest.mark.parametrize("indicator_id", HEADLINE_SAFETY)
def test_headline_safety_measures_are_judged(catalogue: Catalogue, indicator_id: str) -> None:
    indicator = catalogue.indicator(indicator_id)
    assert indicator.focus_area == "trygghet"
    assert indicator.direction.sign != 0


@pytest.mark.parametrize("indicator", _KOLADA_INDICATORS, ids=_ids(_KOLADA_INDICATORS))
def test_kolada_kpi_is_current_in_koladas_list(indicator: Indicator) -> None:
    assert KOLADA_ID.match(indicator.source_id)
    assert indicator.scb is None
    kpi = KOLADA_KPIS.get(indicator.source_id)
    assert kpi is not None, f"{indicator.source_id} is not in Kolada's KPI list (kolada_kpis.json)"
    assert not RETIRED_TITLE.search(kpi["title"]), f"{indicator.source_id} is retired"
    assert indicator.source_title == kpi["title"]
    assert indicator.gender == kpi["is_divided_by_gender"]


@pytest.mark.parametrize("indicator", _KOLADA_INDICATORS, ids=_ids(_KOLADA_INDICATORS))
def test_kolada_levels_follow_the_municipality_type(indicator: Indicator) -> None:
    kind = KOLADA_KPIS[indicator.source_id]["municipality_type"]
    levels, means = set(indicator.levels), set(indicator.municipal_mean_levels)
    if kind == "K":
        assert (levels, means) == ({Level.RIKET, Level.LAN, Level.KOMMUN}, {Level.RIKET, Level.LAN})
    elif kind == "L":
        assert Level.KOMMUN not in levels
        assert not means
    else:
        assert Level.KOMMUN in levels


@pytest.mark.parametrize("indicator", _AREA_INDICATORS, ids=_ids(_AREA_INDICATORS))
def test_indicator_links_to_its_own_subgoals(catalogue: Catalogue, indicator: Indicator) -> None:
    assert indicator.focus_area is not None
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
        assert indicator.maintainer_notes, f"{indicator.id}: say what is not verified"


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_targets_are_documented(indicator: Indicator) -> None:
    if indicator.target is not None:
        assert indicator.target.source, f"{indicator.id}: a target needs its source"
        assert indicator.target.note_sv and indicator.target.note_en


#: Abbreviations and separators of source titles that a curated title spells out.
SOURCE_TITLE_HABITS = re.compile(r"/inv\b|\bkr/|antal/|\bpga\b|\binkl\.|\d-\d| - |andel\(")


@pytest.mark.parametrize("indicator", _INDICATORS, ids=_ids(_INDICATORS))
def test_indicator_title_is_written_for_readers(indicator: Indicator) -> None:
    habit = SOURCE_TITLE_HABITS.search(indicator.title_sv)
    assert habit is None, f"{indicator.id}: title_sv keeps the source's {habit.group(0)!r}"
    assert len(indicator.title_sv) <= 100
    if indicator.source == "kolada":
        assert indicator.source_title, f"{indicator.id}: keep Kolada's title as source_title"


def test_the_products_proposals_are_the_framework_in_force(catalogue: Catalogue) -> None:
    framework = catalogue.framework
    assert framework is not None, "frameworks.yaml must name the framework in force"
    assert framework.origin == "project"
    assert framework.name_sv and framework.name_en
    assert framework.description_sv and framework.description_en
    assert {sg.proposed_by for sg in catalogue.subgoals} == {"project"}
    assert {sg.framework for sg in catalogue.subgoals} == {framework.id}
    assert {fsg.id for fsg in framework.subgoals} == {sg.id for sg in catalogue.subgoals}


def test_small_area_indicators_cover_the_strategys_questions(catalogue: Catalogue) -> None:
    small = catalogue.small_areas
    ids = {ind.id for ind in small.indicators}
    assert {"omr-folkmangd", "omr-utlandsk-bakgrund", "omr-forgymnasial", "omr-sysselsatta",
            "omr-medianinkomst", "omr-lag-ekonomisk-standard", "omr-hyresratt",
            "omr-omradestyp", "omr-inkomst-kvartil-1", "omr-inkomst-kvartil-4", "omr-personbilar",
            "omr-kvinnor", "omr-man", "omr-barn-0-4", "omr-alder-80"} <= ids  # fmt: skip
    assert {s.id for s in small.segregation} == {"seg-utlandsk-bakgrund",
                                                 "seg-lag-ekonomisk-standard"}  # fmt: skip
    assert small.population == "omr-folkmangd"
    # The profile's headline gap is the strategy's example: the share with a low economic
    # standard, not another judged share listed later (income in the lowest quarter).
    headline = small.headline_measure()
    assert headline is not None and headline.id == "omr-lag-ekonomisk-standard"
    assert [v.first_year for v in small.vintages] == [2010, 2025]
    assert all(ind.notes_sv is None or ind.notes_en for ind in small.indicators)


def test_three_or_four_headline_indicators_lead_the_overview(catalogue: Catalogue) -> None:
    headlines = catalogue.headlines
    assert 3 <= len(headlines) <= 4
    # Each says which way is good, so its sparkline can, and follows up a focus area.
    assert all(i.direction != "neutral" and i.focus_area for i in headlines)


def test_every_coded_indicator_names_its_codes_in_words(catalogue: Catalogue) -> None:
    """A unit that lists codes ("ja = 1, nej = 0") comes with each code's words."""
    coded = [i for i in catalogue.indicators if "= 1" in i.unit_sv]
    assert coded  # the catalogue has coded indicators
    for ind in coded:
        codes = {v.value for v in ind.value_labels}
        assert codes and all(f"= {c}" in ind.unit_sv or f"{c} =" in ind.unit_sv for c in codes), (
            ind.id
        )
