"""The product's words for statuses, directions and levels, each spelled once.

The status method decides a :class:`Status` per series; the catalogue may set one by hand (only
those in :data:`MANUAL_STATUSES`); the overview folds statuses into the plain categories of
:class:`StatusGroup`; "on track" counts :data:`ON_TRACK_STATUSES` among
:data:`JUDGED_STATUSES`. Everything that needs one of these words imports it from here, so a
new status or a changed rule is one edit, and the method (``docs/method.md``), the overview and
the badges cannot drift apart.

The enums are ``StrEnum``: a member equals its word, so statuses read back from the database as
plain strings compare, hash and look up the same as the members.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Direction(StrEnum):
    """Which way is progress: the status method and colour scales depend on it."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better, 0 for context indicators."""
        return {"higher_is_better": 1, "lower_is_better": -1, "neutral": 0}[self.value]


class Level(StrEnum):
    """Administrative levels, with SCB's code shapes: ``00``, two digits, four digits."""

    RIKET = "riket"
    LAN = "lan"
    KOMMUN = "kommun"


MUNICIPAL_MEAN = "unweighted_mean_of_municipalities"
"""``observation.aggregation`` of county and riket values that the ETL computed as unweighted
means of the municipalities' values (Kolada's municipality groups), and that pages say so."""


class Status(StrEnum):
    """Progress status of a series; the order is from best to no judgement."""

    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL_PROGRESS = "substantial_progress"
    MODERATE_PROGRESS = "moderate_progress"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    TOO_UNCERTAIN = "too_uncertain"
    CONTEXT = "context"
    NOT_AVAILABLE = "not_available"


class StatusGroup(StrEnum):
    """The overview's plain categories of statuses, in the order the overview shows them."""

    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"
    NOT_JUDGED = "not_judged"
    NO_DATA = "no_data"


STATUS_GROUPS: Mapping[str, StatusGroup] = MappingProxyType(
    {
        Status.TARGET_ACHIEVED: StatusGroup.IMPROVING,
        Status.SUBSTANTIAL_PROGRESS: StatusGroup.IMPROVING,
        Status.MODERATE_PROGRESS: StatusGroup.IMPROVING,
        Status.LIMITED_PROGRESS: StatusGroup.STABLE,
        Status.DETERIORATION: StatusGroup.WORSENING,
        Status.TOO_UNCERTAIN: StatusGroup.NOT_JUDGED,
        Status.CONTEXT: StatusGroup.NOT_JUDGED,
        Status.NOT_AVAILABLE: StatusGroup.NO_DATA,
    }
)
"""How the method's statuses fold into the overview's plain categories.

Improving means moving toward the goal at least moderately (or the target is met), stable
means limited progress (growth between 0 and the moderate threshold), worsening is
deterioration. Too uncertain and context series are judged by nobody, so they are counted
apart from series without data rather than hidden among them. Keyed by the status word, so a
status read from the database (a plain string) finds its group.
"""

JUDGED_STATUSES: frozenset[Status] = frozenset(
    Status(s)
    for s, group in STATUS_GROUPS.items()
    if group in (StatusGroup.IMPROVING, StatusGroup.STABLE, StatusGroup.WORSENING)
)
"""Statuses that judge progress (target achieved to deterioration): "on track" is counted
among these only."""

ON_TRACK_STATUSES: frozenset[Status] = frozenset(
    Status(s) for s, group in STATUS_GROUPS.items() if group is StatusGroup.IMPROVING
)
"""Judged statuses that count as on track: the improving ones (target achieved, substantial or
moderate progress)."""

MANUAL_STATUSES: frozenset[Status] = JUDGED_STATUSES | {Status.NOT_AVAILABLE}
"""Statuses the catalogue may set by hand: a judgement, or none. Too uncertain and context are
the method's conclusions about the data, so no one sets them by hand."""

STATUS_GROUP_ORDER: tuple[str, ...] = tuple(group.value for group in StatusGroup)
"""The categories' words in the overview's order (plain strings, as counts are keyed)."""

STATUS_GROUP_SLUGS: Mapping[str, StatusGroup] = MappingProxyType(
    {
        "forbattring": StatusGroup.IMPROVING,
        "stillastaende": StatusGroup.STABLE,
        "forsamring": StatusGroup.WORSENING,
        "ej-bedomd": StatusGroup.NOT_JUDGED,
        "saknar-data": StatusGroup.NO_DATA,
    }
)
"""The categories as they are written in addresses (``?status=forsamring``), in the overview's
order: Swedish words without diacritics, the same in both languages, as the paths are."""

SLUG_OF_GROUP: Mapping[str, str] = MappingProxyType(
    {group.value: slug for slug, group in STATUS_GROUP_SLUGS.items()}
)
"""A category's word in addresses, keyed by the category."""
