"""Catalogue drift: when a source changes what an indicator is, operators must know.

The ETL keeps each source's own metadata (Kolada KPI title and publication dates, SCB table
label, variables and unit) with every refresh and compares it with what it kept last time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from levande.indicators.core.clock import now_utc

RETIRED_TITLE = re.compile(r"\(\s*-\s*\d{4}\s*\)\s*$")
WATCHED_FIELDS = (
    "title",
    "unit",
    "label",
    "variables",
    "municipality_type",
    "is_divided_by_gender",
)
MAX_HISTORY = 20


def detect_drift(
    previous: Mapping[str, Any] | None, current: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Differences worth flagging between the source metadata of two refreshes.

    A changed title, label, unit, variable list, type or gender flag is drift; so is a Kolada
    title that gained a retirement suffix such as ``(-2023)``. The first refresh has nothing to
    compare with and reports only a retirement.
    """
    found: list[dict[str, Any]] = []
    stamp = now_utc().isoformat()
    title = current.get("title") or current.get("label")
    if isinstance(title, str) and RETIRED_TITLE.search(title):
        old_title = (previous or {}).get("title") or (previous or {}).get("label")
        if not (isinstance(old_title, str) and RETIRED_TITLE.search(old_title)):
            found.append({"field": "retired", "old": old_title, "new": title, "detected_at": stamp})
    if previous:
        for name in WATCHED_FIELDS:
            if name in previous and name in current and previous[name] != current[name]:
                found.append(
                    {
                        "field": name,
                        "old": previous[name],
                        "new": current[name],
                        "detected_at": stamp,
                    }
                )
    return found


def merge_history(history: list[Any] | None, new: list[dict[str, Any]]) -> list[Any] | None:
    """Append new drift to the history, keeping the latest entries."""
    if not new:
        return history
    return ([*(history or []), *new])[-MAX_HISTORY:]
