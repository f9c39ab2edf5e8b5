"""Components shared by the pages: frame, forms, tables, status badges, sparklines, value texts."""

from __future__ import annotations

from typing import Any


def attrs(values: dict[str, Any]) -> dict[str, Any]:
    """HTML attributes whose names Python keywords cannot spell (``aria-label``, ``data-x``).

    Dash components take them as ``**attrs({"aria-label": ...})``.
    """
    return values
