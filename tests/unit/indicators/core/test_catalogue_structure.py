"""Each rule of the catalogue loader, with the file, entry and fix it names.

Frameworks of sub-goals, context groups, retired focus areas and public versus maintainer
text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from levande.indicators.core.catalogue import (
    CatalogueError,
    load_catalogue,
    maintainer_phrase,
)
from testkit.sample_catalogue import write_sample_catalogue


@pytest.fixture
def context_config(tmp_path: Path) -> Path:
    """The sample catalogue with its context group and context indicator."""
    return write_sample_catalogue(tmp_path / "config", context=True)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    text = str(caught.value)
    assert "Traceback" not in text
    return text


TRANGBODDHET_HEAD = "focus_area: FA06\n    subgoals: [FA06-D1]"
SOURCE_TITLE = "    source_title: Trångboddhet i flerbostadshus, enligt norm 2, andel (%)\n"
FA01_SUBGOAL = (
    "        - id: FA01-D1\n          focus_area: FA01\n          text_sv: Livskvaliteten ökar.\n"
    "          text_en: Quality of life rises.\n"
)

# (file, old text, new text, expected file name, expected entry, expected message part)
BROKEN = [
    pytest.param(
        "indicators/fa06.yaml", TRANGBODDHET_HEAD,
        "focus_area: FA06\n    context_group: FA01\n    subgoals: [FA06-D1]",
        "fa06.yaml", "trangboddhet", "name exactly one of focus_area", id="area-and-group",
    ),
    pytest.param(
        "indicators/fa06.yaml", TRANGBODDHET_HEAD, "subgoals: [FA06-D1]",
        "fa06.yaml", "trangboddhet", "name exactly one of focus_area", id="neither-area-nor-group",
    ),
    pytest.param(
        "indicators/fa06.yaml", TRANGBODDHET_HEAD, "focus_area: FA06",
        "fa06.yaml", "trangboddhet", "follows up at least one sub-goal", id="area-without-subgoal",
    ),
    pytest.param(
        "indicators/fa06.yaml", SOURCE_TITLE, "",
        "fa06.yaml", "trangboddhet", "source_title: give Kolada's own title",
        id="kolada-without-source-title",
    ),
    pytest.param(
        "goal.yaml", "wording_status: reconstructed", "wording_status: verified",
        "goal.yaml", None, "a verified wording needs 'sources:'", id="verified-goal-unlinked",
    ),
    pytest.param(
        "goal.yaml", "resilient cities.", "resilient cities (reconstructed).",
        "goal.yaml", None, "text_en: public text speaks of a reconstructed text",
        id="goal-text-speaks-to-maintainers",
    ),
    pytest.param(
        "frameworks.yaml", "in_force: produktens-forslag", "in_force: radets-forslag",
        "frameworks.yaml", None, "in_force: unknown framework 'radets-forslag'",
        id="unknown-framework-in-force",
    ),
    pytest.param(
        "frameworks.yaml", "  in_force: produktens-forslag\n", "",
        "frameworks.yaml", None, "in_force: name the framework in force",
        id="no-framework-in-force",
    ),
    pytest.param(
        "frameworks.yaml", "origin: project", "origin: council_proposal",
        "frameworks.yaml", "produktens-forslag", "needs source_document and published",
        id="council-proposal-without-document",
    ),
    pytest.param(
        "frameworks.yaml", "focus_area: FA01\n", "focus_area: FA02\n",
        "frameworks.yaml", "FA01-D1", "unknown focus area 'FA02'", id="subgoal-of-unknown-area",
    ),
    pytest.param(
        "frameworks.yaml", "- id: FA06-D2", "- id: FA01-D2",
        "frameworks.yaml", "FA01-D2", "the id must start with its focus area FA06-",
        id="subgoal-id-of-other-area",
    ),
    pytest.param(
        "frameworks.yaml", FA01_SUBGOAL, "",
        "frameworks.yaml", "produktens-forslag",
        "focus area FA01 has no sub-goal in the framework in force",
        id="area-without-subgoal-in-force",
    ),
    pytest.param(
        "focus_areas.yaml", "    description_en: Residents' quality of life.\n",
        "    description_en: Residents' quality of life.\n    subgoals:\n"
        "      - {id: FA01-D9, text_sv: X, text_en: Y, proposed_by: project}\n",
        "focus_areas.yaml", "FA01", "sub-goals belong to a framework in frameworks.yaml",
        id="nested-subgoals-beside-frameworks",
    ),
    pytest.param(
        "focus_areas.yaml", "    description_sv: Invånarnas livskvalitet.",
        "    heading_sv: Livskvalitet som draglok\n    description_sv: Invånarnas livskvalitet.",
        "focus_areas.yaml", "FA01", "heading_sv and heading_en go together",
        id="heading-in-one-language",
    ),
    pytest.param(
        "focus_areas.yaml", "    description_sv: Invånarnas livskvalitet.",
        "    statistics_gap_sv: Ingen nationell statistik ännu.\n"
        "    description_sv: Invånarnas livskvalitet.",
        "focus_areas.yaml", "FA01", "statistics_gap_sv and statistics_gap_en go together",
        id="statistics-gap-in-one-language",
    ),
    pytest.param(
        "focus_areas.yaml", "    description_sv: Invånarnas livskvalitet.",
        "    replaces: [FA06]\n    description_sv: Invånarnas livskvalitet.",
        "focus_areas.yaml", "FA01", "replaces: FA06 is a current id", id="replaces-a-current-area",
    ),
    pytest.param(
        "focus_areas.yaml", "    description_sv: Invånarnas livskvalitet.",
        "    pillar: levande2\n    description_sv: Invånarnas livskvalitet.",
        "focus_areas.yaml", "FA01", "pillar", id="unknown-pillar",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "where", "entry", "message"), BROKEN)
def test_broken_structure_names_file_entry_and_fix(
    sample_config: Path, file: str, old: str, new: str, where: str, entry: str | None, message: str
) -> None:
    _replace(sample_config / file, old, new)
    text = _problems(sample_config)
    assert where in text
    assert message in text
    if entry is not None:
        assert f"[{entry}]" in text


BROKEN_CONTEXT = [
    pytest.param(
        "indicators/sammanhang.yaml", "    context_group: forutsattningar\n",
        "    context_group: forutsattningar\n    subgoals: [FA06-D1]\n",
        "sammanhang.yaml", "befolkningsforandring", "a context indicator follows up no sub-goal",
        id="context-indicator-with-subgoals",
    ),
    pytest.param(
        "indicators/sammanhang.yaml", "context_group: forutsattningar", "context_group: sammanhang",
        "sammanhang.yaml", "befolkningsforandring", "unknown context group 'sammanhang'",
        id="unknown-context-group",
    ),
    pytest.param(
        "indicators/sammanhang.yaml", "    context_group: forutsattningar\n",
        "    focus_area: forutsattningar\n    subgoals: [FA06-D1]\n",
        "sammanhang.yaml", "befolkningsforandring", "it is a context group: use context_group:",
        id="context-group-named-as-focus-area",
    ),
    pytest.param(
        "context_groups.yaml", "id: forutsattningar", "id: FA06",
        "context_groups.yaml", "FA06", "cannot share its id with a focus area",
        id="context-group-id-of-an-area",
    ),
    pytest.param(
        "context_groups.yaml", "replaces: [FA09]", "replaces: [FA01]",
        "context_groups.yaml", "forutsattningar", "replaces: FA01 is a current id",
        id="context-group-replaces-current-area",
    ),
    pytest.param(
        "frameworks.yaml", "focus_area: FA06\n          text_sv: Befolkningen växer.",
        "focus_area: forutsattningar\n          text_sv: Befolkningen växer.",
        "frameworks.yaml", "FA06-D2", "forutsattningar is a context group, which has no sub-goals",
        id="subgoal-in-context-group",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "where", "entry", "message"), BROKEN_CONTEXT)
def test_broken_context_group_names_file_entry_and_fix(
    context_config: Path,
    file: str,
    old: str,
    new: str,
    where: str,
    entry: str | None,
    message: str,
) -> None:
    _replace(context_config / file, old, new)
    text = _problems(context_config)
    assert where in text
    assert message in text
    if entry is not None:
        assert f"[{entry}]" in text


def test_an_old_id_leads_to_one_place_only(context_config: Path) -> None:
    _replace(
        context_config / "focus_areas.yaml",
        "    description_sv: Invånarnas livskvalitet.",
        "    replaces: [FA09]\n    description_sv: Invånarnas livskvalitet.",
    )
    assert "replaces: FA09 is already replaced by FA01" in _problems(context_config)


MAINTAINER_TEXT = [
    pytest.param("Kontrollera koden mot tabellen.", "asks for a check", id="kontrollera"),
    pytest.param("Check the codes first.", "asks for a check", id="check"),
    pytest.param("Namnet är ett arbetsnamn.", "speaks of a working title", id="arbetsnamn"),
    pytest.param("Texten är rekonstruerad.", "speaks of a reconstructed text", id="rekonstruerad"),
    pytest.param("Mappen anges i LEVANDE_CONFIG_DIR.", "names an environment variable", id="env"),
    pytest.param("Se config/indicators/fa06.yaml.", "names a file or folder", id="path"),
    pytest.param("Ändra sedan direction: neutral.", "names a catalogue setting", id="setting"),
    pytest.param("ContentsCode BE0101N1 avser folkmängd.", "names a catalogue setting", id="code"),
    pytest.param("TODO byt källa.", "is a note to maintainers", id="todo"),
    pytest.param("OBS: titeln ändrades.", "is a note to maintainers", id="obs"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "why"), MAINTAINER_TEXT)
def test_public_text_never_speaks_to_maintainers(
    sample_config: Path, sentence: str, why: str
) -> None:
    _replace(
        sample_config / "indicators/fa06.yaml",
        "description_sv: Andel trångbodda.",
        "description_sv: " + json.dumps(f"Andel trångbodda. {sentence}", ensure_ascii=False),
    )
    text = _problems(sample_config)
    assert "fa06.yaml [trangboddhet]: description_sv: public text" in text
    assert why in text
    assert "move it to maintainer_notes" in text


@pytest.mark.parametrize(("sentence", "why"), MAINTAINER_TEXT)
def test_maintainer_notes_may_say_anything(sample_config: Path, sentence: str, why: str) -> None:
    _replace(
        sample_config / "indicators/fa06.yaml",
        "maintainer_notes: Koderna lästa ur tabellens metadata (BefolkningNy).",
        "maintainer_notes: " + json.dumps(sentence, ensure_ascii=False),
    )
    assert why
    assert load_catalogue(sample_config).indicator("folkmangd").maintainer_notes == sentence


@pytest.mark.parametrize(
    "text",
    [
        "Andelen som känner sig trygga i bostadsområdet när det är mörkt.",
        "Checkpoints along the route are not counted.",
        "Measured in the right direction since 2015.",
        "Källa: Brås nationella trygghetsundersökning (NTU).",
    ],
)
def test_ordinary_reader_text_passes(text: str) -> None:
    assert maintainer_phrase(text) is None


def test_a_reconstructed_goal_may_say_so_in_its_wording_note(sample_config: Path) -> None:
    goal = load_catalogue(sample_config).goal
    assert goal.wording_status == "reconstructed"
    assert "Rekonstruerad" in (goal.wording_note_sv or "")


def test_sample_subgoals_come_from_the_framework_in_force(sample_config: Path) -> None:
    catalogue = load_catalogue(sample_config)
    framework = catalogue.framework
    assert framework is not None and framework.id == "produktens-forslag"
    assert framework.origin == "project"
    assert [sg.id for sg in catalogue.subgoals] == ["FA01-D1", "FA06-D1", "FA06-D2"]
    assert {(sg.proposed_by, sg.framework) for sg in catalogue.subgoals} == {
        ("project", "produktens-forslag")
    }


COUNCIL = """\
    - id: radets-forslag
      version: "2027.1"
      origin: council_proposal
      name_sv: Rådet för levande städers förslag till delmål
      name_en: The Council for Living Cities' proposed sub-goals
      published: 2027-03-01
      source_document: Rådet för levande städer, redovisning 2027
      subgoals:
        - id: FA01-R1
          focus_area: FA01
          text_sv: Fler trivs i sin stad.
          text_en: More people thrive in their city.
        - id: FA06-R1
          focus_area: FA06
          text_sv: Bostäder byggs där behoven finns.
          text_en: Homes are built where they are needed.
