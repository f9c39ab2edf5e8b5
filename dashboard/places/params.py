"""URL state of the place pages.

A profile's peer group and print view, the search text, the comparison's lists.

Like :mod:`dashboard.indicator.params`, the parsers are pure: they take the raw query values and the
codes and ids the database allows, and return a clean state plus the problems found. A list
lives in one comma-separated parameter (``peers=0180,1480,1280``, ``places=0180,1480``,
``ind=a,b``), so a link carries the whole selection; a repeated parameter is read as more of
the same list, and ``add``-parameters (the fallback of a form without JavaScript) are merged
into it, so every way of reaching a selection ends in the same state and the same links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from levande.dashboard.components.embed import is_embed
from levande.dashboard.i18n import DEFAULT_LANG
from levande.dashboard.urls import Problem, echo, first, href, lang_from
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.profiles import (
    MAX_COMPARE_INDICATORS,
    MAX_COMPARE_PLACES,
    MAX_CUSTOM_PEERS,
)

PEER_COUNTY = "lan"
"""``peer=lan``: the municipalities of the place's county."""

PEER_CUSTOM = "custom"
"""``peer=custom``: the list in ``peers``."""


MAX_QUERY = 100
"""Longest search text used; the rest is ignored."""


def place_path(place: dims.RegionInfo) -> str:
    """The profile path of a municipality or county."""
    return f"/{'kommun' if place.level == 'kommun' else 'lan'}/{place.code}"


@dataclass(frozen=True)
class SearchParams:
    """What the search page was asked: the text (cut to :data:`MAX_QUERY`) and the language."""

    text: str = ""
    lang: str = DEFAULT_LANG
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def parse_search_params(kwargs: Mapping[str, object]) -> SearchParams:
    """Read the search page's ``q`` and ``lang``; any other parameter is ignored."""
    lang, problems = lang_from(kwargs)
    text = (first(kwargs.get("q")) or "")[:MAX_QUERY]
    return SearchParams(text, lang, tuple(problems))


PROFILE_KEYS = ("lang", "peer", "peers", "add", "print", "embed")
"""The query parameters a profile reads; any other is ignored."""

COMPARE_KEYS = ("lang", "places", "add_place", "ind", "add_ind", "peer")
"""The query parameters the comparison reads; any other is ignored."""


@dataclass(frozen=True)
class PlaceRequest:
    """A place page's address, before the database says what it may choose.

    Attributes:
        lang: the language (the default when unusable).
        query: the known query parameters, raw as Dash gives them.
        level: ``kommun`` or ``lan`` for a profile; empty for the comparison.
        code: the place's code from the path, unquoted; empty for the comparison.
    """

    lang: str
    query: Mapping[str, object]
    level: str = ""
    code: str = ""


def _read(kwargs: Mapping[str, object], keys: tuple[str, ...]) -> dict[str, object]:
    return {key: kwargs[key] for key in keys if key in kwargs}


def parse_profile_request(level: str, code: object, kwargs: Mapping[str, object]) -> PlaceRequest:
    """Read a profile's address: the level, the code from the path, the known parameters."""
    lang, _ = lang_from(kwargs)
    return PlaceRequest(lang, _read(kwargs, PROFILE_KEYS), level, unquote(first(code) or ""))


def parse_compare_request(kwargs: Mapping[str, object]) -> PlaceRequest:
    """Read the comparison's address: its known parameters."""
    lang, _ = lang_from(kwargs)
    return PlaceRequest(lang, _read(kwargs, COMPARE_KEYS))


def split_list(raw: object) -> list[str]:
    """The items of a list parameter: comma- or space-separated, repeated or not, in order."""
    values = raw if isinstance(raw, list | tuple) else [raw]
    items: list[str] = []
    for value in values:
        if value is None:
            continue
        for part in str(value).replace(" ", ",").split(","):
            part = part.strip()
            if part and part not in items:
                items.append(part)
    return items


