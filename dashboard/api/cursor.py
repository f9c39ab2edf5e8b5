"""The ``cursor`` of a paged answer: the page number and the key of the previous page's last row.

Opaque to clients (URL-safe base64 of a small JSON list), so that its form may change within
``v1`` without breaking anyone who follows ``next`` links.
"""

from __future__ import annotations

import base64
import binascii
import json

from levande.dashboard.api.params import ApiError


def encode(page: int, key: tuple[str, ...]) -> str:
    """The cursor of the page ``page`` that starts after the row with ``key``."""
    raw = json.dumps([page, *key], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str, key_length: int) -> tuple[int, tuple[str, ...]]:
    """(page, key) of a cursor.

    Raises:
        ApiError: a cursor this endpoint did not write.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        doc = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        doc = None
    if (
        not isinstance(doc, list)
        or len(doc) != key_length + 1
        or not isinstance(doc[0], int)
        or isinstance(doc[0], bool)
        or doc[0] < 2
        or not all(isinstance(part, str) for part in doc[1:])
    ):
        raise ApiError(
            400,
            "invalid_value",
            "cursor is not one this endpoint wrote: follow the next link of the previous page",
            parameter="cursor",
        )
    return doc[0], tuple(doc[1:])
