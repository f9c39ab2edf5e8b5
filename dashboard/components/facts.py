"""Description lists of facts: a term and its value, one pair per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html


def facts_list(
    items: Sequence[tuple[str, Any]], *, class_name: str = "facts", skip_empty: bool = True
) -> Any:
    """A ``dl`` of (term, value) pairs; pairs without a value are left out unless asked."""
    return html.Dl(
        [
            html.Div([html.Dt(term), html.Dd(value)])
            for term, value in items
            if not skip_empty or value not in (None, "")
        ],
        className=class_name,
    )
