"""The catalogue loader accepts a valid catalogue and names file, entry and fix for each error."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from levande.indicators.core.catalogue import CatalogueError, ManualStatus, load_catalogue
from levande.indicators.core.vocabulary import MANUAL_STATUSES, Direction, Level, Status
from testkit.sample_catalogue import write_sample_catalogue


def test_sample_catalogue_loads(sample_config: Path) -> None:
    catalogue = load_catalogue(sample_config)
    assert [fa.id for fa in catalogue.focus_areas] == ["FA01", "FA06"]
    assert [sg.id for sg in catalogue.subgoals] == ["FA01-D1", "FA06-D1", "FA06-D2"]
    assert [i.id for i in catalogue.indicators_of("FA06")] == ["trangboddhet", "folkmangd"]
    trangboddhet = catalogue.indicator("trangboddhet")
    assert trangboddhet.direction is Direction.LOWER_IS_BETTER
    assert trangboddhet.target is not None and trangboddhet.target.year == 2030
    assert catalogue.indicator("livskvalitet-kommunindex").municipal_mean_levels == [
        Level.RIKET,
        Level.LAN,
    ]
    assert catalogue.schedule.timezone == "Europe/Stockholm"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, old text, new text, expected file name, expected entry, expected message part)
BROKEN = [
    pytest.param(
        "indicators/fa06.yaml", "focus_area: FA06\n    subgoals: [FA06-D1]",
        "focus_area: FA09\n    subgoals: [FA06-D1]", "fa06.yaml", "trangboddhet",
        "unknown focus area 'FA09'", id="unknown-focus-area",
    ),
    pytest.param(
        "indicators/fa06.yaml", "subgoals: [FA06-D1]", "subgoals: [FA06-D7]",
        "fa06.yaml", "trangboddhet", "unknown sub-goal 'FA06-D7'", id="unknown-subgoal",
    ),
    pytest.param(
        "indicators/fa06.yaml", "subgoals: [FA06-D1]", "subgoals: [FA01-D1]",
        "fa06.yaml", "trangboddhet", "belongs to FA01", id="subgoal-of-other-area",
    ),
    pytest.param(
        "indicators/fa06.yaml", "id: folkmangd", "id: trangboddhet",
        "fa06.yaml", "trangboddhet", "duplicate indicator id", id="duplicate-indicator",
    ),
    pytest.param(
        "indicators/fa06.yaml", "source: kolada\n    source_id: N07907",
        "source: skatteverket\n    source_id: N07907", "fa06.yaml", "trangboddhet",
        "unknown source 'skatteverket'", id="unknown-source",
    ),
    pytest.param(
        "indicators/fa06.yaml", "direction: lower_is_better", "direction: down",
        "fa06.yaml", "trangboddhet", "direction 'down' is not one of", id="bad-direction",
    ),
    pytest.param(
        "indicators/fa06.yaml", "      value: 10\n      year: 2030", "      value: 10",
        "fa06.yaml", "trangboddhet", "a target needs a year", id="target-without-year",
    ),
    pytest.param(
        "indicators/fa06.yaml", "source_id: N07907", "source_id: N7907",
        "fa06.yaml", "trangboddhet", "is not a Kolada KPI id", id="bad-kolada-id",
    ),
    pytest.param(
        "indicators/fa06.yaml", "source_id: TAB638", "source_id: befolkning",
        "fa06.yaml", "folkmangd", "neither a PxWebApi 2.0 table id", id="bad-scb-id",
    ),
    pytest.param(
        "indicators/fa06.yaml", "ContentsCode: [BE0101N1]", "Alder: [tot]",
        "fa06.yaml", "folkmangd", "must fix ContentsCode", id="scb-without-contents",
    ),
    pytest.param(
        "indicators/fa06.yaml", "    unit_sv: procent\n    unit_en: per cent\n    direction: lower",
        "    unit_sv: procent\n    unit_en: per cent\n    colour: red\n    direction: lower",
        "fa06.yaml", "trangboddhet", "colour: unknown key", id="unknown-key",
    ),
    pytest.param(
        "indicators/fa06.yaml", "decimals: 0", "decimals: many",
        "fa06.yaml", "folkmangd", "decimals: Input should be a valid integer", id="wrong-type",
    ),
    pytest.param(
        "indicators/fa06.yaml", "    title_en: Overcrowding\n", "",
        "fa06.yaml", "trangboddhet", "title_en: required field is missing", id="missing-field",
    ),
    pytest.param(
        "indicators/fa06.yaml", "ContentsCode: [BE0101N1]",
        'ContentsCode: [BE0101N1]\n        Civilstand: ["*"]', "fa06.yaml", "folkmangd",
        "must name exactly one value code", id="scb-would-sum-parts",
    ),
    pytest.param(
        "frameworks.yaml", "- id: FA06-D2", "- id: FA06-D1",
        "frameworks.yaml", "FA06-D1", "duplicate sub-goal id", id="duplicate-subgoal",
    ),
    pytest.param(
        "focus_areas.yaml", "name_status: verified", "name_status: maybe",
        "focus_areas.yaml", "FA01", "name_status", id="bad-name-status",
    ),
    pytest.param(
        "goal.yaml", "  wording_note_sv: Rekonstruerad formulering.\n", "",
        "goal.yaml", None, "reconstructed wording needs", id="goal-without-note",
    ),
    pytest.param(
        "schedule.yaml", '"15 2 * * *"', '"15 25 * * *"',
        "schedule.yaml", "jobs.0.cron", "hour '25' is not valid; use 0-23", id="bad-cron",
    ),
    pytest.param(
        "schedule.yaml", "job: kolada", "job: weather",
        "schedule.yaml", "jobs.0.job", "Input should be", id="unknown-job",
    ),
    pytest.param(
        "schedule.yaml", "timezone: Europe/Stockholm", "timezone: Mars/Olympus",
        "schedule.yaml", None, "unknown time zone", id="bad-timezone",
    ),
    pytest.param(
        "indicators/fa01.yaml", "  - id: sjalvskattad-halsa",
        "  - id: sjalvskattad-halsa\n   bad: [",
        "fa01.yaml", None, "malformed YAML at line", id="malformed-yaml",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "where", "entry", "message"), BROKEN)
def test_broken_catalogue_names_file_entry_and_problem(
    sample_config: Path,
    file: str,
    old: str,
    new: str,
    where: str,
    entry: str | None,
    message: str,
) -> None:
    _replace(sample_config / file, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(sample_config)
    text = str(caught.value)
    assert where in text
    assert message in text
    if entry is not None:
        assert entry in text
    assert "Traceback" not in text


def test_every_problem_is_reported_not_only_the_first(sample_config: Path) -> None:
    _replace(sample_config / "indicators/fa06.yaml", "direction: lower_is_better", "direction: x")
    _replace(sample_config / "indicators/fa01.yaml", "source_id: N00310", "source_id: X1")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(sample_config)
    assert len(caught.value.problems) == 2


def test_missing_folder_and_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="config folder does not exist"):
        load_catalogue(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "empty")
    text = str(caught.value)
    assert "goal.yaml: file is missing" in text
    assert "no indicator files" in text


def test_unknown_schedule_indicator(sample_config: Path) -> None:
    with (sample_config / "schedule.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            '    - id: some\n      job: indicators\n      cron: "0 3 * * *"\n'
            "      indicators: [no-such-indicator]\n"
        )
    with pytest.raises(CatalogueError, match=r"schedule.yaml \[some\]: unknown indicator"):
        load_catalogue(sample_config)


def test_bom_is_tolerated(sample_config: Path) -> None:
    path = sample_config / "goal.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_catalogue(sample_config).goal.decided.year == 2025


@pytest.mark.parametrize("word", sorted(s.value for s in MANUAL_STATUSES))
def test_a_manual_status_is_a_judgement_or_none(word: str) -> None:
    manual = ManualStatus(status=word, comment_sv="Bedömd", comment_en="Judged")
    assert manual.status is Status(word)


@pytest.mark.parametrize("word", ["too_uncertain", "context", "improving", "good"])
def test_a_manual_status_is_never_the_methods_own_conclusion(word: str) -> None:
    with pytest.raises(ValidationError):
        ManualStatus(status=word, comment_sv="Bedömd", comment_en="Judged")


def test_the_catalogue_names_its_headline_indicators_in_order(sample_config: Path) -> None:
    catalogue = load_catalogue(sample_config)
    assert [i.id for i in catalogue.headlines] == ["livskvalitet-kommunindex", "trangboddhet"]


def test_more_than_four_headlines_are_refused_with_the_fix(tmp_path: Path) -> None:
    config = write_sample_catalogue(tmp_path / "config", context=True)
    for path in (config / "indicators").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("    headline: true\n", "")
        path.write_text(text.replace("    direction:", "    headline: true\n    direction:"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(config)
    text = str(caught.value)
    assert "headline: at most 4 indicators lead the overview; 5 are marked" in text
    assert "Remove 'headline: true' from some" in text
    assert len(caught.value.problems) == 1  # the one past the fourth, named with its file


@pytest.mark.parametrize("month", [0, 13])
def test_an_annual_month_is_a_month(sample_config: Path, month: int) -> None:
    path = sample_config / "indicators/fa06.yaml"
    _replace(path, "direction: neutral\n", f"direction: neutral\n    annual_month: {month}\n")
    with pytest.raises(CatalogueError, match=r"fa06.yaml \[folkmangd\]: annual_month"):
        load_catalogue(sample_config)
