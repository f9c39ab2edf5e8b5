"""Local data files: the two formats, every problem reported at once, the privacy threshold."""

from __future__ import annotations

import pytest

from levande.indicators.core.local_data import (
    THEMES,
    AreaKind,
    LocalDataError,
    LocalKind,
    area_kind,
    parse_dataset,
)

SURVEY = """area_code,area_name,survey_date,theme,mean_score,respondents,breakdown,breakdown_value
2180C1010,Brynäs,2026-05-12,trygghet,3.4,41,,
2180C1010,Brynäs,2026-05-12,natur,5.9,41,,
2180C1010,Brynäs,2026-05-12,trygghet,2.9,22,kön,kvinnor
2180R004_RegSO2025,Sätra,2026-05-12,trygghet,4.25,9,,
2180R004_RegSO2025,Sätra,2026-05-12,natur,,12,,
"""

MEASURE = """area_code;area_name;measure;unit;year;value
2180C1010;Brynäs;Gångavstånd till bibliotek, median;meter;2025;1 240,5
2180C1020;;Gångavstånd till bibliotek, median;meter;2025;
"""


def test_a_survey_file_reads_exactly_with_too_few_answers_withheld() -> None:
    rows = parse_dataset(SURVEY, LocalKind.PLATSKOMPASSEN, "2180")
    got = [(r.area_code, r.item, r.value, r.respondents, r.breakdown_value) for r in rows]
    assert got == [
        ("2180C1010", "trygghet", 3.4, 41, None),
        ("2180C1010", "natur", 5.9, 41, None),
        ("2180C1010", "trygghet", 2.9, 22, "kvinnor"),
        ("2180R004_RegSO2025", "trygghet", None, 9, None),  # 9 < 10: never a number
        ("2180R004_RegSO2025", "natur", None, 12, None),  # nobody scored it: missing, not 0
    ]
    assert [r.withheld for r in rows] == [False, False, False, True, False]
    assert rows[3].area_kind is AreaKind.REGSO and rows[0].area_kind is AreaKind.DESO


def test_the_threshold_is_the_datasets() -> None:
    rows = parse_dataset(SURVEY, LocalKind.PLATSKOMPASSEN, "2180", min_respondents=25)
    assert [r.value for r in rows][:3] == [3.4, 5.9, None]


def test_a_swedish_excel_measure_file_reads_with_decimal_comma_and_a_bom() -> None:
    rows = parse_dataset("\ufeff" + MEASURE, LocalKind.MEASURE, "2180")
    assert [(r.area_code, r.period, r.value, r.unit, r.area_name) for r in rows] == [
        ("2180C1010", "2025", 1240.5, "meter", "Brynäs"),
        ("2180C1020", "2025", None, "meter", None),
    ]


def test_every_problem_is_reported_with_row_column_and_fix() -> None:
    bad = (
        "area_code,survey_date,theme,mean_score,respondents\n"
        "2181C1010,2026-05-12,trygghet,3.4,41\n"  # Sandviken's area
        "2180C1010,12/5/2026,trygghet,3.4,41\n"
        "2180C1010,2026-05-12,safety,3.4,41\n"
        "2180C1010,2026-05-12,natur,8,41\n"
        "2180C1010,2026-05-12,natur,4,many\n"
        "2180C1010,2026-05-12,trygghet,3.4,41\n"
        "2180C1010,2026-05-12,trygghet,3.5,41\n"
    )
    with pytest.raises(LocalDataError) as caught:
        parse_dataset(bad, LocalKind.PLATSKOMPASSEN, "2180")
    where = [(p.row, p.column) for p in caught.value.problems]
    assert where == [
        (1, "area_code"),
        (2, "survey_date"),
        (3, "theme"),
        (4, "mean_score"),
        (5, "respondents"),
        (7, None),  # the same value as row 6
    ]
    first = str(caught.value.problems[0])
    assert first.startswith("row 1, column 'area_code': '2181C1010' is not an area of")
    assert "2180C1010" in first  # the fix shows a code of the right municipality
    assert "row 6" in str(caught.value.problems[-1])


@pytest.mark.parametrize(
    ("header", "column", "message"),
    [
        ("area_code,survey_date,theme,mean_score", "respondents", "missing column(s)"),
        (
            "area_code,survey_date,theme,mean_score,respondents,score2",
            "score2",
            "unknown column(s)",
        ),
    ],
)
def test_a_wrong_header_names_the_columns(header: str, column: str, message: str) -> None:
    with pytest.raises(LocalDataError) as caught:
        parse_dataset(header + "\n", LocalKind.PLATSKOMPASSEN, "2180")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.message) == (None, column, message)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("area_code,measure,unit,year,value\n2180C1010,,meter,2025,3\n", "measure"),
        ("area_code,measure,unit,year,value\n2180C1010,x,,2025,3\n", "unit"),
        ("area_code,measure,unit,year,value\n2180C1010,x,meter,25,3\n", "year"),
        ("area_code,measure,unit,year,value\n2180C1010,x,meter,2025,tre\n", "value"),
        ("area_code,measure,unit,year,value\n,x,meter,2025,3\n", "area_code"),
    ],
)
def test_measure_rows(text: str, column: str) -> None:
    with pytest.raises(LocalDataError) as caught:
        parse_dataset(text, LocalKind.MEASURE, "2180")
    assert [p.column for p in caught.value.problems] == [column]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(LocalDataError, match="no rows"):
        parse_dataset("area_code,measure,unit,year,value\n", LocalKind.MEASURE, "2180")


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("2180C1010", AreaKind.DESO),
        ("2180A0010_DeSO2025", AreaKind.DESO),
        ("2180R004", AreaKind.REGSO),
        ("2180R004_RegSO2025", AreaKind.REGSO),
        ("Satra", AreaKind.LOCAL),
        ("2181C1010", None),  # another municipality's DeSO
        ("2180D1010", None),  # no such DeSO letter
        ("2180C1010_RegSO2025", None),  # a DeSO code with RegSO's suffix
        ("Okänt", None),  # not among the published areas
    ],
)
def test_area_codes(code: str, kind: AreaKind | None) -> None:
    assert area_kind(code, "2180", frozenset({"Satra"})) == kind


def test_fourteen_themes_each_named_in_both_languages() -> None:
    assert len(THEMES) == 14 and len({t.id for t in THEMES}) == 14
    assert all(t.sv and t.en for t in THEMES)
