"""Time as the database keeps it: timezone-aware UTC, whatever the backend hands back."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    """The current time, timezone-aware (UTC), as every stored timestamp is."""
    return datetime.now(UTC)


def aware(stamp: object) -> datetime | None:
    """A stored timestamp as an aware UTC datetime, or None when there is none.

    SQLite hands timezone-aware columns back without their zone; they were stored as UTC.
    """
    if not isinstance(stamp, datetime):
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
