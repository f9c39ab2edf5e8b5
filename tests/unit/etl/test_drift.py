"""Drift between two refreshes of a source's metadata."""

from __future__ import annotations

import pytest

from levande.etl.drift import detect_drift, merge_history


@pytest.mark.parametrize(
    ("previous", "current", "fields"),
    [
        (None, {"title": "Trångboddhet"}, []),
        (None, {"title": "Trångboddhet (-2023)"}, ["retired"]),
        ({"title": "A"}, {"title": "A"}, []),
        ({"title": "A"}, {"title": "B"}, ["title"]),
        ({"title": "A (-2023)"}, {"title": "A (-2023)"}, []),
        ({"title": "A"}, {"title": "A ( - 2024 )"}, ["retired", "title"]),
        ({"label": "L", "variables": ["Region", "Tid"]},
         {"label": "L", "variables": ["Region", "Tid", "Kon"]}, ["variables"]),
        ({"unit": "antal"}, {"unit": "procent"}, ["unit"]),
        ({"publication_date": "2025-01-01"}, {"publication_date": "2026-01-01"}, []),
    ],
)  # fmt: skip
def test_detect_drift(previous: dict[str, object] | None, current: dict[str, object],
                      fields: list[str]) -> None:  # fmt: skip
    assert [d["field"] for d in detect_drift(previous, current)] == fields


def test_history_keeps_the_latest() -> None:
    history = None
    for i in range(25):
        history = merge_history(history, [{"field": "title", "new": i}])
    assert history is not None and len(history) == 20 and history[-1]["new"] == 24
    assert merge_history(history, []) is history
