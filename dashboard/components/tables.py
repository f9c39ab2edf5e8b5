"""Accessible HTML data tables: a caption, column headers with scope, row headers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from dash.development.base_component import Component

from levande.dashboard.components import attrs

C = TypeVar("C", bound=Component)

_METADATA: dict[type[Component], dict[str, Any]] = {}
"""Per component class: what its constructor sets on every instance besides the props."""


def element(kind: type[C], children: Any, **props: Any) -> C:
    """``kind(children, **props)`` without the constructor's checks of its arguments.

    A ranking table has thousands of cells, and Dash's generated constructor checks every
    keyword against the prop names and rebuilds the explicit arguments on each call: about
    half the time of drawing the table. The cells' props are fixed by the code here
    (``className``, ``scope``), so the checks can never fail; the instance is the one the
    constructor makes (same class, same attributes), so it encodes to the same JSON and tests
    walk it the same. Only for ordinary props: wildcard attributes (``aria-*``) keep the
    constructor, whose order of them this does not promise.
    """
    metadata = _METADATA.get(kind)
    if metadata is None:
        sample = kind()
        metadata = {k: v for k, v in vars(sample).items() if k != "children"}
        _METADATA[kind] = metadata
    node = kind.__new__(kind)
    vars(node).update(metadata)
    node.children = children
    vars(node).update(props)
    return node


@dataclass(frozen=True)
class Column:
    """A column: its header content, whether it holds numbers, and an optional sort state.

    Attributes:
        header: the header's content (text or a link for sorting).
        numeric: right-aligned numbers.
        sort: ``ascending`` or ``descending`` when the table is sorted by this column.
    """

    header: Any
    numeric: bool = False
    sort: str | None = None


def _column_header(col: Column) -> Any:
    """A column's header cell; a sorted column says so to assistive technology (``aria-sort``).

    A profile draws some thirty tables, so the unsorted headers, with ordinary props only, are
    made by :func:`element` too; ``aria-sort`` is a wildcard attribute and keeps the
    constructor.
    """
    from dash import html

    cls = "num" if col.numeric else None
    if col.sort:
        return html.Th(col.header, scope="col", className=cls, **attrs({"aria-sort": col.sort}))
    return element(html.Th, col.header, scope="col", className=cls)


def data_table(
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    row_header: int | None = 0,
    table_id: str | None = None,
    class_name: str = "data-table",
) -> Any:
    """A table with a caption; the ``row_header`` column's cells are row headers."""
    from dash import html

    head = html.Thead(html.Tr([_column_header(col) for col in columns]))
    body_rows = []
    for row in rows:
        cells: list[Any] = []
        for i, (col, cell) in enumerate(zip(columns, row, strict=True)):
            cls = "num" if col.numeric else None
            if i == row_header:
                cells.append(element(html.Th, cell, scope="row", className=cls))
            else:
                cells.append(element(html.Td, cell, className=cls))
        body_rows.append(element(html.Tr, cells))
    kwargs: dict[str, Any] = {"id": table_id} if table_id else {}
    return html.Div(
        className="table-scroll",
        tabIndex="0",
        role="region",
        **attrs({"aria-label": caption}),
        children=html.Table(
            className=class_name,
            children=[html.Caption(caption), head, html.Tbody(body_rows)],
            **kwargs,
        ),
    )
