"""Addresses: reading raw query values without failing, and links that keep the language."""

from __future__ import annotations

import pytest

from levande.dashboard.urls import (
    PageParams,
    Problem,
    echo,
    first,
    href,
    lang_from,
    parse_page_params,
    path_variables,
    with_lang,
)


def test_helpers() -> None:
    assert first(["a", "b"]) == "a"
    assert first([]) is None
    assert first("  ") is None
    assert first(7) == "7"
    assert len(echo("x" * 500)) == 60
    assert href("/p", {"a": "1", "b": None, "c": ""}) == "/p?a=1"
    assert href("/p", {}) == "/p"
    assert href("/p", {"q": "å & <b>"}) == "/p?q=%C3%A5+%26+%3Cb%3E"


def test_links_keep_the_language_and_leave_the_default_out() -> None:
    assert with_lang("/sok", "sv") == "/sok"
    assert with_lang("/sok", "en", {"q": "gävle"}) == "/sok?lang=en&q=g%C3%A4vle"


def test_a_bad_language_is_a_problem_not_an_error() -> None:
    assert lang_from({"lang": ["en", "sv"]}) == ("en", [])
    assert lang_from({"lang": "<b>"}) == ("sv", [Problem("bad_lang", "<b>")])
    assert parse_page_params({"lang": "en", "anything": "else"}) == PageParams("en")


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/kommun/<code>", "/kommun/0180", {"code": "0180"}),
        ("/kommun/<code>", "/kommun/0180/", {"code": "0180"}),
        ("/data/korning/<run_id>", "/data/korning/%3Cb%3E", {"run_id": "%3Cb%3E"}),
        ("/kommun/<code>", "/lan/01", {}),
        ("/kommun/<code>", "/kommun/0180/extra", {}),
    ],
)
def test_path_variables_come_from_the_path(
    template: str, path: str, expected: dict[str, str]
) -> None:
    assert path_variables(template, path) == expected