def typed_items(raw: object) -> list[str]:
    """What add-fields sent, each value whole: a typed name may hold spaces and commas.

    ``add_place`` and ``add_ind`` come from a form's one text field (or a list's one option),
    so a value is one item; cut at spaces, "Upplands Väsby" would be two unknown places.
    """
    values = raw if isinstance(raw, list | tuple) else [raw]
    items: list[str] = []
    for value in values:
        text = " ".join(str(value).split()) if value is not None else ""
        if text and text not in items:
            items.append(text)
    return items


def join_list(items: Iterable[str]) -> str | None:
    """A list parameter's value, or None for an empty list."""
    joined = ",".join(items)
    return joined or None


COUNCIL = "rad"
"""``print=rad``: the council print (Rådsunderlag), the summary on one or two A4 pages."""


def _print_flag(kwargs: Mapping[str, object], problems: list[Problem]) -> str | None:
    """None for the screen, ``"1"`` for the full print view, :data:`COUNCIL` for the council's."""
    raw = first(kwargs.get("print"))
    if raw is None or raw == "0":
        return None
    if raw in ("1", COUNCIL):
        return raw
    problems.append(Problem("bad_print", echo(raw)))
    return None


@dataclass(frozen=True)
class ProfileState:
    """What a profile shows, as chosen in the URL.

    Attributes:
        level: ``kommun`` or ``lan``.
        code: the place's code.
        lang: the language.
        peer: the peer choice as written in the URL: a municipality group's id,
            :data:`PEER_COUNTY`, :data:`PEER_CUSTOM`, or None for the default.
        peers: the custom list (municipality codes, the place itself left out).
        print_view: the printable layout.
        council: the council print (Rådsunderlag): the summary and the whole picture only.
        problems: parameters that could not be used.
        embed: the embeddable summary (``embed=1``).
    """

    level: str
    code: str
    lang: str = DEFAULT_LANG
    peer: str | None = None
    peers: tuple[str, ...] = ()
    print_view: bool = False
    council: bool = False
    problems: tuple[Problem, ...] = field(default=(), compare=False)
    embed: bool = False

    @property
    def path(self) -> str:
        """The page's path."""
        return f"/{self.level}/{self.code}"

    def params(self) -> dict[str, str | None]:
        """The query parameters of this state, defaults left out."""
        custom = self.peer == PEER_CUSTOM
        return {
            "lang": self.lang if self.lang != DEFAULT_LANG else None,
            "peer": self.peer,
            "peers": join_list(self.peers) if custom else None,
            "print": COUNCIL if self.council else "1" if self.print_view else None,
            "embed": "1" if self.embed else None,
        }

    def href(self, **changes: object) -> str:
        """The link to this state with some fields changed."""
        changed = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        return href(changed.path, changed.params())


