"""Every UI string exists in Swedish and English with the same placeholders; formatting."""

from __future__ import annotations

import string
from datetime import UTC, datetime

import pytest

from levande.dashboard.i18n import (
    STRINGS,
    format_datetime,
    format_number,
    format_percent,
    format_period,
    parse_lang,
    pick,
    t,
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages(key: str) -> None:
    sv, en = STRINGS[key]
    assert sv.strip() and en.strip(), key
    assert _fields(sv) == _fields(en), key


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no-such-key")


def test_placeholders_are_filled() -> None:
    assert t("tile_on_track", "sv", n=118, total=290) == "118 av 290 kommuner på rätt spår"
    assert t("tile_on_track", "en", n=118, total=290) == "118 of 290 municipalities on track"


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (65.5, 1, "sv", "65,5"),
        (65.5, 1, "en", "65.5"),
        (10_000_443.0, 0, "sv", "10\u00a0000\u00a0443"),
        (10_000_443.0, 0, "en", "10,000,443"),
        (-1234.5, 2, "sv", "-1\u00a0234,50"),
        (0.0, 1, "sv", "0,0"),
        (-0.01, 1, "en", "0.0"),
        (15.25, 1, "sv", "15,3"),
        (-0.25, 1, "en", "-0.3"),
        (0.1 + 0.2, 2, "en", "0.30"),
        (2.675, 2, "en", "2.68"),
        (1e-7, 2, "sv", "0,00"),
        (None, 1, "sv", ""),
        (float("nan"), 1, "sv", ""),
    ],
)
def test_format_number(value: float | None, decimals: int, lang: str, expected: str) -> None:
    assert format_number(value, decimals, lang) == expected


def test_format_signed_and_percent() -> None:
    assert format_number(0.25, 2, "sv", signed=True) == "+0,25"
    assert format_number(-0.25, 2, "en", signed=True) == "-0.25"
    assert format_percent(0.0123, "sv") == "+1,23\u00a0%"
    assert format_percent(-0.0123, "en") == "-1.23%"
    assert format_percent(None, "en") == ""


def test_datetimes_are_shown_in_swedish_time() -> None:
    # Naive stamps come from SQLite and are UTC.
    assert format_datetime(datetime(2026, 3, 1, 6, 0), "sv") == "2026-03-01 07:00"
    assert format_datetime(datetime(2026, 7, 1, 6, 0, tzinfo=UTC), "en") == "2026-07-01 08:00"
    assert format_datetime(None, "sv") == "okänt"


def test_parse_lang() -> None:
    assert parse_lang(None) == ("sv", True)
    assert parse_lang("en") == ("en", True)
    assert parse_lang("xx") == ("sv", False)
    assert parse_lang(["en"]) == ("sv", False)


def test_pick_falls_back_to_swedish() -> None:
    assert pick("Hej", "Hello", "en") == "Hello"
    assert pick("Hej", None, "en") == "Hej"
    assert pick("Hej", "Hello", "sv") == "Hej"


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        ("2026M04", "sv", "april 2026"),
        ("2026M12", "en", "December 2026"),
        ("2026K2", "sv", "kvartal 2 2026"),
        ("2026Q3", "en", "Q3 2026"),
        ("2024", "sv", "2024"),
        ("2026M13", "sv", "2026M13"),  # not a month: left as published
        ("2019/20", "sv", "2019/20"),
    ],
)
def test_periods_are_written_for_people(period: str, lang: str, expected: str) -> None:
    assert format_period(period, lang) == expected
