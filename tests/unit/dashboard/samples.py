"""Hand-made catalogue entries, places and statuses for the pages' render tests.

The catalogue entries are the catalogue's own models.

The render tests build a page's data directly from these, without a database, and change only
what a test is about (``dataclasses.replace`` or keyword arguments).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from levande.indicators.core.catalogue import (
    ContextGroup,
    FocusArea,
    Framework,
    FrameworkSubgoal,
    Indicator,
    Subgoal,
)
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import about as provenance
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads import rollups

FETCHED = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
"""A fetch time: 07:00 in Stockholm."""


def indicator(**changes: Any) -> Indicator:
    """Overcrowding: a Kolada indicator in per cent, lower is better, target 10 % by 2030."""
    fields: dict[str, Any] = {
        "id": "trangboddhet",
        "focus_area": "FA06",
        "subgoals": ["FA06-D1"],
        "source": "kolada",
        "source_id": "N07907",
        "source_title": "Trångboddhet",
        "title_sv": "Trångboddhet",
        "title_en": "Overcrowding",
        "description_sv": "Andel trångbodda.",
        "description_en": "Share overcrowded.",
        "unit_sv": "procent",
        "unit_en": "per cent",
        "direction": "lower_is_better",
        "decimals": 1,
        "levels": ["riket", "lan", "kommun"],
        "gender": False,
        "target": {"value": 10.0, "year": 2030},
    }
    fields.update(changes)
    return Indicator.model_validate(fields)


def region(code: str, name: str, level: str, **changes: Any) -> dims.RegionInfo:
    """A region; counties' and municipalities' parents and groups as given."""
    fields: dict[str, Any] = {
        "code": code,
        "name": name,
        "level": level,
        "parent_code": None,
        "kolada_group_id": None,
        "skr_group_id": None,
    }
    fields.update(changes)
    return dims.RegionInfo(**fields)


RIKET = region("00", "Riket", "riket")
STOCKHOLMS_LAN = region("01", "Stockholms län", "lan")
GAVLEBORG = region("21", "Gävleborgs län", "lan")
STOCKHOLM = region("0180", "Stockholm", "kommun", parent_code="01", skr_group_id="G1")
GAVLE = region("2180", "Gävle", "kommun", parent_code="21", skr_group_id="G2")
SANDVIKEN = region("2181", "Sandviken", "kommun", parent_code="21")


def focus_area(**changes: Any) -> FocusArea:
    """Focus area FA06, "Bostäder", with its sub-goal FA06-D1."""
    fields: dict[str, Any] = {
        "id": "FA06",
        "name_sv": "Bostäder",
        "name_en": "Housing",
        "description_sv": "Bostäder för alla.",
        "description_en": "Homes for everyone.",
        "subgoals": [subgoal()],
    }
    fields.update(changes)
    return FocusArea.model_validate(fields)


def subgoal(**changes: Any) -> Subgoal:
    """Sub-goal FA06-D1, the product's proposal."""
    fields: dict[str, Any] = {
        "id": "FA06-D1",
        "text_sv": "Ingen ska bo trångt.",
        "text_en": "No one lives crowded.",
        "proposed_by": "project",
    }
    fields.update(changes)
    return Subgoal.model_validate(fields)


def explanation(**changes: Any) -> rollups.StatusExplanation:
    """A stored status: limited progress from 15.25 (2018) to 14.75 (2020) towards 10."""
    fields: dict[str, Any] = {
        "indicator_id": "trangboddhet",
        "region_code": "0180",
        "breakdown": "T",
        "status": "limited_progress",
        "manual": False,
        "reason": None,
        "score": 0.25,
        "base_period": "2018",
        "base_value": 15.25,
        "latest_period": "2020",
        "latest_value": 14.75,
        "rank": 3,
        "rank_of": 3,
        "quartile": None,
        "computed_status": None,
        "kind": "target",
        "target_value": 10.0,
        "target_year": 2030,
        "observed_cagr": -0.0166,
        "required_cagr": -0.0391,
        "thresholds": (0.25, 0.75, 1.0),
        "n_points": 3,
        "flip_share": None,
        "method_version": "1",
        "computed_at": FETCHED,
        "previous_status": None,
    }
    fields.update(changes)
    return rollups.StatusExplanation(**fields)