def parse_profile_state(
    level: str,
    code: str,
    kwargs: Mapping[str, object],
    *,
    groups: frozenset[str],
    kommuner: frozenset[str],
) -> ProfileState:
    """Read a profile's state from its query parameters.

    A custom list (``peers``, plus any ``add``) implies ``peer=custom`` when ``peer`` is
    absent; codes that are no municipality, the place itself and codes beyond
    :data:`MAX_CUSTOM_PEERS` are dropped, the first two kinds with a notice. A county's
    profile always compares with all counties, so its peer parameters are ignored.

    Args:
        level: ``kommun`` or ``lan``.
        code: the place's code (already known to exist).
        kwargs: the query parameters.
        groups: the ids of the municipality groups usable as peer groups.
        kommuner: every municipality code.
    """
    lang, problems = lang_from(kwargs)
    printed = _print_flag(kwargs, problems)
    print_view, council = printed == "1", printed == COUNCIL
    embed = is_embed(kwargs.get("embed"))
    if level != "kommun":
        return ProfileState(
            level,
            code,
            lang,
            print_view=print_view,
            council=council,
            problems=tuple(problems),
            embed=embed,
        )
    raw_peer = first(kwargs.get("peer"))
    listed = split_list(kwargs.get("peers")) + split_list(kwargs.get("add"))
    peer: str | None = None
    if raw_peer is not None:
        if raw_peer in groups or raw_peer in (PEER_COUNTY, PEER_CUSTOM):
            peer = raw_peer
        else:
            problems.append(Problem("bad_peer", echo(raw_peer)))
    if peer is None and listed and raw_peer is None:
        peer = PEER_CUSTOM
    peers: list[str] = []
    if peer == PEER_CUSTOM:
        for item in listed:
            if item == code:
                continue
            if item not in kommuner:
                problems.append(Problem("bad_peer_code", echo(item)))
            elif len(peers) >= MAX_CUSTOM_PEERS:
                problems.append(Problem("too_many_peers", str(MAX_CUSTOM_PEERS)))
                break
            else:
                peers.append(item)
    return ProfileState(
        level,
        code,
        lang,
        peer,
        tuple(peers),
        print_view,
        council,
        problems=tuple(problems),
        embed=embed,
    )


@dataclass(frozen=True)
class CompareState:
    """What the comparison shows, as chosen in the URL.

    Attributes:
        places: region codes (the nation, counties, municipalities), in the order chosen.
        indicators: indicator ids, in the order chosen.
        lang: the language.
        peer: a peer group whose median is drawn as one more line; None for none.
        problems: parameters that could not be used.
    """

    places: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    lang: str = DEFAULT_LANG
    peer: str | None = None
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    path = "/jamfor"

    def params(self) -> dict[str, str | None]:
        """The query parameters of this state, defaults left out."""
        return {
            "lang": self.lang if self.lang != DEFAULT_LANG else None,
            "places": join_list(self.places),
            "ind": join_list(self.indicators),
            "peer": self.peer,
        }

    def href(self, **changes: object) -> str:
        """The link to this state with some fields changed."""
        changed = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        return href(changed.path, changed.params())


def _known(
    items: Iterable[str],
    allowed: frozenset[str],
    limit: int,
    bad_key: str,
    limit_key: str,
    problems: list[Problem],
) -> tuple[str, ...]:
    kept: list[str] = []
    for item in items:
        if item not in allowed:
            problems.append(Problem(bad_key, echo(item)))
        elif len(kept) >= limit:
            problems.append(Problem(limit_key, str(limit)))
            break
        else:
            kept.append(item)
    return tuple(kept)


def parse_compare_state(
    kwargs: Mapping[str, object],
    *,
    places: frozenset[str],
    indicators: frozenset[str],
    peers: frozenset[str] = frozenset(),
) -> CompareState:
    """Read the comparison's state: ``places`` and ``ind`` lists (plus ``add_place``/``add_ind``).

    Unknown codes and ids are dropped with a notice; beyond :data:`MAX_COMPARE_PLACES`
    places and :data:`MAX_COMPARE_INDICATORS` indicators the rest is dropped with a notice.
    """
    lang, problems = lang_from(kwargs)
    chosen_places = _known(
        split_list(kwargs.get("places")) + typed_items(kwargs.get("add_place")),
        places,
        MAX_COMPARE_PLACES,
        "bad_place",
        "too_many_places",
        problems,
    )
    chosen_indicators = _known(
        split_list(kwargs.get("ind")) + typed_items(kwargs.get("add_ind")),
        indicators,
        MAX_COMPARE_INDICATORS,
        "bad_compare_indicator",
        "too_many_indicators",
        problems,
    )
    peer = first(kwargs.get("peer")) or None
    if peer is not None and peer not in peers:
        problems.append(Problem("bad_peer", echo(peer)))
        peer = None
    return CompareState(chosen_places, chosen_indicators, lang, peer, tuple(problems))
