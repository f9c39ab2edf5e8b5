"""A monthly table shown as the catalogue's annual value unless the reader asks for months."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard.indicator.data import annual_rows
from levande.dashboard.indicator.params import Facts, IndicatorState, parse_indicator_state
from levande.dashboard.indicator.render import months_note, render
from levande.dashboard.urls import Problem
from tests.unit.dashboard import samples
from tests.unit.dashboard.indicator.sample_data import chart, indicator_data, lines
from tests.unit.dashboard.tree import find, has_id, of_type, text

PERIODS = ("2023", "2024", "2025M06", "2025M12", "2026M01", "2026M04")
MONTHLY = Facts(
    kommuner=frozenset({"0180"}),
    lan=frozenset({"01"}),
    peers=frozenset(),
    periods={"kommun": PERIODS, "lan": PERIODS},
    annual_month=12,
)
POPULATION = samples.indicator(
    id="folkmangd", unit_sv="antal invånare", unit_en="number of inhabitants", decimals=0,
    direction="neutral", target=None, annual_month=12,
)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "year", "months", "problems"),
    [
        ({}, "2025M12", False, ()),  # the latest annual value, not April
        ({"months": "1"}, "2026M04", True, ()),
        ({"months": "0"}, "2025M12", False, ()),
        ({"year": "2026M01"}, "2026M01", True, ()),  # a link to one month shows the months
        ({"year": "2024"}, "2024", False, ()),
        ({"months": "ja"}, "2025M12", False, (Problem("bad_months", "ja"),)),
    ],
)
def test_the_address_chooses_annual_values_or_months(
    query: dict[str, str], year: str, months: bool, problems: tuple[Problem, ...]
) -> None:
    state = parse_indicator_state("folkmangd", query, MONTHLY)
    assert (state.year, state.months, state.problems) == (year, months, problems)
    assert ("months=1" in state.href()) is months


def test_an_indicator_without_an_annual_month_ignores_the_choice() -> None:
    every = Facts(**{**MONTHLY.__dict__, "annual_month": None})
    state = parse_indicator_state("x", {"months": "1"}, every)
    assert (state.year, state.months, state.problems) == ("2026M04", False, ())


def test_the_chart_keeps_one_value_a_year_unless_months_are_asked_for() -> None:
    frame = lines([("00", "Riket", "riket", p, float(i), None) for i, p in enumerate(PERIODS)])
    annual = annual_rows(frame, POPULATION, IndicatorState("folkmangd"))
    assert list(annual["period"]) == ["2023", "2024", "2025M12"]
    assert list(annual["value"]) == [0.0, 1.0, 3.0]  # the stored December value, unchanged
    every = annual_rows(frame, POPULATION, IndicatorState("folkmangd", months=True))
    assert list(every["period"]) == list(PERIODS)


def test_the_page_states_the_choice_and_links_to_the_other() -> None:
    data = indicator_data(None, info=POPULATION, facts=MONTHLY, year="2025M12")
    note = months_note(data)
    assert " ".join(text(note).split()) == (
        "Källans tabell är månadsvis. Här visas årsvärdet: december varje år. Visa alla månader"
    )
    assert find(note, "months-link").href == "/indikator/trangboddhet?year=2025M12&months=1"
    months = indicator_data(None, info=POPULATION, facts=MONTHLY, year="2026M04", months=True)
    note = months_note(months)
    assert "Alla månader visas. Årsvärdet är december varje år." in text(note)
    assert find(note, "months-link").href == "/indikator/trangboddhet"
    english = indicator_data(None, info=POPULATION, facts=MONTHLY, lang="en")
    assert "The annual value is shown here: December each year." in text(months_note(english))
    assert months_note(indicator_data(None)) is None  # an annual indicator says nothing


def test_monthly_periods_are_written_for_people_in_the_chart_and_its_table() -> None:
    rows: list[tuple[str, str, str, str, float | None, Any]] = [
        ("00", "Riket", "riket", p, 100.0 + i, None) for i, p in enumerate(PERIODS[2:])
    ]
    page = render(indicator_data(chart(rows), info=POPULATION, facts=MONTHLY, months=True))
    figure = find(page.children, "chart").figure
    assert list(figure.data[0].x) == ["juni 2025", "december 2025", "januari 2026", "april 2026"]
    table = find(page.children, "chart-table")
    cells = [text(row.children[0]) for row in of_type(table, "Tr")]
    assert cells == ["Period", "juni 2025", "december 2025", "januari 2026", "april 2026"]
    assert "2026M04" not in text(find(page.children, "view"))
    assert has_id(page.children, "months-note")
