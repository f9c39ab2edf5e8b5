"""The map view drawn from hand-made data: the choropleth by address, hover texts, table."""

from __future__ import annotations

import pandas as pd

from levande.dashboard.indicator.data import MapView
from levande.dashboard.indicator.map import render_map
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from tests.unit.dashboard.indicator.sample_data import indicator_data, ranking
from tests.unit.dashboard.tree import find, has_id, of_type, text

FRAME = ranking(
    [
        {"region_code": "0180", "region_name": "Stockholm", "value": 9.6, "rank": 1, "rank_of": 2},
        {"region_code": "2180", "region_name": "Gävle", "value": 14.75, "rank": 2, "rank_of": 2},
        {"region_code": "0380", "region_name": "Uppsala", "value": float("nan"),
         "status": "Saknas"},
    ]
)  # fmt: skip


def test_map_refers_to_the_boundaries_by_address_and_names_every_place() -> None:
    view = MapView(FRAME, has_boundaries=True, geo_url="/geo/kommun.json?v=abc")
    out = render_map(indicator_data(view, tab="map"), view)
    figure = find(out, "map").figure
    best, worst, missing = figure.data  # lower is better: two quartile classes and the missing
    assert best.geojson == "/geo/kommun.json?v=abc"
    assert [list(t.locations) for t in figure.data] == [["0180"], ["2180"], ["0380"]]
    assert worst.customdata[0][0] == ("<b>Gävle</b><br>14,8 procent<br>Rang 2 av 2<br>14,8 (sämst)")
    assert worst.customdata[0][1] == "/kommun/2180"
    assert (
        missing.customdata[0][0]
        == "<b>Uppsala</b><br>saknas (Saknas)<br>Ingen rang<br>Uppgift saknas"
    )
    legend = " ".join(text(of_type(out, "Ul")[-1]).split())
    assert legend == "9,6 (bäst) 14,8 (sämst) Uppgift saknas"
    table = find(out, "map-table")
    assert [text(r) for r in of_type(table, "Tr")][1:] == [
        "Stockholm 9,6 Rang 1 av 2 9,6 (bäst)",
        "Gävle 14,8 Rang 2 av 2 14,8 (sämst)",
        "Uppsala saknas (Saknas) Ingen rang Uppgift saknas",
    ]
    assert of_type(out, "Details")[0].open is False  # the map is there, the table folded


def test_the_status_map_colours_by_status_category_with_its_legend() -> None:
    frame = FRAME.assign(
        series_status=pd.Series(["target_achieved", "deterioration", None], dtype=object)
    )
    view = MapView(frame, has_boundaries=True, geo_url="/geo/kommun.json?v=abc")
    out = render_map(indicator_data(view, tab="map", show="status"), view)
    figure = find(out, "map").figure
    assert [(t.name, list(t.locations)) for t in figure.data] == [
        ("Förbättras", ["0180"]), ("Försämras", ["2180"]), ("Saknar data", ["0380"]),
    ]  # fmt: skip
    switch = find(out, "display-switch-status")
    assert switch.href == "/indikator/trangboddhet?tab=map&year=2020&show=status"
    assert text(of_type(find(out, "map-table"), "Tr")[2]).endswith("Försämras")


def test_without_boundaries_the_table_stands_open() -> None:
    view = MapView(FRAME, has_boundaries=False)
    out = render_map(indicator_data(view, tab="map"), view)
    assert has_id(out, "map-no-boundaries") and not has_id(out, "map")
    assert of_type(out, "Details")[0].open is True


def test_no_year_means_nothing_to_draw() -> None:
    view = MapView(FRAME.iloc[0:0], has_boundaries=True)
    out = render_map(indicator_data(view, tab="map", year=None), view)
    assert "Det finns inga värden att rita" in text(out) and not has_id(out, "map")
    assert text(of_type(out, "H2")) == "Karta –"


def test_municipal_means_are_said_in_hover_and_note() -> None:
    frame = FRAME.assign(aggregation=MUNICIPAL_MEAN)
    view = MapView(frame, has_boundaries=True, geo_url="/geo/lan.json?v=abc")
    out = render_map(indicator_data(view, tab="map", level="lan"), view)
    hover = find(out, "map").figure.data[0].customdata[0][0]
    assert hover.endswith("<br>(ovägt medel av kommunerna)")
    assert "ovägt medelvärde av kommunernas värden" in text(out)


def test_the_chosen_place_and_its_peers_are_outlined_and_named_in_the_legend() -> None:
    view = MapView(FRAME, has_boundaries=True, geo_url="/geo/kommun.json?v=abc",
                   peers=("0180", "2180", "0380"), peer_label="B3 Större stad")  # fmt: skip
    out = render_map(indicator_data(view, tab="map", kommun="2180"), view)
    traces = find(out, "map").figure.data
    peers, chosen = traces[-2], traces[-1]
    assert list(peers.locations) == ["0180", "0380"] and peers.marker.line.width == 1.5
    assert list(chosen.locations) == ["2180"] and chosen.marker.line.width == 3
    assert chosen.hoverinfo == "skip"  # the place's own trace says what it is
    legend = " ".join(text(of_type(out, "Ul")[-1]).split())
    assert legend.endswith("Jämförelsegruppen B3 Större stad (ram) Gävle (tjock ram)")
