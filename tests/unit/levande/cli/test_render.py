"""How results look on a terminal: decided from data and failure kinds, never from wording."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from levande.cli.render import (
    EXIT_CANNOT_CHECK,
    EXIT_FAILED,
    EXIT_OK,
    etl_status_text,
    failure_lines,
    load_report,
    online_report,
    run_report,
)
from levande.cli.wiring import EtlStatus, FlagLine, IndicatorLine, RunLine
from levande.etl.online_check import OnlineReport
from levande.etl.pipeline import RunSummary, StepSummary
from levande.indicators.core.failures import FailureKind, StepFailure


def _failed(target: str, source: str, kind: FailureKind, message: str) -> StepSummary:
    return StepSummary(target, "indicator", "failed", source=source,
                       failure=StepFailure(kind, message))  # fmt: skip


def test_sources_at_fault_are_summed_up_and_the_rest_listed() -> None:
    summary = RunSummary(
        run_id=7,
        outcome="partial",
        steps=[
            StepSummary("regions", "regions", "success", source="kolada", inserted=3),
            _failed("a", "kolada", FailureKind.UNREACHABLE, "kolada: could not connect [u]"),
            _failed("b", "kolada", FailureKind.UNREACHABLE, "kolada: could not connect [u]"),
            _failed("c", "kolada", FailureKind.SKIPPED, "not attempted: kolada …"),
            _failed("d", "kolada", FailureKind.SKIPPED, "not attempted: kolada …"),
            _failed("e", "scb", FailureKind.HTTP, "scb: HTTP 500 Internal Server Error [u]"),
            _failed("f", "kolada", FailureKind.DATA, "KPI N1 no longer exists in Kolada"),
            # The wording of a skipped step does not make a data failure one.
            _failed("g", "scb", FailureKind.BUG, "not attempted: KeyError: 'x'"),
        ],
    )
    assert failure_lines(summary) == [
        "kolada could not be reached or answered with errors: 4 steps not loaded (a, b, c, …)",
        "scb could not be reached or answered with errors: 1 steps not loaded (e)",
        "f: KPI N1 no longer exists in Kolada",
        "g: not attempted: KeyError: 'x'",
    ]
    report = load_report(summary)
    assert report.out == ["load partial: 1 of 8 steps succeeded"]
    assert report.err[0].startswith("levande: kolada could not be reached")
    assert report.code == EXIT_OK  # up serves what it could load


def test_run_report_exits_zero_only_on_success() -> None:
    ok = RunSummary(1, "success", [StepSummary("x", "indicator", "success", inserted=4, updated=1)])
    rendered = run_report(ok)
    assert rendered.out == ["run 1: success — 1 of 1 steps succeeded; rows +4 ~1 -0"]
    assert (rendered.err, rendered.code) == ([], EXIT_OK)
    failed = RunSummary(2, "failed", [_failed("x", "scb", FailureKind.DATA, "table changed")])
    rendered = run_report(failed)
    assert rendered.err == ["  failed x: table changed"]
    assert rendered.code == EXIT_FAILED


@pytest.mark.parametrize(
    ("report", "code", "out"),
    [
        (OnlineReport(checked=4), EXIT_OK, ["online: 4 source ids checked, 0 mismatches"]),
        (OnlineReport(checked=4, mismatches=["x: y"]), EXIT_FAILED,
         ["online: 4 source ids checked, 1 mismatches"]),
        (OnlineReport(checked=1, mismatches=["x: y"], unreachable=["scb: down"]),
         EXIT_CANNOT_CHECK, []),
    ],
)  # fmt: skip
def test_online_report_codes(report: OnlineReport, code: int, out: list[str]) -> None:
    rendered = online_report(report)
    assert (rendered.out, rendered.code) == (out, code)
    assert rendered.err[: len(report.mismatches)] == [f"mismatch: {m}" for m in report.mismatches]
    if report.unreachable:
        assert rendered.err[-1] == "levande: cannot check online: scb: down"


def test_etl_status_text() -> None:
    stamp = datetime(2026, 3, 1, 2, 15, tzinfo=UTC)
    status = EtlStatus(
        runs=[RunLine(3, "kolada", stamp, "partial", 1, 2, 3, 4, 5, "x: KPI gone")],
        indicators=[
            IndicatorLine("trangboddhet", "kolada", 12, "2020", stamp, None, ""),
            IndicatorLine("folkmangd", "scb", 0, None, None, "scb: down", "title: 'a' → 'b'"),
        ],
    )
    assert etl_status_text(status).splitlines() == [
        "Last runs:",
        "  #3 kolada                       2026-03-01 02:15 partial  +1 ~2 -3 =4 requests 5"
        "  error: x: KPI gone",
        "Indicators:",
        "  trangboddhet                             kolada rows      12 latest 2020   "
        "fetched 2026-03-01 02:15",
        "  folkmangd                                scb    rows       0 latest –      "
        "fetched –  FAILED scb: down  DRIFT title: 'a' → 'b'",
        "Implausible values (stored as published, left out of the status):",
        "  none",
    ]


def test_etl_status_lists_the_flags_with_their_source_rows() -> None:
    row = {"source": "kolada", "source_id": "N07907", "value": 134.5}
    flags = [
        FlagLine(4, "trangboddhet", "0180", "2021", "T", "above_range", 134.5, 100.0, None, row),
        FlagLine(5, "gini", "0114", "2021", "T", "jump", 0.9, 0.1, "2020: 0.3", {}),
    ]
    lines = etl_status_text(EtlStatus([], [], flags)).splitlines()
    start = lines.index("Implausible values (stored as published, left out of the status):")
    assert lines[start + 1 :] == [
        "  flag 4     trangboddhet                             0180 2021 T value 134.5 above 100",
        '        source row {"source": "kolada", "source_id": "N07907", "value": 134.5}',
        "  flag 5     gini                                     0114 2021 T value 0.9 jump beyond "
        "0.1 (year before 2020: 0.3)",
        "        source row {}",
        "  accept one with 'levande etl accept FLAG --by NAME'",
    ]
