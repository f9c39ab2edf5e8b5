"""An indicator page's URL state: parsing its query parameters into a view and writing them back.

Every selection a user makes lives in the query string, so a link reproduces the view. The
parsers here are pure: they take the raw values Dash passes to a page (a string, a list when
a parameter repeats, or anything a hand-edited URL holds) and the facts the database allows
(codes, years, breakdowns), and return a clean state plus a list of problems. A problem never
stops the page: the value falls back to its default and the page says what it ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote, unquote

from levande.dashboard.components.embed import is_embed
from levande.dashboard.i18n import DEFAULT_LANG
from levande.dashboard.urls import Problem, echo, first, href, lang_from
from levande.indicators.core.periods import annual_periods, is_annual
from levande.indicators.core.vocabulary import STATUS_GROUP_SLUGS

TABS = ("chart", "map", "table", "about", "download")
MAP_LEVELS = ("kommun", "lan")
SORTS = ("rank", "name", "value", "change", "status")
SHOWS = ("value", "status")
"""What the map and the table show: the value (classed), or the status of each place's series."""
KEYS = (
    "lang", "tab", "lan", "kommun", "peer", "year", "breakdown", "level", "gender", "sort",
    "show", "status", "embed", "months",
)  # fmt: skip
"""The query parameters the page reads; any other is ignored."""


@dataclass(frozen=True)
class IndicatorRequest:
    """An indicator page's address, before the database says what it may choose.

    Attributes:
        indicator_id: the id in the path, unquoted.
        lang: the language (the default when unusable).
        query: the known query parameters, raw as Dash gives them.
    """

    indicator_id: str
    lang: str
    query: Mapping[str, object]

    @property
    def path(self) -> str:
        """The page's path, quoted again."""
        return f"/indikator/{quote(self.indicator_id)}"


def parse_request(indicator_id: object, kwargs: Mapping[str, object]) -> IndicatorRequest:
    """Read an indicator page's address: the id from the path, the known query parameters."""
    lang, _ = lang_from(kwargs)
    query = {key: kwargs[key] for key in KEYS if key in kwargs}
    return IndicatorRequest(unquote(first(indicator_id) or ""), lang, query)


@dataclass(frozen=True)
class Facts:
    """What an indicator's page may show, as read from the database.

    Attributes:
        kommuner: municipality codes.
        lan: county codes.
        peers: peer-group ids.
        periods: the periods with data per map level (``kommun``, ``lan``).
        breakdowns: the breakdowns with data (T first).
        levels: the map levels the indicator has, in order of preference.
        annual_month: for a monthly table, the month whose value is the year's (the
            catalogue's ``annual_month``); None shows every period.
    """

    kommuner: frozenset[str]
    lan: frozenset[str]
    peers: frozenset[str]
    periods: Mapping[str, tuple[str, ...]]
    breakdowns: tuple[str, ...] = ("T",)
    levels: tuple[str, ...] = MAP_LEVELS
    annual_month: int | None = None

    @property
    def gender(self) -> bool:
        """True when the indicator is split by gender (women and men both present)."""
        return "K" in self.breakdowns and "M" in self.breakdowns


@dataclass(frozen=True)
class IndicatorState:
    """Everything an indicator page shows, as chosen in the URL (or by default)."""

    indicator_id: str
    lang: str = DEFAULT_LANG
    tab: str = "chart"
    lan: str | None = None
    kommun: str | None = None
    peer: str | None = None
    year: str | None = None
    breakdown: str = "T"
    level: str = "kommun"
    gender: bool = False
    sort: str = "rank"
    show: str = "value"
    status: str | None = None
    embed: bool = False
    months: bool = False
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def path(self) -> str:
        """The page's path."""
        return f"/indikator/{self.indicator_id}"

    def params(self) -> dict[str, str | None]:
        """The query parameters of this state, in a fixed order, defaults left out."""
        return {
            "lang": self.lang if self.lang != DEFAULT_LANG else None,
            "tab": self.tab if self.tab != "chart" else None,
            "lan": self.lan,
            "kommun": self.kommun,
            "peer": self.peer,
            "year": self.year,
            "breakdown": self.breakdown if self.breakdown != "T" else None,
            "level": self.level if self.level != "kommun" else None,
            "gender": "1" if self.gender else None,
            "sort": self.sort if self.sort != "rank" else None,
            "show": self.show if self.show != "value" else None,
            "status": self.status,
            "embed": "1" if self.embed else None,
            "months": "1" if self.months else None,
        }

    def href(self, **changes: object) -> str:
        """The link to this state with some fields changed (``tab="map"``...)."""
        changed = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        return href(changed.path, changed.params())


