"""The place pages' data built by hand: a municipality's and a county's profile."""

from __future__ import annotations

from typing import Any

from levande.dashboard.places.data import PeerChoice, PeerForm, ProfileData
from levande.dashboard.places.params import ProfileState
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from tests.unit.dashboard import samples

LIVS = samples.indicator(
    id="livskvalitet",
    focus_area="FA01",
    title_sv="Livskvalitet",
    title_en="Quality of life",
    unit_sv="index",
    unit_en="index",
    direction="higher_is_better",
    target=None,
    subgoals=["FA01-D1"],
)
HALSA = samples.indicator(
    id="halsa",
    focus_area="FA01",
    title_sv="Självskattad hälsa",
    unit_sv="procent",
    direction="higher_is_better",
    subgoals=["FA01-D1"],
)
FA01_D1 = samples.subgoal(id="FA01-D1", text_sv="Alla mår bra.")
FA01 = samples.focus_area(
    id="FA01", name_sv="Livskvalitet", name_en="Quality of life", subgoals=[FA01_D1]
)

ROWS = (
    samples.profile_row(LIVS),
    p.ProfileRow(
        HALSA,
        missing_reason="suppressed",
        missing_symbol="Saknas",
        riket_value=70.0,
        points=(("2020", None),),
    ),
)
SKR = PeerChoice(p.PeerSet("skr", "G2", ("2180", "2181")), "G2", "B3 Större stad", "Större städer.")


def profile_data(
    state: ProfileState | None = None,
    *,
    place: dims.RegionInfo = samples.GAVLE,
    county: dims.RegionInfo | None = samples.GAVLEBORG,
    **changes: Any,
) -> ProfileData:
    """Gävle's profile against its SKR group; fields changed as given."""
    state = state or ProfileState(place.level, place.code)
    profile = p.Profile(place, county, SKR.peers, ROWS)
    fields: dict[str, Any] = {
        "state": state,
        "place": place,
        "profile": profile,
        "choice": SKR,
        "peer_names": ("Gävle", "Sandviken"),
        "peer_form": PeerForm((("G2", "SKR-grupp B3 Större stad"), ("lan", "Länet"))),
        "own_group": "B3 Större stad",
        "county_members": (),
        "focus_areas": (FA01,),
        "coverage": p.coverage(ROWS, (FA01,)),
        "changes": (),
        "latest_recompute": samples.FETCHED,
        "freshness": {"livskvalitet": p.Freshness(samples.FETCHED, None)},
        "credits": ("Källa: SCB", "Källa: Kolada"),
        "indicator_credits": {"livskvalitet": "Källa: Kolada", "halsa": "Källa: Kolada"},
        "last_refresh": samples.FETCHED,
        "printed": "2026-03-02",
        "version": "v1",
    }
    fields.update(changes)
    return ProfileData(**fields)