"""


@pytest.mark.parametrize(
    ("in_force", "subgoals", "proposed_by"),
    [
        ("produktens-forslag", ["FA01-D1", "FA06-D1", "FA06-D2"], "project"),
        ("radets-forslag", ["FA01-R1", "FA06-R1"], "council"),
    ],
)
def test_the_framework_in_force_is_chosen_in_config(
    sample_config: Path, in_force: str, subgoals: list[str], proposed_by: str
) -> None:
    path = sample_config / "frameworks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "produktens-forslag\n  sets", f"{in_force}\n  sets"
        )
        + COUNCIL,
        encoding="utf-8",
    )
    for name, extra in (("fa01.yaml", "FA01-R1"), ("fa06.yaml", "FA06-R1")):
        ind_path = sample_config / "indicators" / name
        text = ind_path.read_text(encoding="utf-8")
        for sg in ("FA01-D1", "FA06-D1", "FA06-D2"):
            text = text.replace(f"subgoals: [{sg}]", f"subgoals: [{sg}, {extra}]")
        ind_path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(sample_config)
    assert catalogue.framework_in_force == in_force
    assert [f.id for f in catalogue.frameworks] == ["produktens-forslag", "radets-forslag"]
    assert [sg.id for sg in catalogue.subgoals] == subgoals
    assert {sg.proposed_by for sg in catalogue.subgoals} == {proposed_by}


def test_an_indicator_must_follow_a_subgoal_in_force(sample_config: Path) -> None:
    path = sample_config / "frameworks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "produktens-forslag\n  sets", "radets-forslag\n  sets"
        )
        + COUNCIL,
        encoding="utf-8",
    )
    text = _problems(sample_config)
    assert "fa06.yaml [trangboddhet]: subgoals: none of them is in the framework in force" in text


def test_subgoals_written_under_focus_areas_still_load(sample_config: Path) -> None:
    (sample_config / "frameworks.yaml").unlink()
    path = sample_config / "focus_areas.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    description_en: Residents' quality of life.\n",
        "    description_en: Residents' quality of life.\n    subgoals:\n"
        "      - {id: FA01-D1, text_sv: A, text_en: A, proposed_by: project}\n",
    ).replace(
        "    description_en: Housing and population.\n",
        "    description_en: Housing and population.\n    subgoals:\n"
        "      - {id: FA06-D1, text_sv: B, text_en: B, proposed_by: government}\n"
        "      - {id: FA06-D2, text_sv: C, text_en: C, proposed_by: council}\n",
    )
    path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(sample_config)
    assert catalogue.framework is None
    assert [(sg.id, sg.proposed_by) for sg in catalogue.subgoals] == [
        ("FA01-D1", "project"),
        ("FA06-D1", "government"),
        ("FA06-D2", "council"),
    ]


def test_without_frameworks_every_area_needs_a_subgoal(sample_config: Path) -> None:
    (sample_config / "frameworks.yaml").unlink()
    text = _problems(sample_config)
    assert "focus_areas.yaml [FA01]: subgoals: a focus area needs at least one sub-goal" in text


def test_context_group_holds_its_indicators_apart(context_config: Path) -> None:
    catalogue = load_catalogue(context_config)
    assert [fa.id for fa in catalogue.focus_areas] == ["FA01", "FA06"]
    assert [g.id for g in catalogue.context_groups] == ["forutsattningar"]
    assert [i.id for i in catalogue.context_indicators] == ["befolkningsforandring"]
    assert [i.id for i in catalogue.indicators_of("forutsattningar")] == ["befolkningsforandring"]
    assert all(i.focus_area is not None for i in catalogue.indicators_of("FA06"))
    assert catalogue.redirects == {"FA09": "forutsattningar"}
    assert catalogue.context_group("forutsattningar").name_en == "Conditions and context"


def test_a_renamed_indicator_keeps_its_former_ids(sample_config: Path) -> None:
    _replace(
        sample_config / "indicators/fa06.yaml",
        "  - id: trangboddhet\n",
        "  - id: trangboddhet-norm2\n    former_ids: [trangboddhet, trangbodd]\n",
    )
    catalogue = load_catalogue(sample_config)
    assert catalogue.indicator_redirects == {
        "trangboddhet": "trangboddhet-norm2",
        "trangbodd": "trangboddhet-norm2",
    }
    assert catalogue.indicator("trangboddhet-norm2").former_ids == ["trangboddhet", "trangbodd"]


FORMER_IDS_BROKEN = [
    pytest.param(
        [("indicators/fa06.yaml", "  - id: trangboddhet\n",
          "  - id: trangboddhet\n    former_ids: [folkmangd]\n")],
        "fa06.yaml", "trangboddhet",
        "former_ids: 'folkmangd' is the id of a current indicator (in fa06.yaml)",
        id="a-current-id-in-the-same-file",
    ),
    pytest.param(
        [("indicators/fa01.yaml", "  - id: sjalvskattad-halsa\n",
          "  - id: sjalvskattad-halsa\n    former_ids: [trangboddhet]\n")],
        "fa01.yaml", "sjalvskattad-halsa",
        "former_ids: 'trangboddhet' is the id of a current indicator (in fa06.yaml)",
        id="a-current-id-in-another-file",
    ),
    pytest.param(
        [("indicators/fa01.yaml", "  - id: sjalvskattad-halsa\n",
          "  - id: sjalvskattad-halsa\n    former_ids: [halsa]\n"),
         ("indicators/fa06.yaml", "  - id: trangboddhet\n",
          "  - id: trangboddhet\n    former_ids: [halsa]\n")],
        "fa06.yaml", "trangboddhet",
        "former_ids: 'halsa' is already listed by sjalvskattad-halsa in fa01.yaml",
        id="another-indicators-former-id",
    ),
    pytest.param(
        [("indicators/fa06.yaml", "  - id: trangboddhet\n",
          "  - id: trangboddhet\n    former_ids: [trangbodd, trangbodd]\n")],
        "fa06.yaml", "trangboddhet", "former_ids: 'trangbodd' is already listed here",
        id="listed-twice",
    ),
    pytest.param(
        [("indicators/fa06.yaml", "  - id: trangboddhet\n",
          "  - id: trangboddhet\n    former_ids: [Trångbodd]\n")],
        "fa06.yaml", "trangboddhet", "former_ids.0: String should match pattern",
        id="not-an-id",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("edits", "where", "entry", "message"), FORMER_IDS_BROKEN)
def test_a_former_id_that_collides_names_file_entry_and_fix(
    sample_config: Path, edits: list[tuple[str, str, str]], where: str, entry: str, message: str
) -> None:
    for file, old, new in edits:
        _replace(sample_config / file, old, new)
    text = _problems(sample_config)
    line = next((ln for ln in text.splitlines() if message in ln), None)
    assert line is not None, text
    assert where in line and f"[{entry}]" in line
