"""The comparison drawn from hand-made data: choices, charts, tables and downloads."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from levande.dashboard.places.compare import render_compare
from levande.dashboard.places.data import CompareData
from levande.dashboard.places.params import CompareState
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import profiles as p
from tests.unit.dashboard import samples
from tests.unit.dashboard.places.sample_data import FA01, LIVS
from tests.unit.dashboard.tree import find, has_id, of_type, text

REGIONS = (samples.RIKET, samples.GAVLEBORG, samples.STOCKHOLM, samples.GAVLE)
SERIES = pd.DataFrame(
    [
        {"indicator_id": "livskvalitet", "region_code": code, "region_name": name,
         "region_level": level, "period": period, "breakdown": "T", "value": value,
         "status": status, "aggregation": aggregation}
        for code, name, level, period, value, status, aggregation in (
            ("00", "Riket", "riket", "2019", 66.5, None, MUNICIPAL_MEAN),
            ("00", "Riket", "riket", "2020", 66.9, None, MUNICIPAL_MEAN),
            ("2180", "Gävle", "kommun", "2019", float("nan"), "Saknas", None),
            ("2180", "Gävle", "kommun", "2020", 66.0, None, None),
        )
    ]
)  # fmt: skip


def _compare(places: tuple[str, ...], ind: tuple[str, ...], chosen: bool = True) -> CompareData:
    return CompareData(
        state=CompareState(places, ind),
        regions=REGIONS,
        indicators=(LIVS,),
        focus_areas=(FA01,),
        series=SERIES if chosen else None,
        freshness={"livskvalitet": p.Freshness(samples.FETCHED, None)},
        indicator_credits={"livskvalitet": "Källa: Kolada"},
    )


def test_one_chart_and_table_per_indicator_with_a_line_per_place() -> None:
    page = render_compare(_compare(("00", "2180"), ("livskvalitet",)))
    figure = find(page.children, "chart-livskvalitet").figure
    assert [trace.name for trace in figure.data] == ["Riket", "Gävle"]
    rows = [text(r) for r in of_type(find(page.children, "table-livskvalitet"), "Tr")]
    assert rows[1:] == ["2019 66,5* saknas (källans tecken Saknas)", "2020 66,9* 66,0"]
    words = text(page.children)
    assert "* Värdet för riket och länen är ett ovägt medelvärde" in words
    assert "Källa: Kolada. Senast hämtad 2026-03-01 07:00." in words


def test_downloads_and_profiles_of_the_chosen_places() -> None:
    page = render_compare(_compare(("00", "2180"), ("livskvalitet",)))
    assert find(page.children, "download-compare-csv").href == (
        "/ladda-ner/jamfor.csv?places=00%2C2180&ind=livskvalitet"
    )
    profiles = find(page.children, "compare-profiles")
    assert [n.href for n in of_type(profiles, "Link")] == ["/kommun/2180"]  # not the nation


def test_chosen_items_can_be_removed_and_more_added() -> None:
    page = render_compare(_compare(("2180",), ("livskvalitet",)))
    assert find(page.children, "remove-places-2180").href == "/jamfor?ind=livskvalitet"
    assert find(page.children, "remove-ind-livskvalitet").href == "/jamfor?places=2180"
    assert not has_id(page.children, "choose-add_place")  # no list of 311 names
    picker = find(page.children, "add-place")
    assert (picker.action, picker.method) == ("/jamfor", "get")
    field = find(picker, "add-place-q")
    assert (field.name, field.className) == ("add_place", "place-search__input")
    kept = {n.name: n.value for n in of_type(picker, "Input") if n.type == "hidden"}
    assert kept == {"places": "2180", "ind": "livskvalitet"}  # the other choices travel along
    assert "Lägg till en plats" in text(picker)
    assert not has_id(page.children, "choose-add_ind")  # no list of every indicator


def test_indicators_are_added_by_typing_their_title() -> None:
    page = render_compare(_compare(("2180",), ("livskvalitet",), chosen=False))
    picker = find(page.children, "add-ind")
    assert (picker.action, picker.method) == ("/jamfor", "get")
    field = find(picker, "add-ind-q")
    assert (field.name, field.type) == ("add_ind", "text")
    label = next(n for n in of_type(picker, "Label") if n.htmlFor == "add-ind-q")
    assert text(label) == "Lägg till en indikator"
    props = str(find(picker, "add-ind-q-status").to_plotly_json())
    assert "'data-source': '/indikatorer.json'" in props and "'data-kind': 'indicators'" in props
    form = picker.to_plotly_json()["props"]
    assert (form["data-type-ahead"], form["data-add-to"]) == ("1", "ind")
    kept = {n.name: n.value for n in of_type(picker, "Input") if n.type == "hidden"}
    assert kept == {"places": "2180", "ind": "livskvalitet"}  # the other choices travel along
    english_state = CompareState(("2180",), (), "en")
    english = render_compare(
        replace(_compare(("2180",), (), chosen=False), state=english_state, version="v7")
    )
    picker = find(english.children, "add-ind")
    assert "Add an indicator" in text(picker)
    assert find(picker, "add-ind-q-lang").value == "en"
    assert "/indikatorer.json?v=v7" in str(find(picker, "add-ind-q-status").to_plotly_json())


def test_the_indicator_picker_is_left_out_when_the_most_indicators_are_chosen() -> None:
    most = tuple(f"ind{i}" for i in range(p.MAX_COMPARE_INDICATORS))
    page = render_compare(_compare(("2180",), most, chosen=False))
    assert not has_id(page.children, "add-ind")
    assert has_id(page.children, "add-place")


def test_the_place_picker_is_left_out_when_ten_places_are_chosen() -> None:
    ten = tuple(f"{i:04d}" for i in range(10))
    assert not has_id(
        render_compare(_compare(ten, ("livskvalitet",), chosen=False)).children, "add-place"
    )


def test_nothing_chosen_asks_for_a_choice() -> None:
    page = render_compare(_compare((), (), chosen=False))
    assert has_id(page.children, "compare-empty")
    assert not has_id(page.children, "download-compare-csv")
    assert (page.title, page.path) == ("Jämför kommuner och län", "/jamfor")
