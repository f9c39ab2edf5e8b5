"""Refreshes in plain words: failures, outcomes, triggers, step counts and the run history.

The run log keeps each failure's kind and facts (source, cause, HTTP status, attempts); these
functions turn them into a sentence in the page's language ("Kolada svarade inte
(anslutningen bröts) efter 3 försök"), so no page ever shows an exception's text, an internal
address or a setting's name. The message the ETL wrote stays in the run log for operators.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from dash import dcc, html

from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import source_name
from levande.dashboard.i18n import STRINGS, format_datetime, format_number, t
from levande.dashboard.urls import with_lang
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure

Run = Mapping[str, Any]
"""One run of the run log (see ``indicators.reads.ops.run_history``)."""

ALL_SOURCES = ("boundaries", "kolada", "regions", "scb")
"""What a run of every source fetches (its job is their names, joined)."""

RUN_PATH = "/data/korning"
"""Where each run has its page: ``/data/korning/<id>``."""


def run_href(run_id: int, lang: str) -> str:
    """The address of a run's page in the language."""
    return with_lang(f"{RUN_PATH}/{run_id}", lang)


def _source(failure: StepFailure, lang: str) -> str:
    if failure.source:
        return source_name(failure.source, lang)
    return t("failure_some_source", lang)


def _status_words(status: int | None, lang: str) -> str | None:
    if status is None:
        return None
    if status in (404, 429):
        return t(f"cause_status_{status}", lang)
    if status >= 500:
        return t("cause_status_5xx", lang, status=status)
    return t("cause_status", lang, status=status)


def _cause_words(failure: StepFailure, lang: str) -> str | None:
    if failure.cause is FailureCause.STATUS:
        return _status_words(failure.status, lang)
    if failure.cause is None:
        return None
    return t(f"cause_{failure.cause.value}", lang)


def plain_failure(failure: StepFailure, lang: str) -> str:
    """A failure as one plain sentence in the language, from its kind and facts alone."""
    source = _source(failure, lang)
    cause = _cause_words(failure, lang)
    if failure.kind is FailureKind.BUG:
        return t("failure_bug", lang)
    if failure.kind is FailureKind.SKIPPED:
        return t("failure_skipped", lang, source=source)
    if failure.kind is FailureKind.DATA:
        if cause is None or failure.cause is FailureCause.CONTENT:
            return t("failure_data_plain", lang, source=source)
        text = t("failure_data", lang, source=source, cause=cause)
    else:
        key = "failure_unreachable" if failure.kind is FailureKind.UNREACHABLE else "failure_http"
        text = (
            t(key, lang, source=source, cause=cause)
            if cause is not None
            else t(f"{key}_plain", lang, source=source)
        )
    if failure.attempts is not None and failure.attempts > 1:
        text = t("failure_after_attempts", lang, text=text, n=failure.attempts)
    return text


def word(prefix: str, value: str, lang: str) -> str:
    """A stored word (an outcome) in the language; one the page does not know stays as it is."""
    key = f"{prefix}_{value}"
    return t(key, lang) if key in STRINGS else value


def trigger_text(trigger: str, lang: str) -> str:
    """Who started a run: "schemat (kolada-nightly)", "en operatör", "kommandoraden"."""
    kind, _, job = trigger.partition(":")
    if kind == "scheduler" and job:
        return t("trigger_scheduler", lang, job=job)
    if kind == "operator" and job:
        return t("trigger_operator_job", lang, job=job)
    return word("trigger", trigger, lang)


def target_text(target: str, lang: str, titles: Mapping[str, str]) -> str:
    """What a run or a step fetched: sources by name, an indicator by its title."""
    if target in ("indicators", "status"):
        return t(f"job_{target}", lang)
    if target in titles:
        return titles[target]
    if set(target.split(",")) == set(ALL_SOURCES):
        return t("job_all", lang)

    def name(part: str) -> str:
        return t("target_regions", lang) if part == "regions" else source_name(part, lang)

    return ", ".join(name(part) for part in target.split(",") if part)


def duration_text(seconds: float | None, lang: str) -> str:
    """A duration as "4,2 s", "under 0,1 s" or "3 min 5 s"; empty while unknown."""
    if seconds is None:
        return ""
    if seconds < 0.05:
        return t("duration_under", lang, seconds=format_number(0.1, 1, lang))
    if seconds < 60:
        return t("duration_seconds", lang, seconds=format_number(seconds, 1, lang))
    minutes, rest = divmod(round(seconds), 60)
    return t("duration_minutes", lang, minutes=minutes, seconds=rest)


def steps_text(run: Run, lang: str) -> str:
    """The steps of a run in counts that add up, failed ones always named."""
    if run["outcome"] == "running":
        return t(
            "run_steps_running",
            lang,
            done=run["steps_done"],
            total=run["steps_total"],
            failed=run["steps_failed"],
        )
    return t(
        "run_steps_count",
        lang,
        total=run["steps_succeeded"] + run["steps_unchanged"] + run["steps_failed"],
        ok=run["steps_succeeded"],
        same=run["steps_unchanged"],
        failed=run["steps_failed"],
    )


def when(stamp: datetime | None, lang: str) -> str:
    """A stamp in Swedish time, or "okänt"."""
    return format_datetime(stamp, lang)


def _changes(run: Run, lang: str, titles: Mapping[str, str]) -> str:
    def names(targets: list[str]) -> str:
        return ", ".join(target_text(target, lang, titles) for target in targets[:5])

    steps = run["steps"]
    parts = []
    new = [s["target"] for s in steps if s["new_periods"]]
    drift = [s["target"] for s in steps if s["drift"]]
    failed = [s["target"] for s in steps if s["outcome"] in ("failed", "aborted")]
    flagged = [s["target"] for s in steps if (s.get("flags") or {}).get("opened")]
    if new:
        parts.append(t("operator_new_periods", lang, targets=names(new)))
    if flagged:
        parts.append(t("operator_flagged", lang, targets=names(flagged)))
    if drift:
        parts.append(t("operator_drift", lang, targets=names(drift)))
    if failed:
        parts.append(t("operator_failed_steps", lang, targets=names(failed)))
    return "; ".join(parts)


def history_table(
    runs: Sequence[Run], lang: str, titles: Mapping[str, str] | None = None
) -> tuple[Any, bool]:
    """The latest runs, each linking to its page, and whether one is still running."""
    if not runs:
        return html.P(t("operator_no_runs", lang)), False
    names = titles or {}
    rows = []
    for run in runs:
        rows.append(
            [
                dcc.Link(
                    f"#{run['id']} {target_text(run['job'], lang, names)}"
                    + (f" ({t('run_dry_label', lang)})" if run.get("dry_run") else ""),
                    href=run_href(run["id"], lang),
                ),
                when(run["started_at"], lang),
                trigger_text(run["trigger"], lang),
                word("outcome", run["outcome"], lang),
                steps_text(run, lang),
                f"{run['inserted']} / {run['updated']} / {run['deleted']}",
                _changes(run, lang, names),
            ]
        )
    columns = [
        Column(t(k, lang))
        for k in (
            "operator_run",
            "operator_started_at",
            "operator_trigger",
            "operator_outcome",
            "operator_progress",
            "operator_counts",
            "operator_changes",
        )
    ]
    running = any(r["outcome"] == "running" for r in runs)
    table = data_table(t("operator_history_caption", lang), columns, rows, table_id="run-history")
    return table, running
