"""Addresses: the query-parameter helpers every page shares, and links that keep the language.

Every view of the dashboard is an address, so a link reproduces what was on screen. Pages get
their query parameters raw from Dash (a string, a list when a parameter repeats, or anything a
hand-edited URL holds); the helpers here read them without ever failing, and a value that
cannot be used becomes a :class:`Problem` the page reports instead of an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from levande.dashboard.i18n import DEFAULT_LANG, parse_lang

MAX_ECHO = 60
"""Longest raw value quoted back in a message; the rest is cut (and React escapes it)."""


@dataclass(frozen=True)
class Problem:
    """A query parameter that could not be used: which message, and the value given."""

    message_key: str
    value: str


def first(raw: object) -> str | None:
    """The first value of a query parameter as text, or None when absent or empty."""
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else None
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def echo(value: str) -> str:
    """A raw value shortened for quoting in a message."""
    return value if len(value) <= MAX_ECHO else value[: MAX_ECHO - 1] + "…"


def href(path: str, params: Mapping[str, str | None]) -> str:
    """A relative link: ``path`` with the non-empty ``params`` as its query string."""
    query = urlencode([(k, v) for k, v in params.items() if v not in (None, "")])
    return f"{path}?{query}" if query else path


def lang_from(kwargs: Mapping[str, object]) -> tuple[str, list[Problem]]:
    """The language of a page and, when ``lang`` was unusable, a problem saying so."""
    raw = first(kwargs.get("lang"))
    lang, ok = parse_lang(raw)
    return lang, ([] if ok else [Problem("bad_lang", echo(raw or ""))])


@dataclass(frozen=True)
class PageParams:
    """What a page without choices of its own reads from its address: the language.

    Attributes:
        lang: the language (the default when unusable).
        problems: ``bad_lang`` when the ``lang`` given could not be used.
    """

    lang: str = DEFAULT_LANG
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def parse_page_params(kwargs: Mapping[str, object]) -> PageParams:
    """Read a page's language; every other parameter is ignored."""
    lang, problems = lang_from(kwargs)
    return PageParams(lang, tuple(problems))


def with_lang(path: str, lang: str, params: Mapping[str, str | None] | None = None) -> str:
    """A link to ``path`` that keeps the language (and any other parameters)."""
    merged: dict[str, str | None] = {"lang": lang if lang != DEFAULT_LANG else None}
    merged.update(params or {})
    return href(path, merged)


def path_variables(template: str, path: str) -> dict[str, str]:
    """The variables of ``path`` by the names of ``template`` (``/kommun/<code>``).

    Empty when the path does not have the template's shape. Values stay as the address has
    them, as Dash passes them.
    """
    want, have = template.strip("/").split("/"), path.strip("/").split("/")
    if len(want) != len(have):
        return {}
    found: dict[str, str] = {}
    for part, value in zip(want, have, strict=True):
        if part.startswith("<") and part.endswith(">"):
            found[part[1:-1]] = value
        elif part != value:
            return {}
    return found
