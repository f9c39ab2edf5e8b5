"""Helpers to look into Dash component trees without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(node: Any) -> Iterator[Any]:
    """Every component and string in a tree (or a list of trees), depth first."""
    if isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)
        return
    yield node
    children = getattr(node, "children", None) if not isinstance(node, str | int | float) else None
    if children is None:
        return
    if isinstance(children, list | tuple):
        for child in children:
            yield from walk(child)
    else:
        yield from walk(children)


def text(node: Any) -> str:
    """All text in a tree, joined by spaces."""
    return " ".join(str(n) for n in walk(node) if isinstance(n, str | int | float))


def find(node: Any, component_id: str) -> Any:
    """The component with this id; AssertionError when absent."""
    for n in walk(node):
        if getattr(n, "id", None) == component_id:
            return n
    raise AssertionError(f"no component with id {component_id!r}")


def has_id(node: Any, component_id: str) -> bool:
    """True when a component with this id is in the tree."""
    return any(getattr(n, "id", None) == component_id for n in walk(node))


def of_type(node: Any, name: str) -> list[Any]:
    """Components of one type (``"Graph"``, ``"Table"``...)."""
    return [n for n in walk(node) if type(n).__name__ == name]
