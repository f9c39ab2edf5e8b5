"""Every answer to a publisher exists in Swedish and English, with the same placeholders."""

from __future__ import annotations

from string import Formatter

import pytest

from levande.indicators.core.local_data import LocalDataError, LocalKind, Problem, parse_dataset
from levande.indicators.core.local_texts import (
    FRAME_TEXTS,
    LANGUAGES,
    PROBLEM_TEXTS,
    WordedError,
    frame_text,
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(PROBLEM_TEXTS))
def test_every_problem_has_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = PROBLEM_TEXTS[key]
    assert set(texts) == set(LANGUAGES)
    for part in (0, 1):
        assert _fields(texts["sv"][part]) == _fields(texts["en"][part])
    assert texts["sv"] != texts["en"] or not any(c.isalpha() for c in texts["en"][0])


@pytest.mark.parametrize("key", sorted(FRAME_TEXTS))
def test_every_answer_has_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = FRAME_TEXTS[key]
    assert set(texts) == set(LANGUAGES)
    assert _fields(texts["sv"]) == _fields(texts["en"])


def test_a_problem_reads_in_the_language_asked() -> None:
    with pytest.raises(LocalDataError) as caught:
        parse_dataset(
            "area_code,measure,unit,year,value\n2180C1010,x,meter,25,tre\n",
            LocalKind.MEASURE,
            "2180",
        )
    year, value = caught.value.problems
    assert year.text("sv") == "rad 1, kolumn 'year': '25' är inte ett år — skriv året som ÅÅÅÅ"
    assert year.text("en") == "row 1, column 'year': '25' is not a year — write the year as YYYY"
    assert str(value) == value.text("en")
    assert value.text("sv").endswith("skriv ett tal (eller lämna tomt)")


def test_an_unknown_language_falls_back_to_english() -> None:
    problem = Problem(None, None, "no_rows")
    assert (
        problem.text("fi")
        == problem.text("en")
        == "the file has no rows — add one row per area and value"
    )
    assert frame_text("withdrew", "fi", municipality="2180", dataset="p") == "withdrew 2180/p"


def test_a_worded_error_is_english_in_logs_and_swedish_on_request() -> None:
    error = WordedError("token_scope", own="2180", municipality="2181")
    assert str(error) == "this token acts for municipality 2180 only, not 2181"
    assert error.text("sv") == "nyckeln gäller bara kommun 2180, inte 2181"
