"""Operations ``/data/operator``: run history, what changed, and starting a refresh.

Behind the operator token (see dashboard/operations.py): without a valid session the page
shows only a sign-in form, and without a configured token it says operator actions are off.
While a run is going, the history refreshes itself every few seconds to show its progress.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from levande.dashboard import operations
from levande.dashboard.components import attrs
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import format_datetime, pick, t
from levande.dashboard.page import dash_layout, guarded, shell
from levande.dashboard.urls import first, lang_from
from levande.indicators.reads.ops import run_history

PATH = "/data/operator"
POLL_MS = 3000


def register() -> None:
    """Register the route and the history's self-refresh."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="operator", title=t("operator_title"), layout=layout
    )
    dash.callback(
        Output("operator-history", "children"),
        Output("operator-poll", "disabled"),
        Input("operator-poll", "n_intervals"),
        State("operator-lang", "data"),
        prevent_initial_call=True,
    )(poll)


def _hidden(name: str, value: str) -> Any:
    return dcc.Input(type="hidden", name=name, value=value)


def login_form(lang: str) -> Any:
    """The sign-in form: one labelled password field."""
    return html.Form(
        action="/operator/login",
        method="post",
        className="operator-form",
        children=[
            html.P(t("operator_login_intro", lang)),
            html.Label(t("operator_token_label", lang), htmlFor="operator-token"),
            dcc.Input(
                id="operator-token",
                name="token",
                type="password",
                autoComplete="current-password",
                required=True,
            ),
            _hidden("lang", lang),
            html.Button(
                t("operator_login", lang), type="submit", id="operator-login", className="button"
            ),
        ],
    )


def refresh_form(ctx: AppContext, session: operations.OperatorSession, lang: str) -> Any:
    """Choose a source or one indicator and start its refresh."""
    options = [
        html.Option(t("operator_target_source", lang, source=name), value=f"source:{name}")
        for name in operations.SOURCES
    ]
    if ctx.catalogue is not None:
        options += [
            html.Option(pick(i.title_sv, i.title_en, lang), value=f"indicator:{i.id}")
            for i in ctx.catalogue.indicators
        ]
    return html.Form(
        action="/operator/refresh",
        method="post",
        className="operator-form",
        children=[
            html.H2(t("operator_refresh_heading", lang)),
            html.Label(t("operator_refresh_label", lang), htmlFor="operator-target"),
            html.Select(options, id="operator-target", name="target", className="field__select"),
            _hidden("csrf", session.csrf),
            _hidden("lang", lang),
            html.Button(
                t("operator_refresh_button", lang),
                type="submit",
                id="operator-start",
                className="button",
            ),
        ],
    )


def _changes(run: dict[str, Any], lang: str) -> str:
    parts = []
    new = [s["target"] for s in run["steps"] if s["new_periods"]]
    drift = [s["target"] for s in run["steps"] if s["drift"]]
    failed = [s["target"] for s in run["steps"] if s["outcome"] == "failed"]
    if new:
        parts.append(t("operator_new_periods", lang, targets=", ".join(new[:5])))
    if drift:
        parts.append(t("operator_drift", lang, targets=", ".join(drift[:5])))
    if failed:
        parts.append(t("operator_failed_steps", lang, targets=", ".join(failed[:5])))
    return "; ".join(parts)


def history_table(ctx: AppContext, lang: str) -> tuple[Any, bool]:
    """The latest runs and whether one is still running."""
    runs = run_history(ctx.engine, 20)
    if not runs:
        return html.P(t("operator_no_runs", lang)), False
    rows = []
    for run in runs:
        total = (run.get("options") or {}).get("steps_total")
        progress = f"{run['steps_done']}/{total}" if total else str(run["steps_done"])
        rows.append(
            [
                f"#{run['id']} {run['job']}",
                format_datetime(run["started_at"], lang),
                run["trigger"],
                run["outcome"],
                progress,
                f"{run['inserted']} / {run['updated']} / {run['deleted']}",
                _changes(run, lang) or (run["error"] or ""),
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
    return data_table(
        t("operator_history_caption", lang), columns, rows, table_id="run-history"
    ), running


GRACE_POLLS = 5
"""Polls after a start before giving up on seeing the run (its process takes a moment)."""


def poll(n: int | None, lang: str | None) -> tuple[Any, bool]:
    """Re-render the history while a run is going; stop polling once none is."""
    ctx = current()
    if operations.current_session() is None:
        return dash.no_update, True
    table, running = history_table(ctx, lang or "sv")
    return table, not running and (n or 0) >= GRACE_POLLS


def _flash(kwargs: dict[str, Any], lang: str) -> list[Any]:
    messages = []
    if first(kwargs.get("refused")) == "1":
        messages.append(t("operator_refused", lang))
    if first(kwargs.get("busy")) == "1":
        messages.append(t("operator_busy", lang))
    started = first(kwargs.get("started"))
    if started:
        messages.append(t("operator_started", lang, target=started.split(":", 1)[-1][:80]))
    return [html.P(m, className="notice", role="status") for m in messages]


def build(ctx: AppContext, **kwargs: Any) -> Any:
    """The operations page for the request's session."""
    lang, _problems = lang_from(kwargs)
    children: list[Any] = [
        html.H1(t("operator_title", lang)),
        dcc.Store(id="operator-lang", data=lang),
    ]
    if not operations.token_configured(ctx):
        children.append(html.P(t("operator_disabled", lang), className="notice"))
    else:
        children.extend(_flash(kwargs, lang))
        session = operations.current_session()
        if session is None:
            children.append(login_form(lang))
        else:
            table, running = history_table(ctx, lang)
            children.extend(
                [
                    refresh_form(ctx, session, lang),
                    html.Section(
                        [
                            html.H2(t("operator_history_heading", lang), id="history-heading"),
                            html.Div(
                                table, id="operator-history", **attrs({"aria-live": "polite"})
                            ),
                        ],
                        **attrs({"aria-labelledby": "history-heading"}),
                    ),
                    dcc.Interval(
                        id="operator-poll",
                        interval=POLL_MS,
                        disabled=not (running or first(kwargs.get("started"))),
                    ),
                    html.Form(
                        action="/operator/logout",
                        method="post",
                        children=[
                            _hidden("lang", lang),
                            html.Button(
                                t("operator_logout", lang),
                                type="submit",
                                className="button button--secondary",
                            ),
                        ],
                    ),
                ]
            )
    return shell(
        ctx, lang=lang, path=PATH, params={}, title=t("operator_title", lang), children=children
    )


render = guarded(build, lambda **_: PATH)
layout = dash_layout(render)
