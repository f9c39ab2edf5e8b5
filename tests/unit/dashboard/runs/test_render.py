"""A run's page drawn from hand-made data: steps in counts that add up, plain errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from levande.dashboard.page import NotFound
from levande.dashboard.runs.data import RunPageData, RunParams, parse_run_params
from levande.dashboard.runs.render import render_run
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

LEAK = "kolada: connection broke (3 attempts): RemoteDisconnected [http://10.0.0.9/v3/kpi]"
BROKE = StepFailure(
    FailureKind.UNREACHABLE,
    LEAK,
    "connection broke (3 attempts)",
    source="kolada",
    cause=FailureCause.BROKEN,
    attempts=3,
)


def _step(target: str, outcome: str, failure: StepFailure | None = None, **counts: int) -> Any:
    base = {"inserted": 0, "updated": 0, "deleted": 0, "unchanged": 0, "requests": 1}
    return {
        "id": 1, "target": target, "kind": "indicator", "source": "kolada",
        "outcome": outcome, "seconds": 2.5, "note": None, "error": failure.message if failure
        else None, "failure": failure, "new_periods": [], "drift": [], "flags": {},
        **(base | counts),
    }  # fmt: skip


RUN = {
    "id": 12, "job": "kolada", "trigger": "scheduler:kolada-nightly",
    "started_at": samples.FETCHED, "finished_at": samples.FETCHED + timedelta(seconds=75),
    "seconds": 75.0, "outcome": "partial", "inserted": 120, "updated": 3, "deleted": 0,
    "requests": 9, "steps_total": 3, "steps_done": 3, "steps_succeeded": 1,
    "steps_unchanged": 1, "steps_failed": 1, "dry_run": False,
    "steps": [
        _step("trangboddhet", "success", inserted=120, updated=3, requests=4),
        _step("folkmangd", "skipped"),
        _step("bredband", "failed", BROKE, requests=3),
    ],
}  # fmt: skip
TITLES = {"trangboddhet": "Trångboddhet", "folkmangd": "Folkmängd", "bredband": "Bredband"}


def _page(lang: str, operator: bool = False) -> Any:
    return render_run(RunPageData(RunParams(12, "12", lang), RUN, TITLES, operator))


@pytest.mark.parametrize(
    ("lang", "plain", "facts"),
    [
        ("sv", "Kolada svarade inte (anslutningen bröts) efter 3 försök",
         "3 steg: 1 klara, 1 utan nytt, 1 misslyckade"),
        ("en", "Kolada did not answer (the connection broke) after 3 attempts",
         "3 steps: 1 done, 1 with nothing new, 1 failed"),
    ],
)  # fmt: skip
def test_each_step_with_counts_and_a_plain_error(lang: str, plain: str, facts: str) -> None:
    page = _page(lang)
    rows = [text(r) for r in of_type(find(page.children, "run-steps"), "Tr")][1:]
    assert len(rows) == 3
    first = {"sv": "Trångboddhet Kolada lyckad 4 120 3 0 2,5\u00a0s",
             "en": "Trångboddhet Kolada succeeded 4 120 3 0 2.5\u00a0s"}  # fmt: skip
    assert rows[0].strip() == first[lang]
    assert rows[2].endswith(plain)
    assert facts in text(find(page.children, "run-facts"))
    # Nothing technical for the public: no message, no address, no folded detail.
    words = text(page.children)
    assert "http://" not in words and "RemoteDisconnected" not in words
    assert not of_type(page.children, "Details")


def test_an_operator_sees_the_technical_detail_folded_away() -> None:
    page = _page("sv", operator=True)
    details = of_type(page.children, "Details")
    assert len(details) == 1
    assert text(details[0]).startswith("Teknisk detalj " + LEAK)


def test_the_run_facts_are_translated() -> None:
    words = text(find(_page("en").children, "run-facts"))
    assert "the schedule (kolada-nightly)" in words and "partly succeeded" in words
    assert "1\u00a0min 15\u00a0s" in words


@pytest.mark.parametrize("raw", ["abc", "", "-1", "١٢", "9" * 20, "<script>"])
def test_an_address_that_names_no_run(raw: str) -> None:
    assert parse_run_params(raw, {}).run_id is None
    page = render_run(NotFound("sv", "/data/korning/x", "Det finns ingen körning x."))
    assert not has_id(page.children, "run-steps")


WOULD_FLAG = {
    "opened": 1, "closed": 0, "open": 1,
    "values": [{"region_code": "0180", "period": "2020", "breakdown": "T", "value": 134.5,
                "rule": "above_range", "bound": 100.0, "previous_period": None,
                "previous_value": None}],
}  # fmt: skip
DRY = {
    **RUN, "dry_run": True, "outcome": "success", "steps_failed": 0, "steps_succeeded": 1,
    "steps_unchanged": 0, "steps_total": 1, "steps_done": 1,
    "steps": [{**_step("trangboddhet", "success", updated=1), "flags": WOULD_FLAG}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "title", "kind", "flagged"),
    [
        ("sv", "Provkörning 12", "Provkörning: inget sparades",
         "Trångboddhet Stockholm 2020, totalt 134,5 över 100 (högsta rimliga)"),
        ("en", "Dry run 12", "Dry run: nothing was stored",
         "Trångboddhet Stockholm 2020, total 134.5 above 100 (the highest plausible)"),
    ],
)  # fmt: skip
def test_a_dry_run_says_so_and_lists_the_values_it_would_flag(
    lang: str, title: str, kind: str, flagged: str
) -> None:
    data = RunPageData(RunParams(12, "12", lang), DRY, TITLES, False, {"0180": "Stockholm"})
    page = render_run(data)
    assert page.title == title
    assert kind in text(find(page.children, "run-facts"))
    assert has_id(page.children, "run-dry-note")
    rows = [text(r).strip() for r in of_type(find(page.children, "run-would-flag"), "Tr")][1:]
    assert rows == [flagged]


def test_a_refresh_has_no_dry_run_note_nor_flag_list() -> None:
    page = _page("sv")
    assert page.title == "Körning 12"
    assert not has_id(page.children, "run-dry-note")
    assert not has_id(page.children, "run-would-flag")
