"""How command results look on a terminal: lines for stdout and stderr, and exit codes.

Kept apart from what the commands do (``levande.cli.wiring``), so the wording can be read and
tested without a database, and the same data can be shown elsewhere.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.reads.ops import format_stamp

if TYPE_CHECKING:
    from levande.cli.wiring import EtlStatus, UpgradeResult
    from levande.etl.online_check import OnlineReport
    from levande.etl.pipeline import Progress, RunSummary
    from levande.indicators.reads.bulk import BulkManifest
    from levande.indicators.store.statuses import RecomputeReport

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_CANNOT_CHECK = 3
EXIT_BUSY = 5
EXIT_INTERRUPTED = 130


@dataclass
class Rendered:
    """What a command prints and how it exits."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    code: int = EXIT_OK


def upgrade_text(result: UpgradeResult) -> str:
    """``db upgrade``'s one line."""
    report = result.sync
    return (
        f"schema at revision {result.revision}; catalogue: {report.added} added, "
        f"{report.changed} changed, {report.retired} retired"
    )


def up_schema_text(result: UpgradeResult) -> str:
    """``up``'s first line, once schema and catalogue are in place."""
    return f"schema at revision {result.revision}; catalogue synced ({result.sync.touched} changes)"


def config_check_text(folder: Path, catalogue: Catalogue) -> str:
    """What a valid catalogue folder holds."""
    return (
        f"{folder}: valid — {len(catalogue.focus_areas)} focus areas, "
        f"{len(catalogue.subgoals)} sub-goals, {len(catalogue.indicators)} indicators, "
        f"{len(catalogue.schedule.jobs)} scheduled jobs"
    )


def online_report(report: OnlineReport) -> Rendered:
    """Mismatches and unreachable sources of ``config check --online``.

    Exit 0 when everything matches, 1 for mismatches, 3 when the sources cannot be reached.
    """
    rendered = Rendered(err=[f"mismatch: {line}" for line in report.mismatches])
    if report.unreachable:
        rendered.err += [f"levande: cannot check online: {line}" for line in report.unreachable]
        rendered.code = EXIT_CANNOT_CHECK
        return rendered
    rendered.out.append(
        f"online: {report.checked} source ids checked, {len(report.mismatches)} mismatches"
    )
    rendered.code = EXIT_FAILED if report.mismatches else EXIT_OK
    return rendered


def run_report(summary: RunSummary) -> Rendered:
    """``etl run``: one summary line, one line per failed step; exit 0 only on success.

    A dry run says so first, then what each step would change and every value that would be
    flagged as implausible, with the check it fails.
    """
    ok = [s for s in summary.steps if s.outcome != "failed"]
    rows = (
        f"rows +{sum(s.inserted for s in summary.steps)} "
        f"~{sum(s.updated for s in summary.steps)} -{sum(s.deleted for s in summary.steps)}"
    )
    if summary.dry_run:
        rows = f"nothing written; would change {rows}"
    label = "dry run" if summary.dry_run else "run"
    out = [
        f"{label} {summary.run_id}: {summary.outcome} — {len(ok)} of {len(summary.steps)} steps "
        f"succeeded; {rows}"
    ]
    if summary.dry_run:
        out += dry_run_lines(summary)
    return Rendered(
        out=out,
        err=[f"  failed {step.target}: {step.error}" for step in summary.failures],
        code=EXIT_OK if summary.outcome == "success" else EXIT_FAILED,
    )


def _flagged_line(value: Mapping[str, Any]) -> str:
    where = f"{value['region_code']} {value['period']} {value['breakdown']} = {value['value']!r}"
    if value["rule"] == "jump":
        return (
            f"    would flag {where}: moved more than {value['bound']:g} from "
            f"{value['previous_value']!r} ({value['previous_period']})"
        )
    side = "above" if value["rule"] == "above_range" else "below"
    return f"    would flag {where}: {side} {value['bound']:g}"


def dry_run_lines(summary: RunSummary) -> list[str]:
    """One line per step of a dry run that would change something, and its flagged values."""
    lines = []
    for step in summary.steps:
        flags = step.changes.get("flags") or {}
        if step.outcome == "failed" or not (
            step.inserted or step.updated or step.deleted or flags.get("opened")
        ):
            continue
        line = f"  {step.target}: would add {step.inserted}, change {step.updated}, "
        line += f"delete {step.deleted} rows"
        if flags.get("opened"):
            line += f"; {flags['opened']} value(s) would be flagged"
        if flags.get("closed"):
            line += f"; {flags['closed']} flag(s) would close"
        lines.append(line)
        lines += [_flagged_line(value) for value in flags.get("values", [])]
    return lines or ["  no step would change anything"]


