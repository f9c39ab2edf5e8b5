"""The status words, their groups and the judged and on-track sets agree with each other."""

from __future__ import annotations

from levande.indicators.core.vocabulary import (
    JUDGED_STATUSES,
    MANUAL_STATUSES,
    ON_TRACK_STATUSES,
    STATUS_GROUP_ORDER,
    STATUS_GROUPS,
    Status,
    StatusGroup,
)


def test_every_status_has_a_group_and_every_group_a_place_in_the_order() -> None:
    assert set(STATUS_GROUPS) == {s.value for s in Status}
    assert set(STATUS_GROUPS.values()) == set(StatusGroup)
    assert STATUS_GROUP_ORDER == ("improving", "stable", "worsening", "not_judged", "no_data")


def test_judged_and_on_track_follow_the_groups() -> None:
    assert {
        Status.TARGET_ACHIEVED,
        Status.SUBSTANTIAL_PROGRESS,
        Status.MODERATE_PROGRESS,
        Status.LIMITED_PROGRESS,
        Status.DETERIORATION,
    } == JUDGED_STATUSES
    assert {
        Status.TARGET_ACHIEVED,
        Status.SUBSTANTIAL_PROGRESS,
        Status.MODERATE_PROGRESS,
    } == ON_TRACK_STATUSES
    assert ON_TRACK_STATUSES < JUDGED_STATUSES
    assert JUDGED_STATUSES | {Status.NOT_AVAILABLE} == MANUAL_STATUSES


def test_a_status_read_as_a_plain_string_finds_its_group() -> None:
    stored = "limited_progress"  # as the database returns it
    assert STATUS_GROUPS[stored] is StatusGroup.STABLE
    assert stored in JUDGED_STATUSES and stored not in ON_TRACK_STATUSES
    assert f"group_{STATUS_GROUPS[stored]}" == "group_stable"
