"""A run's page, drawn: what was fetched, by whom, each step with its counts and plain error.

Public: anyone may see what a refresh did and why a step failed, in plain words. The message
the ETL wrote and its technical detail (which may quote an internal address) are folded away
and drawn only for a signed-in operator. Everything here is a pure function of
:class:`~levande.dashboard.runs.data.RunPageData`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.facts import facts_list
from levande.dashboard.components.flags import flag_what, flag_why
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.runs import (
    RUN_PATH,
    duration_text,
    plain_failure,
    steps_text,
    target_text,
    trigger_text,
    when,
    word,
)
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import source_name
from levande.dashboard.i18n import format_number, t
from levande.dashboard.page import Content, NotFound, not_found_content
from levande.dashboard.runs.data import RunPageData
from levande.dashboard.urls import with_lang


def _count(value: int, lang: str) -> str:
    return format_number(value, 0, lang)


def _technical(step: Mapping[str, Any], lang: str) -> Any:
    failure = step["failure"]
    lines = [failure.message] if failure is not None else [step["note"] or ""]
    if failure is not None and failure.detail and failure.detail != failure.message:
        lines.append(failure.detail)
    return html.Details(
        [html.Summary(t("run_technical", lang)), html.Pre("\n".join(lines))],
        className="technical",
    )


def _error_cell(step: Mapping[str, Any], lang: str, operator: bool) -> Any:
    failure = step["failure"]
    if failure is None:
        return ""
    plain = plain_failure(failure, lang)
    if not operator:
        return plain
    return html.Div([html.P(plain), _technical(step, lang)])


def steps_table(data: RunPageData) -> Any:
    """Each step: what it fetched, from where, how it ended, its counts, time and error."""
    lang, titles = data.lang, data.titles
    rows = []
    for step in data.run["steps"]:
        rows.append(
            [
                target_text(step["target"], lang, titles),
                source_name(step["source"], lang) if step["source"] else "",
                word("outcome", step["outcome"], lang),
                _count(step["requests"], lang),
                _count(step["inserted"], lang),
                _count(step["updated"], lang),
                _count(step["deleted"], lang),
                duration_text(step["seconds"], lang),
                _error_cell(step, lang, data.operator),
            ]
        )
    columns = [
        Column(t("run_step", lang)),
        Column(t("data_source", lang)),
        Column(t("operator_outcome", lang)),
        Column(t("run_step_requests", lang), numeric=True),
        Column(t("run_step_added", lang), numeric=True),
        Column(t("run_step_changed", lang), numeric=True),
        Column(t("run_step_deleted", lang), numeric=True),
        Column(t("run_duration", lang), numeric=True),
        Column(t("run_step_error", lang)),
    ]
    return data_table(t("run_steps_caption", lang), columns, rows, table_id="run-steps")


def facts(data: RunPageData) -> Any:
    """The run in a few facts: what, who, when, how long, how it ended, its steps."""
    run, lang = data.run, data.lang
    pairs = [
        ("run_kind", t("run_kind_dry" if run["dry_run"] else "run_kind_load", lang)),
        ("run_job", target_text(run["job"], lang, data.titles)),
        ("operator_trigger", trigger_text(run["trigger"], lang)),
        ("operator_started_at", when(run["started_at"], lang)),
        ("run_finished_at", when(run["finished_at"], lang)),
        ("run_duration", duration_text(run["seconds"], lang)),
        ("operator_outcome", word("outcome", run["outcome"], lang)),
        ("run_steps", steps_text(run, lang)),
        ("run_requests", _count(run["requests"], lang)),
        (
            "operator_counts",
            f"{_count(run['inserted'], lang)} / {_count(run['updated'], lang)} / "
            f"{_count(run['deleted'], lang)}",
        ),
    ]
    return html.Section(
        facts_list([(t(key, lang), value) for key, value in pairs]),
        id="run-facts",
        **attrs({"aria-label": t("run_facts_label", lang)}),
    )


def would_flag_section(data: RunPageData) -> Any | None:
    """A dry run's values that would be flagged as implausible, with the check each fails."""
    lang = data.lang
    flags = [
        {**value, "indicator_id": step["target"]}
        for step in data.run["steps"]
        for value in (step["flags"] or {}).get("values", [])
    ]
    if not flags:
        return None
    rows = [
        [*flag_what(flag, lang, data.titles, data.places), flag_why(flag, lang)] for flag in flags
    ]
    columns = [
        Column(t(key, lang), numeric=key == "flag_value")
        for key in ("data_indicator", "flag_place", "flag_period", "flag_value", "flag_why")
    ]
    return html.Section(
        [
            html.H2(t("run_would_flag_heading", lang), id="would-flag-heading"),
            data_table(t("run_would_flag_caption", lang), columns, rows, table_id="run-would-flag"),
        ],
        **attrs({"aria-labelledby": "would-flag-heading"}),
    )


def render_run(data: RunPageData | NotFound) -> Content:
    """A run's page, or the not-found page for a run that does not exist.

    A dry run says so in its title and above its steps, whose counts are what a refresh would
    have changed, and lists the values it would have flagged.
    """
    if isinstance(data, NotFound):
        return not_found_content(data)
    lang, run = data.lang, data.run
    title = t("run_title_dry" if run["dry_run"] else "run_title", lang, id=run["id"])
    children: list[Any] = [html.H1(title)]
    notice = problems_notice(data.params.problems, lang, f"{RUN_PATH}/{run['id']}")
    if notice is not None:
        children.append(notice)
    steps: list[Any] = [html.H2(t("run_details", lang), id="steps-heading")]
    if run["dry_run"]:
        steps.append(html.P(t("run_dry_note", lang), className="notice", id="run-dry-note"))
    steps.append(steps_table(data))
    children += [
        facts(data),
        html.Section(steps, **attrs({"aria-labelledby": "steps-heading"})),
    ]
    would_flag = would_flag_section(data)
    if would_flag is not None:
        children.append(would_flag)
    children.append(html.P(dcc.Link(t("run_back", lang), href=with_lang("/data", lang))))
    return Content(lang, f"{RUN_PATH}/{run['id']}", title, children)