def load_report(summary: RunSummary) -> Rendered:
    """``up``'s first load: one line, then one line per source down and per other failure.

    ``up`` goes on to serve whatever could be loaded, so the exit code stays 0.
    """
    loaded = sum(1 for s in summary.steps if s.outcome != "failed")
    return Rendered(
        out=[f"load {summary.outcome}: {loaded} of {len(summary.steps)} steps succeeded"],
        err=[f"levande: {line}" for line in failure_lines(summary)],
    )


def failure_lines(summary: RunSummary) -> list[str]:
    """One line per source that is down or answers with errors, and one per other failure.

    Decided by each failure's kind: unreachable, HTTP and skipped steps are the source's
    fault and are counted under it; data failures and bugs say something about their own
    step and are shown one by one.
    """
    by_source: dict[str, list[str]] = {}
    other: list[str] = []
    for step in summary.failures:
        failure = step.failure
        if failure is not None and failure.kind.is_sources_fault and step.source:
            by_source.setdefault(step.source, []).append(step.target)
        else:
            other.append(f"{step.target}: {step.error or 'failed'}")
    lines = [
        f"{source} could not be reached or answered with errors: "
        f"{len(targets)} steps not loaded ({', '.join(targets[:3])}"
        + (", …)" if len(targets) > 3 else ")")
        for source, targets in by_source.items()
    ]
    return lines + other


def etl_status_text(status: EtlStatus) -> str:
    """The last runs and each indicator's freshness, as plain text for a terminal."""
    lines = ["Last runs:"]
    for run in status.runs:
        lines.append(
            f"  #{run.id} {run.job:<28} {format_stamp(run.started_at)} {run.outcome:<8} "
            f"+{run.inserted} ~{run.updated} -{run.deleted} ={run.unchanged} "
            f"requests {run.requests}" + (f"  error: {run.error}" if run.error else "")
        )
    if not status.runs:
        lines.append("  none yet: run 'levande etl run'")
    lines.append("Indicators:")
    for ind in status.indicators:
        lines.append(
            f"  {ind.indicator_id:<40} {ind.source:<6} rows {ind.observations:>7} "
            f"latest {ind.latest_period or '–':<6} "
            f"fetched {format_stamp(ind.last_success_at)}"
            + (f"  FAILED {ind.last_error}" if ind.last_error else "")
            + (f"  DRIFT {ind.drift}" if ind.drift else "")
        )
    lines.append("Implausible values (stored as published, left out of the status):")
    for flag in status.flags:
        why = {"below_range": "below", "above_range": "above", "jump": "jump beyond"}
        lines.append(
            f"  flag {flag.id:<5} {flag.indicator_id:<40} {flag.region_code} {flag.period} "
            f"{flag.breakdown} value {flag.value!r} {why.get(flag.rule, flag.rule)} "
            f"{flag.bound:g}" + (f" (year before {flag.previous})" if flag.previous else "")
        )
        lines.append(f"        source row {json.dumps(flag.source_row, ensure_ascii=False)}")
    if status.flags:
        lines.append("  accept one with 'levande etl accept FLAG --by NAME'")
    else:
        lines.append("  none")
    return "\n".join(lines)


def bulk_lines(manifest: BulkManifest) -> list[str]:
    """``bulk``'s lines: each file with its size and checksum, then the row count."""
    lines = [f"{f.name}  {f.size} bytes  sha256 {f.sha256}" for f in manifest.files]
    lines.append(f"{sum(manifest.rows.values())} rows in {len(manifest.rows)} tables, "
                 f"data version {manifest.data_version or '(none)'}")  # fmt: skip
    return lines


def recompute_text(report: RecomputeReport) -> str:
    """``status recompute``'s one line."""
    return (
        f"{report.series} series, {report.ranks} ranked values "
        f"({report.ranks_written} rewritten), {report.changed} changed"
    )


def status_text(frame: pd.DataFrame, fmt: str) -> str:
    """The status export as CSV or JSON text."""
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    return str(frame.to_csv(index=False, lineterminator="\n"))


def write_observations(frame: pd.DataFrame, fmt: str, output: Path | None) -> None:
    """The tidy observations as CSV (stdout or file) or Parquet (file).

    Raises:
        OSError: when the file cannot be written.
    """
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs a file")
        frame.to_parquet(output, index=False)
    elif output is None:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        frame.to_csv(output, index=False, lineterminator="\n")


@contextmanager
def terminal_progress() -> Iterator[Progress]:
    """A rich progress bar on a terminal; silent otherwise (cron, CI, pipes)."""
    if not sys.stderr.isatty():
        yield _Silent()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        task = bar.add_task("refresh", total=0)

        class _Bar:
            def start(self, total: int) -> None:
                bar.update(task, total=total)

            def step(self, label: str) -> None:
                bar.update(task, description=f"refresh: {label}")

            def advance(self) -> None:
                bar.advance(task)

        yield _Bar()


class _Silent:
    def start(self, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass

    def advance(self) -> None:
        pass
