"""The refresh schedule in words: each job, when it runs, when next and how it last went.

The schedule itself stays in ``config/schedule.yaml``, reviewed like code; the pages show it
and, for a signed-in operator, start a job now. Cron expressions are said the way people say
them ("varje natt 02:15", "vardagar 09:30"); an expression outside those shapes is quoted
as it is, which is still exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.forms import hidden_field
from levande.dashboard.components.runs import run_href, target_text, when, word
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import t
from levande.indicators.core.cron import WEEKDAYS, apscheduler_weekdays

NIGHT_HOURS = range(6)
"""Hours said as "at night" rather than "every day"."""

Job = Mapping[str, Any]
"""One job of the schedule (see ``indicators.reads.ops.schedule_overview``)."""


def _number(field: str, top: int) -> int | None:
    return int(field) if field.isascii() and field.isdigit() and int(field) <= top else None


def _listed(words: Sequence[str], lang: str) -> str:
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {t('word_and', lang)} {words[-1]}"


def cron_words(expression: str, lang: str) -> str:
    """A five-field cron expression as people say it, in the language.

    A fixed time each night or day, on weekdays, at weekends, on named weekdays, or on one
    day of every month is put in words; anything else is quoted as the expression.
    """
    fields = expression.split()
    other = t("cron_other", lang, cron=expression)
    if len(fields) != 5:
        return other
    minute, hour, day, month, weekday = fields
    m, h = _number(minute, 59), _number(hour, 23)
    if m is None or h is None or month != "*":
        return other
    time = f"{h:02d}:{m:02d}"
    if day != "*":
        number = _number(day, 31)
        if number is None or weekday != "*":
            return other
        return t("cron_month_day", lang, day=number, time=time)
    try:
        names = apscheduler_weekdays(weekday).split(",")
    except ValueError:
        return other
    if names == ["*"] or len(names) == 7:
        return t("cron_night" if h in NIGHT_HOURS else "cron_day", lang, time=time)
    if names == ["mon", "tue", "wed", "thu", "fri"]:
        return t("cron_weekdays", lang, time=time)
    if names == ["sun", "sat"]:
        return t("cron_weekends", lang, time=time)
    ordered = sorted(names, key=lambda d: (WEEKDAYS.index(d) + 6) % 7)  # Monday first
    days = _listed([t(f"weekday_{d}", lang) for d in ordered], lang)
    return t("cron_days", lang, days=days, time=time)


def run_now_form(job_id: str, label: str, csrf: str, lang: str) -> Any:
    """The operator's "kör nu" for one job: the existing refresh action, for the job."""
    return html.Form(
        action="/operator/refresh",
        method="post",
        className="inline-form",
        children=[
            hidden_field("target", f"job:{job_id}", keep_id=False),
            hidden_field("csrf", csrf, keep_id=False),
            hidden_field("lang", lang, keep_id=False),
            html.Button(
                t("schedule_run_now", lang),
                type="submit",
                className="button button--small",
                **attrs({"aria-label": t("schedule_run_now_label", lang, job=label)}),
            ),
        ],
    )


def runnable(job: Job) -> bool:
    """Whether "kör nu" can start the job: every job but the status computation."""
    return bool(job["job"].job != "status")


def schedule_table(
    jobs: Sequence[Job],
    lang: str,
    titles: Mapping[str, str] | None = None,
    csrf: str | None = None,
) -> Any:
    """Each scheduled job in words; with a CSRF value (an operator), a "kör nu" per job."""
    if not jobs:
        return html.P(t("schedule_none", lang))
    names = titles or {}
    rows = []
    for entry in jobs:
        job = entry["job"]
        last: Any = t("data_never", lang)
        if entry["last_run_id"] is not None:
            last = dcc.Link(
                f"{when(entry['last_started_at'], lang)}, "
                f"{word('outcome', entry['last_outcome'], lang)}",
                href=run_href(entry["last_run_id"], lang),
            )
        what = target_text(job.job, lang, names)
        row = [
            job.id,
            what,
            cron_words(job.cron, lang),
            when(entry["next_run"], lang) if entry["next_run"] else t("data_never", lang),
            last,
        ]
        if csrf is not None:
            row.append(run_now_form(job.id, job.id, csrf, lang) if runnable(entry) else "")
        rows.append(row)
    keys = ["schedule_job", "schedule_what", "schedule_when", "schedule_next", "schedule_last"]
    columns = [Column(t(k, lang)) for k in keys]
    if csrf is not None:
        columns.append(Column(t("schedule_run_now", lang)))
    return data_table(t("schedule_caption", lang), columns, rows, table_id="schedule")
