"""Table cells built without the constructor's checks are the components the constructor makes."""

from __future__ import annotations

from typing import Any

import plotly.io.json  # type: ignore[import-untyped]
import pytest
from dash import dcc, html

from levande.dashboard.components.tables import element


@pytest.mark.parametrize(
    ("kind", "children", "props"),
    [
        (html.Td, "12,5", {"className": "num"}),
        (html.Td, "", {"className": None}),
        (html.Th, dcc.Link("Stockholm", href="/kommun/0180"), {"scope": "row", "className": None}),
        (html.Th, ["Uppsala", html.Span("*")], {"className": "num", "scope": "row"}),
        (html.Th, "Värde", {"scope": "col", "className": "num"}),
        (html.Th, dcc.Link("Namn", href="?sort=name"), {"scope": "col", "className": None}),
        (html.Tr, [html.Td("1"), html.Td("2")], {}),
        (html.Tbody, [], {}),
    ],
)
def test_an_element_is_the_component_the_constructor_makes(
    kind: Any, children: Any, props: dict[str, Any]
) -> None:
    made = kind(children, **props)
    quick = element(kind, children, **props)
    assert type(quick) is kind
    assert vars(quick) == vars(made)
    assert plotly.io.json.to_json_plotly(quick) == plotly.io.json.to_json_plotly(made)


def test_elements_of_one_kind_keep_their_own_props() -> None:
    first, second = element(html.Td, "a", className="num"), element(html.Td, "b")
    assert (first.children, getattr(first, "className")) == ("a", "num")  # noqa: B009
    assert second.children == "b" and not hasattr(second, "className")