def about(**changes: Any) -> provenance.AboutInfo:
    """Kolada's KPI N07907, fetched at :data:`FETCHED`, with one request reproducing it."""
    url = "https://api.kolada.se/v3/data/kpi/N07907/year/2018,2019,2020"
    fields: dict[str, Any] = {
        "source": "kolada",
        "source_id": "N07907",
        "table_id": None,
        "source_title": "Trångboddhet",
        "source_link": "https://www.kolada.se/verktyg/fri-sokning/?kpis=N07907",
        "source_updated": None,
        "publication_date": "2026-02-20",
        "last_fetched": FETCHED,
        "last_checked": FETCHED,
        "last_error": None,
        "requests": (provenance.SourceRequest("GET", url, None, "all"),),
    }
    fields.update(changes)
    return provenance.AboutInfo(**fields)


def profile_row(info: Indicator | None = None, **changes: Any) -> p.ProfileRow:
    """A row of a profile with a value in 2020, a change since 2019 and positions."""
    fields: dict[str, Any] = {
        "period": "2020",
        "value": 66.0,
        "previous_period": "2019",
        "previous_value": 65.5,
        "change": 0.5,
        "status": "moderate_progress",
        "position": p.Position(3, 5, 3),
        "peer_position": p.Position(2, 2, 4),
        "peer_median": 70.5,
        "peer_n": 2,
        "riket_value": 66.9,
        "riket_aggregation": MUNICIPAL_MEAN,
        "county_value": 66.25,
        "points": (("2018", 65.0), ("2019", 65.5), ("2020", 66.0)),
        "riket_points": (("2018", 66.0), ("2020", 66.9)),
    }
    fields.update(changes)
    return p.ProfileRow(info if info is not None else indicator(), **fields)


# --- catalogue entries, as the pages read them from the catalogue ---------------------------


def catalogue_subgoal(**changes: Any) -> Subgoal:
    """Sub-goal ``trygghet-d1``, the product's proposal in framework ``produktens-forslag``."""
    fields: dict[str, Any] = {
        "id": "trygghet-d1",
        "text_sv": "Fler känner sig trygga.",
        "text_en": "More people feel safe.",
        "proposed_by": "project",
        "framework": "produktens-forslag",
    }
    fields.update(changes)
    return Subgoal(**fields)


def area(**changes: Any) -> FocusArea:
    """Focus area ``trygghet``, section 3.7 of the skrivelse, with one sub-goal."""
    fields: dict[str, Any] = {
        "id": "trygghet",
        "name_sv": "Trygghet",
        "name_en": "Safety and security",
        "description_sv": "Trygghet i staden.",
        "description_en": "Safety in the city.",
        "subgoals": [catalogue_subgoal()],
        "replaces": ["FA07"],
    }
    fields.update(changes)
    return FocusArea(**fields)


def context_group(**changes: Any) -> ContextGroup:
    """The context group ``forutsattningar``, which replaced ``FA06``."""
    fields: dict[str, Any] = {
        "id": "forutsattningar",
        "strategy_section": "3.6",
        "name_sv": "Förutsättningar och sammanhang",
        "name_en": "Conditions and context",
        "heading_sv": "Förutsättningar för en levande stad",
        "heading_en": "Conditions for a living city",
        "description_sv": "Befolkning och bostäder.",
        "description_en": "Population and housing.",
        "replaces": ["FA06"],
    }
    fields.update(changes)
    return ContextGroup(**fields)


def context_indicator(**changes: Any) -> Indicator:
    """Population, a context indicator of ``forutsattningar``."""
    fields: dict[str, Any] = {
        "id": "folkmangd",
        "context_group": "forutsattningar",
        "source": "kolada",
        "source_id": "N01951",
        "source_title": "Invånare totalt, antal",
        "title_sv": "Folkmängd",
        "title_en": "Population",
        "description_sv": "Antal invånare.",
        "description_en": "Number of inhabitants.",
        "unit_sv": "antal",
        "unit_en": "number",
        "direction": "neutral",
        "levels": ["riket", "lan", "kommun"],
    }
    fields.update(changes)
    return Indicator(**fields)


def framework(**changes: Any) -> Framework:
    """The product's proposed sub-goals, version 2026.1."""
    fields: dict[str, Any] = {
        "id": "produktens-forslag",
        "version": "2026.1",
        "origin": "project",
        "name_sv": "Produktens förslag till delmål",
        "name_en": "The product's proposed sub-goals",
        "subgoals": [
            FrameworkSubgoal(
                id="trygghet-d1",
                focus_area="trygghet",
                text_sv="Fler känner sig trygga.",
                text_en="More people feel safe.",
            )
        ],
    }
    fields.update(changes)
    return Framework(**fields)
