"""The operations page drawn from hand-made data: off, sign-in, refreshes and run history."""

from __future__ import annotations

from typing import Any

from levande.dashboard.components.runs import history_table
from levande.dashboard.operator.auth import OperatorSession
from levande.dashboard.operator.data import OperatorData, OperatorParams
from levande.dashboard.operator.render import render_operator
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

SESSION = OperatorSession("abc", "csrf-value")
TARGETS = (("source:kolada", "Källan kolada"), ("indicator:trangboddhet", "Trångboddhet"))


def _run(outcome: str = "success", **changes: Any) -> dict[str, Any]:
    run: dict[str, Any] = {
        "id": 7, "job": "kolada", "started_at": samples.FETCHED, "trigger": "operator",
        "outcome": outcome, "steps_done": 2, "steps_total": 4, "steps_succeeded": 1,
        "steps_unchanged": 0, "steps_failed": 1,
        "inserted": 10, "updated": 2, "deleted": 0, "error": None,
        "steps": [{"target": "trangboddhet", "new_periods": ["2021"], "drift": None,
                   "outcome": "success"},
                  {"target": "folkmangd", "new_periods": [], "drift": None,
                   "outcome": "failed"}],
    }  # fmt: skip
    run.update(changes)
    return run


def test_operator_actions_off_without_a_token() -> None:
    page = render_operator(OperatorData(OperatorParams(), configured=False, session=None))
    assert "avstängda" in text(page.children)
    assert not of_type(page.children, "Form")


def test_sign_in_form_has_a_labelled_password_field_and_says_what_happened() -> None:
    params = OperatorParams("sv", refused=True)
    page = render_operator(OperatorData(params, configured=True, session=None))
    field = find(page.children, "operator-token")
    assert field.type == "password" and field.name == "token"
    assert [label.htmlFor for label in of_type(page.children, "Label")] == ["operator-token"]
    assert "Nyckeln godtogs inte." in text(page.children)


def test_a_signed_in_operator_gets_the_refresh_form_with_its_csrf_value() -> None:
    params = OperatorParams("en", started="indicator:trangboddhet")
    data = OperatorData(params, True, SESSION, TARGETS, (_run("running"),))
    page = render_operator(data)
    form = next(f for f in of_type(page.children, "Form") if f.action == "/operator/refresh")
    hidden = {i.name: i.value for i in of_type(form, "Input")}
    assert hidden == {"csrf": "csrf-value", "lang": "en"}
    assert [o.value for o in of_type(form, "Option")] == [v for v, _ in TARGETS]
    assert "The refresh of Trångboddhet has started." in text(page.children)  # by its label
    assert find(page.children, "operator-poll").disabled is False
    ids = [getattr(n, "id", None) for n in of_type(page.children, "Input")]
    assert None in ids and "keep-lang" not in ids  # two forms keep the language: no ids


def test_history_shows_progress_counts_and_changes_in_words() -> None:
    titles = {"trangboddhet": "Trångboddhet"}
    table, running = history_table((_run("running"),), "sv", titles)
    assert running
    row = text(of_type(table, "Tr")[1])
    assert row.startswith(
        "#7 Kolada 2026-03-01 07:00 en operatör pågår 2 av 4 steg, 1 misslyckade hittills "
        "10 / 2 / 0"
    )
    assert "nya perioder i Trångboddhet" in row and "misslyckades: folkmangd" in row
    assert find(table, "run-history") is not None
    link = of_type(table, "Link")[0]
    assert link.href == "/data/korning/7"
    table, running = history_table((_run("failed", trigger="scheduler:kolada-nightly"),), "en")
    assert not running
    row = text(of_type(table, "Tr")[1])
    assert (
        "the schedule (kolada-nightly) failed 2 steps: 1 done, 0 with nothing new, 1 failed" in row
    )
    table, running = history_table((), "sv")
    assert not running and text(table) == "Inga körningar ännu."


def test_polling_stops_when_nothing_runs_or_started() -> None:
    data = OperatorData(OperatorParams(), True, SESSION, TARGETS, (_run(),))
    assert find(render_operator(data).children, "operator-poll").disabled is True
    assert has_id(render_operator(data).children, "run-history")


def test_a_signed_in_operator_sees_the_schedule_with_run_now() -> None:
    from levande.indicators.core.catalogue import ScheduleJob

    job = {"job": ScheduleJob(id="scb-daily", job="scb", cron="30 6 * * 1-5"),
           "next_run": samples.FETCHED, "last_run_id": None, "last_started_at": None,
           "last_outcome": None}  # fmt: skip
    data = OperatorData(OperatorParams("sv"), True, SESSION, TARGETS, (), schedule=(job,))
    table = find(render_operator(data).children, "schedule")
    assert "vardagar 06:30" in text(table)
    form = of_type(table, "Form")[0]
    assert {i.name: i.value for i in of_type(form, "Input")}["target"] == "job:scb-daily"


def test_a_signed_in_operator_finds_where_to_publish_local_data() -> None:
    signed_out = render_operator(OperatorData(OperatorParams("sv"), True, None))
    assert not has_id(signed_out.children, "operator-local-link")
    page = render_operator(OperatorData(OperatorParams("en"), True, SESSION, TARGETS))
    link = find(page.children, "operator-local-link")
    assert link.href == "/data/operator/lokal?lang=en"
    assert text(link) == "Publish a municipality's local data (Platskompassen, area measures)"
