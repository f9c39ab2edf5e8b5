"""The address of the area page: ``/kommun/<code>/omraden`` and its query parameters.

``indikator`` (a small-area indicator id), ``niva`` (``regso`` or ``deso``), ``ar`` (a year),
``typer=1`` (colour the map by area type) and ``lang``. Unknown parameters are ignored; a value
that cannot be used becomes a problem the page reports, and the default is used instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from levande.dashboard.urls import Problem, echo, first, href, lang_from

LEVELS = ("regso", "deso")


def areas_path(code: str) -> str:
    """The area page of a municipality."""
    return f"/kommun/{code}/omraden"


@dataclass(frozen=True)
class AreasState:
    """What the address asks for (checked against the data when it is loaded)."""

    code: str
    lang: str
    indicator: str | None = None
    level: str = "regso"
    year: str | None = None
    types: bool = False
    problems: tuple[Problem, ...] = ()

    @property
    def path(self) -> str:
        """The page's path."""
        return areas_path(self.code)

    def params(self) -> dict[str, str | None]:
        """The query parameters that reproduce this view."""
        return {
            "indikator": self.indicator,
            "niva": self.level if self.level != "regso" else None,
            "ar": self.year,
            "typer": "1" if self.types else None,
            "lang": self.lang if self.lang != "sv" else None,
        }

    def href(self, **changes: Any) -> str:
        """A link to this view with some choices changed."""
        return href(self.path, replace(self, **changes).params())


def parse_areas_request(code: object, url: Mapping[str, object]) -> AreasState:
    """The state of the page from its address; never fails."""
    lang, problems = lang_from(url)
    level = first(url.get("niva")) or "regso"
    if level not in LEVELS:
        problems.append(Problem("within_bad_level", echo(level)))
        level = "regso"
    year = first(url.get("ar"))
    if year is not None and not (year.isdigit() and len(year) == 4):
        problems.append(Problem("within_bad_year", echo(year)))
        year = None
    return AreasState(
        code=first(code) or "",
        lang=lang,
        indicator=first(url.get("indikator")),
        level=level,
        year=year,
        types=first(url.get("typer")) == "1",
        problems=tuple(problems),
    )