def _choice(
    kwargs: Mapping[str, object],
    name: str,
    allowed: object,
    default: str | None,
    message_key: str,
    problems: list[Problem],
) -> str | None:
    raw = first(kwargs.get(name))
    if raw is None:
        return default
    if isinstance(allowed, frozenset | set | tuple | list) and raw in allowed:
        return raw
    problems.append(Problem(message_key, echo(raw)))
    return default


def parse_indicator_state(
    indicator_id: str, kwargs: Mapping[str, object], facts: Facts
) -> IndicatorState:
    """Read an indicator page's state from its query parameters.

    Unknown parameters are ignored; known ones with unusable values fall back to their
    default and are listed in ``problems``.
    """
    lang, problems = lang_from(kwargs)
    tab = _choice(kwargs, "tab", TABS, "chart", "bad_tab", problems) or "chart"
    lan = _choice(kwargs, "lan", facts.lan, None, "bad_lan", problems)
    kommun = _choice(kwargs, "kommun", facts.kommuner, None, "bad_kommun", problems)
    peer = _choice(kwargs, "peer", facts.peers, None, "bad_peer", problems)
    breakdown = (
        _choice(kwargs, "breakdown", facts.breakdowns, "T", "bad_breakdown", problems) or "T"
    )
    levels = facts.levels or MAP_LEVELS
    level = _choice(kwargs, "level", levels, levels[0], "bad_level", problems) or levels[0]
    every = facts.periods.get(level, ())
    months = _months(kwargs, facts, every, problems)
    available = every if months else annual_periods(every, facts.annual_month)
    latest = available[-1] if available else None
    year = _choice(kwargs, "year", available, latest, "bad_year", problems)
    sort_raw = first(kwargs.get("sort"))
    sort = "rank"
    if sort_raw is not None:
        if sort_raw.lstrip("-") in SORTS:
            sort = sort_raw
        else:
            problems.append(Problem("bad_sort", echo(sort_raw)))
    show = _choice(kwargs, "show", SHOWS, "value", "bad_show", problems) or "value"
    status = _choice(kwargs, "status", tuple(STATUS_GROUP_SLUGS), None, "bad_status", problems)
    gender_raw = first(kwargs.get("gender"))
    gender = False
    if gender_raw is not None:
        if gender_raw in ("1", "0") and (facts.gender or gender_raw == "0"):
            gender = gender_raw == "1"
        else:
            problems.append(Problem("bad_gender", echo(gender_raw)))
    return IndicatorState(
        indicator_id=indicator_id,
        lang=lang,
        tab=tab,
        lan=lan,
        kommun=kommun,
        peer=peer,
        year=year,
        breakdown=breakdown,
        level=level,
        gender=gender,
        sort=sort,
        show=show,
        status=status,
        embed=is_embed(kwargs.get("embed")),
        months=months,
        problems=tuple(problems),
    )


def _months(
    kwargs: Mapping[str, object], facts: Facts, every: tuple[str, ...], problems: list[Problem]
) -> bool:
    """Whether every month is shown: asked for (``months=1``), or a month chosen by its link.

    Only an indicator whose catalogue entry names an annual month has a choice; for any other
    every period is shown and the parameter is ignored.
    """
    raw = first(kwargs.get("months"))
    if raw is not None and raw not in ("1", "0"):
        problems.append(Problem("bad_months", echo(raw)))
        raw = None
    if facts.annual_month is None:
        return False
    year = first(kwargs.get("year"))
    if year in every and not is_annual(year, facts.annual_month):
        return True  # an address that names one month shows the months
    return raw == "1"
