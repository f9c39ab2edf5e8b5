"""Operations ``/data/operator``: run history, what changed, and starting a refresh, drawn.

Behind the operator token (see ``operator/auth.py``): without a valid session the page shows
only a sign-in form, and without a configured token it says operator actions are off. While a
run is going, the history refreshes itself every few seconds to show its progress. Everything
here is a pure function of :class:`~levande.dashboard.operator.data.OperatorData` (or, for
the history, of its runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.flags import decisions_table, flags_table
from levande.dashboard.components.forms import hidden_field
from levande.dashboard.components.runs import history_table
from levande.dashboard.components.schedule import schedule_table
from levande.dashboard.i18n import t
from levande.dashboard.local_data.upload import CONSOLE_PATH
from levande.dashboard.operator.auth import OperatorSession
from levande.dashboard.operator.data import OperatorData, OperatorParams
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang

PATH = "/data/operator"
POLL_MS = 3000


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
            hidden_field("lang", lang, keep_id=False),
            html.Button(
                t("operator_login", lang), type="submit", id="operator-login", className="button"
            ),
        ],
    )


def refresh_form(targets: Sequence[tuple[str, str]], session: OperatorSession, lang: str) -> Any:
    """Choose a source or one indicator and start its refresh, or a dry run of it.

    The two buttons submit the same form; the dry run's sends ``mode=dry-run``.
    """
    options = [html.Option(label, value=value) for value, label in targets]
    return html.Form(
        action="/operator/refresh",
        method="post",
        className="operator-form",
        children=[
            html.H2(t("operator_refresh_heading", lang)),
            html.Label(t("operator_refresh_label", lang), htmlFor="operator-target"),
            html.Select(options, id="operator-target", name="target", className="field__select"),
            hidden_field("csrf", session.csrf, keep_id=False),
            hidden_field("lang", lang, keep_id=False),
            html.Button(
                t("operator_refresh_button", lang),
                type="submit",
                id="operator-start",
                className="button",
            ),
            html.Button(
                t("operator_dry_run_button", lang),
                type="submit",
                name="mode",
                value="dry-run",
                id="operator-dry-run",
                className="button button--secondary",
                **attrs({"aria-describedby": "operator-dry-run-hint"}),
            ),
            html.P(t("operator_dry_run_hint", lang), id="operator-dry-run-hint", className="note"),
        ],
    )


def flash(params: OperatorParams, targets: Sequence[tuple[str, str]] = ()) -> list[Any]:
    """What just happened: a refused sign-in, a refresh already running, a refresh started.

    A started refresh is named by its label among ``targets`` when it is one of them.
    """
    lang = params.lang
    messages = []
    if params.refused:
        messages.append(t("operator_refused", lang))
    if params.busy:
        messages.append(t("operator_busy", lang))
    started = params.started
    if started:
        label = dict(targets).get(started, started.split(":", 1)[-1][:80])
        key = "operator_dry_run_started" if params.dry_run else "operator_started"
        messages.append(t(key, lang, target=label))
    if params.no_dry_run:
        messages.append(t("operator_no_dry_run", lang))
    if params.accepted:
        messages.append(t("flag_accepted", lang))
    return [html.P(m, className="notice", role="status") for m in messages]


def local_data_section(lang: str) -> Any:
    """Where the operator publishes a municipality's local data (a plain form, no script)."""
    return html.Section(
        [
            html.H2(t("operator_local_heading", lang), id="local-heading"),
            html.P(
                html.A(
                    t("operator_local_link", lang),
                    href=with_lang(CONSOLE_PATH, lang),
                    id="operator-local-link",
                )
            ),
        ],
        **attrs({"aria-labelledby": "local-heading"}),
    )


def render_operator(data: OperatorData) -> Content:
    """The operations page for the request's session."""
    lang = data.lang
    children: list[Any] = [
        html.H1(t("operator_title", lang)),
        dcc.Store(id="operator-lang", data=lang),
    ]
    if not data.configured:
        children.append(html.P(t("operator_disabled", lang), className="notice"))
    else:
        children.extend(flash(data.params, data.targets))
        session = data.session
        if session is None:
            children.append(login_form(lang))
        else:
            table, running = history_table(data.runs, lang, data.titles)
            children.extend(
                [
                    refresh_form(data.targets, session, lang),
                    html.Section(
                        [
                            html.H2(t("flags_heading", lang), id="flags-heading"),
                            html.P(t("flags_intro", lang)),
                            flags_table(data.flags, lang, data.titles, data.places, session.csrf),
                            html.H3(t("flags_decisions_heading", lang)),
                            decisions_table(data.decisions, lang, data.titles, data.places),
                        ],
                        **attrs({"aria-labelledby": "flags-heading"}),
                    ),
                    html.Section(
                        [
                            html.H2(t("schedule_heading", lang), id="schedule-heading"),
                            schedule_table(data.schedule, lang, data.titles, session.csrf),
                        ],
                        **attrs({"aria-labelledby": "schedule-heading"}),
                    ),
                    local_data_section(lang),
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
                        disabled=not (running or data.params.started),
                    ),
                    html.Form(
                        action="/operator/logout",
                        method="post",
                        children=[
                            hidden_field("lang", lang, keep_id=False),
                            html.Button(
                                t("operator_logout", lang),
                                type="submit",
                                className="button button--secondary",
                            ),
                        ],
                    ),
                ]
            )
    return Content(lang, PATH, t("operator_title", lang), children)
