"""Cron expressions: checked by building APScheduler's trigger, weekdays as standard cron."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from levande.indicators.core.cron import apscheduler_weekdays, cron_trigger, validate_cron


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("*", "*"),
        ("1-5", "mon,tue,wed,thu,fri"),
        ("0", "sun"),
        ("7", "sun"),
        ("0-6", "sun,mon,tue,wed,thu,fri,sat"),
        ("*/2", "sun,tue,thu,sat"),
        ("1-7/3", "sun,mon,thu"),
        ("5/1", "sun,fri,sat"),
        ("sat,0,MON", "sun,mon,sat"),
        ("mon-wed", "mon,tue,wed"),
    ],
)
def test_weekday_fields_keep_their_standard_meaning(field: str, names: str) -> None:
    assert apscheduler_weekdays(field) == names


def _fire_weekdays(expression: str) -> set[int]:
    """Weekdays (Monday = 0, as Python counts) of a fortnight of fire times."""
    trigger = cron_trigger(expression, "Europe/Stockholm")
    fire, days = datetime(2026, 3, 1, tzinfo=UTC), set()
    for _ in range(14):
        fire = trigger.get_next_fire_time(None, fire + timedelta(minutes=1))
        days.add(fire.weekday())
    return days


@pytest.mark.parametrize(
    ("expression", "weekdays"),
    [
        ("0 9 * * 0-6", {0, 1, 2, 3, 4, 5, 6}),
        ("0 9 * * 0-5", {6, 0, 1, 2, 3, 4}),  # Sunday to Friday
        ("0 9 * * */2", {6, 1, 3, 5}),  # Sunday, Tuesday, Thursday, Saturday
        ("0 9 * * 6,7", {5, 6}),
    ],
)
def test_the_trigger_fires_on_the_standard_days(expression: str, weekdays: set[int]) -> None:
    validate_cron(expression)
    assert _fire_weekdays(expression) == weekdays


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("0 3 * *", "needs 5 fields (minute hour day month weekday), got 4"),
        ("60 3 * * *", "minute '60' is not valid; use 0-59"),
        ("0 25 * * *", "hour '25' is not valid; use 0-23 (Error validating expression '25'"),
        ("0 3 0 * *", "day of month '0' is not valid; use 1-31"),
        ("0 3 * 13 *", "month '13' is not valid; use 1-12 or jan-dec"),
        ("0 3 * smarch *", "month 'smarch' is not valid"),
        ("*/0 3 * * *", "minute '*/0' is not valid"),
        ("0 3-1 * * *", "hour '3-1' is not valid"),
        ("x 3 * * *", "minute 'x' is not valid"),
        ("0 3 L * *", "day of month 'L' is not valid"),
        ("0 3 * * 8", "day of week value '8' is not valid; use 0-7 (0 and 7 are Sunday)"),
        ("0 3 * * someday", "day of week value 'someday' is not valid"),
        ("0 3 * * 5-1", "day of week range '5-1' runs backwards"),
        ("0 3 * * */0", "day of week step '0' must be a positive number"),
    ],
)
def test_bad_expressions_name_the_field_and_the_fix(expression: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_cron(expression)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "expression", ["15 2 * * *", "30 6 * * 1-5", "0 */6 1,15 jan-jun sun", "5-55/10 0 * * *"]
)
def test_what_passes_the_check_builds_a_trigger(expression: str) -> None:
    validate_cron(expression)
    after = datetime(2026, 1, 1, tzinfo=UTC)
    assert cron_trigger(expression, "Europe/Stockholm").get_next_fire_time(None, after)
