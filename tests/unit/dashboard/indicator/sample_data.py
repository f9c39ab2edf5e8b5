"""An indicator page's data built by hand: :func:`indicator_data` and the views' frames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from levande.dashboard.indicator.data import ChartData, Choices, IndicatorData, View
from levande.dashboard.indicator.params import Facts, IndicatorState
from levande.indicators.core.catalogue import Indicator
from levande.indicators.reads import series as obs
from tests.unit.dashboard import samples

FACTS = Facts(
    kommuner=frozenset({"0180", "2180"}),
    lan=frozenset({"01", "21"}),
    peers=frozenset({"G1"}),
    periods={"kommun": ("2018", "2019", "2020"), "lan": ("2019", "2020")},
    breakdowns=("T",),
    levels=("kommun", "lan"),
)

CHOICES = Choices(
    lan=(("01", "Stockholms län"), ("21", "Gävleborgs län")),
    kommun=(("2180", "Gävle"), ("0180", "Stockholm")),
    peers=(("G1", "B3 Större stad"),),
)


def indicator_data(
    view: View = None,
    *,
    info: Indicator | None = None,
    facts: Facts = FACTS,
    **changes: Any,
) -> IndicatorData:
    """Overcrowding's page for a state (``tab="map"``...), the view's data as given."""
    state = IndicatorState("trangboddhet", **{"year": "2020", **changes})
    fields: dict[str, Any] = {
        "info": info if info is not None else samples.indicator(),
        "facts": facts,
        "state": state,
        "focus_area": samples.focus_area(),
        "about": samples.about(),
        "national": samples.explanation(region_code="00"),
        "has_data": True,
        "credit": "Källa: Kolada",
        "choices": CHOICES,
        "view": view,
    }
    return IndicatorData(**fields)


def lines(rows: list[tuple[str, str, str, str, float | None, Any]]) -> pd.DataFrame:
    """The chart's lines from (code, name, level, period, value, aggregation) rows."""
    frame = pd.DataFrame(
        [
            {
                "region_code": code,
                "region_name": name,
                "region_level": level,
                "period": period,
                "breakdown": "T",
                "value": float("nan") if value is None else value,
                "status": None if value is not None else "..",
                "aggregation": aggregation,
                "role": level,
                "name": name,
            }
            for code, name, level, period, value, aggregation in rows
        ],
        columns=[*obs.SERIES_COLUMNS, "role", "name"],
    )
    return frame


def chart(rows: list[tuple[str, str, str, str, float | None, Any]]) -> ChartData:
    """A chart of the given lines, without a peer group."""
    return ChartData(lines=lines(rows), band=None, peer=None)


def ranking(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A ranking frame (map and table) from partial rows; the rest is filled in."""
    defaults: dict[str, Any] = {
        "status": None,
        "aggregation": None,
        "rank": None,
        "rank_of": None,
        "quartile": None,
        "previous_period": None,
        "previous_value": float("nan"),
        "change": float("nan"),
        "series_status": None,
    }
    columns = ["region_code", "region_name", "value", *defaults]
    frame = pd.DataFrame([{**defaults, **row} for row in rows], columns=columns)
    for column in ("rank", "rank_of"):  # whole numbers, missing for places without a value
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame
