"""Classed maps: quartiles by mapclassify, the worst class marked, one trace per class."""

from __future__ import annotations

import json
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]
import pytest
from plotly.utils import PlotlyJSONEncoder  # type: ignore[import-untyped]

from levande.dashboard.components.maps import (
    MISSING_COLOUR,
    QUARTILE_COLOURS,
    Inset,
    MapClass,
    Outline,
    classed_map_figure,
    ink,
    inset_domains,
    map_legend,
    quantile_classes,
    status_classes,
)
from levande.dashboard.components.status import GROUP_COLOUR
from tests.unit.dashboard.tree import text

EIGHT = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, float("nan")])


@pytest.mark.parametrize(
    ("direction", "labels", "first_key"),
    [
        ("higher_is_better", ["7–8 (bäst)", "5–6", "3–4", "1–2 (sämst)"], "c0"),
        ("lower_is_better", ["1–2 (bäst)", "3–4", "5–6", "7–8 (sämst)"], "c0"),
        ("neutral", ["7–8", "5–6", "3–4", "1–2"], "c0"),
    ],
)
def test_quartiles_are_ordered_best_first_and_the_worst_is_marked(
    direction: str, labels: list[str], first_key: str
) -> None:
    keys, classes = quantile_classes(EIGHT, direction, 0, "sv")
    assert [c.label for c in classes] == labels
    assert keys[0] == first_key and keys[-1] == "missing"  # a missing value is never a class
    worst = [c for c in classes if c.worst]
    if direction == "neutral":
        assert not worst  # no better or worse without a direction
    else:
        assert worst == [classes[-1]] and worst[0].colour == QUARTILE_COLOURS[-1]


def test_few_distinct_values_make_fewer_classes_with_labels_that_never_overlap() -> None:
    keys, classes = quantile_classes(pd.Series([2.0, 2.0, 2.0, 7.25]), "higher_is_better", 1, "sv")
    assert [c.label for c in classes] == ["7,3 (bäst)", "2,0 (sämst)"]
    assert len(set(keys)) == 2
    assert quantile_classes(pd.Series([float("nan")]), "higher_is_better", 1, "sv") == (
        ["missing"],
        [],
    )


def _eight_places() -> tuple[pd.DataFrame, list[MapClass]]:
    keys, classes = quantile_classes(EIGHT, "higher_is_better", 0, "sv")
    frame = pd.DataFrame(
        {
            "region_code": [f"0{i}" for i in range(9)],
            "cls": keys,
            "text": [f"Plats {i}" for i in range(9)],
            "href": [f"/kommun/0{i}" for i in range(9)],
        }
    )
    return frame, classes


def test_one_trace_per_class_with_its_colour_hover_and_link() -> None:
    frame, classes = _eight_places()
    fig = classed_map_figure(frame, "/geo/kommun.json?v=1", classes, "Saknas", "sv")
    assert [trace.name for trace in fig.data] == [c.label for c in classes] + ["Saknas"]
    best = fig.data[0]
    assert list(best.locations) == ["06", "07"]
    assert {c[1] for c in best.colorscale} == {classes[0].colour}
    assert best.geojson == "/geo/kommun.json?v=1"  # an address: the browser fetches it once
    assert [list(c) for c in best.customdata] == [
        ["Plats 6", "/kommun/06"],
        ["Plats 7", "/kommun/07"],
    ]
    assert {c[1] for c in fig.data[-1].colorscale} == {MISSING_COLOUR}


def test_an_inset_draws_its_places_again_zoomed_framed_and_named() -> None:
    frame, classes = _eight_places()
    insets = [Inset("Stockholms län", ("06", "07", "01")), Inset("Ingenstans", ("99",))]
    outlines = [Outline(("07",), "Vald", 3)]
    fig = classed_map_figure(
        frame,
        "/geo/kommun.json?v=1",
        classes,
        "Saknas",
        "sv",
        outlines,
        insets,
    )
    main = [t for t in fig.data if t.geo == "geo"]
    inset = [t for t in fig.data if t.geo == "geo2"]
    assert sorted(c for t in main if t.hoverinfo != "skip" for c in t.locations) == [
        f"0{i}" for i in range(9)
    ]  # Sweden has every place once
    assert [(t.name, list(t.locations)) for t in inset] == [
        ("7–8 (bäst)", ["06", "07"]),
        ("1–2 (sämst)", ["01"]),
        ("Vald", ["07"]),  # the chosen place is outlined in the inset too
    ]
    assert not [t for t in fig.data if t.geo == "geo3"]  # an inset without places is left out
    # Every inset trace keeps the hover text and the link of its place.
    assert [list(c) for c in inset[0].customdata] == [
        ["Plats 6", "/kommun/06"], ["Plats 7", "/kommun/07"],
    ]  # fmt: skip
    layout = fig.layout
    assert layout.geo.domain.x == (0.0, 0.56)
    assert layout.geo2.fitbounds == "locations"
    assert layout.geo2.domain.x == (0.6, 1.0)
    assert [a.text for a in layout.annotations] == ["Stockholms län"]
    assert len(layout.shapes) == 1  # its frame


def test_without_insets_sweden_takes_the_whole_figure() -> None:
    frame, classes = _eight_places()
    fig = classed_map_figure(frame, "/geo/kommun.json?v=1", classes, "Saknas", "sv")
    assert {t.geo for t in fig.data} == {"geo"}
    assert fig.layout.geo.domain.x is None and not fig.layout.annotations


@pytest.mark.parametrize("n", [1, 2, 3])
def test_insets_are_stacked_without_overlap_inside_the_figure(n: int) -> None:
    domains = inset_domains(n)
    spans = [d["y"] for d in domains]
    assert all(0.0 <= lo < hi <= 1.0 for lo, hi in spans)
    assert all(below[1] < above[0] for above, below in pairwise(spans))


def test_status_classes_use_the_vocabulary_and_its_colours() -> None:
    classes = status_classes("en")
    assert [c.label for c in classes] == [
        "Improving",
        "Stable",
        "Worsening",
        "Not judged",
        "No data",
    ]
    assert [c.colour for c in classes] == list(GROUP_COLOUR.values())
    assert [c.key for c in classes if c.worst] == ["worsening"]
    legend = text(map_legend("Status", classes, None))
    assert legend.startswith("Status") and "Worsening" in legend


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([lum(a), lum(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", [*GROUP_COLOUR.values(), *QUARTILE_COLOURS, MISSING_COLOUR])
def test_text_on_every_class_colour_reaches_4_5_to_1(colour: str) -> None:
    assert _contrast(colour, ink(colour)) >= 4.5


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("with_insets", [False, True])
def test_the_figure_encodes_as_plotly_validating_it_would(lang: str, with_insets: bool) -> None:
    frame, classes = _eight_places()
    insets = [Inset("Stockholms län", ("06", "07", "01")), Inset("Ingenstans", ("99",))]
    outlines = [Outline(("03", "04"), "Jämförelsegrupp", 1.5), Outline(("07",), "Vald", 3)]
    fig = classed_map_figure(
        frame, "/geo/kommun.json?v=1", classes, "Saknas", lang, outlines,
        insets if with_insets else (),
    )  # fmt: skip
    validated = go.Figure(fig.to_dict())  # every property checked and coerced by Plotly
    assert json.dumps(fig, cls=PlotlyJSONEncoder, sort_keys=True) == json.dumps(
        validated, cls=PlotlyJSONEncoder, sort_keys=True
    )
