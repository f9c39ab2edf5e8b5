"""The operator's sign-in: the token, the session cookie and the CSRF value of its forms.

Operator actions exist only when ``LEVANDE_ADMIN_TOKEN`` is set. The token is compared in
constant time and never logged or stored. A signed-in browser holds a cookie made with
``itsdangerous``: a random session id, signed with the token and stamped with its issue time,
so any gunicorn worker can check it without shared state and it expires after eight hours.
Every form carries a CSRF value: the same session id signed under another salt, so a value
lifted from one session is worthless in another, and a CSRF value never passes as a cookie.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from flask import request
from itsdangerous import BadData, URLSafeTimedSerializer

from levande.dashboard.context import AppContext, current

COOKIE = "levande_operator"
SESSION_SECONDS = 8 * 3600
SESSION_SALT = "levande.operator.session"
CSRF_SALT = "levande.operator.csrf"
"""Salts keep the two signed values apart: a CSRF value never passes as a session cookie."""


def _token(ctx: AppContext) -> bytes | None:
    secret = ctx.settings.admin_token
    value = secret.get_secret_value() if secret is not None else ""
    return value.encode("utf-8") if value else None


def token_configured(ctx: AppContext) -> bool:
    """True when operator actions are switched on (a token is set)."""
    return _token(ctx) is not None


def _serializer(token: bytes, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(token, salt=salt)


def _unsigned(token: bytes, salt: str, value: str | None) -> str | None:
    """The session id a signed value carries, or None when forged, expired or garbled.

    Non-ASCII text cannot come from us (signed values are URL-safe base64), so it is refused
    before it reaches the signature check.
    """
    if not value or not value.isascii():
        return None
    try:
        payload = _serializer(token, salt).loads(value, max_age=SESSION_SECONDS)
    except BadData:
        return None
    return payload if isinstance(payload, str) and payload else None


def token_matches(ctx: AppContext, given: str | None) -> bool:
    """True when ``given`` is the operator token (constant-time comparison)."""
    token = _token(ctx)
    if token is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), token)


def session_value(ctx: AppContext) -> str:
    """A new session cookie value: a random session id, signed and stamped with the time."""
    token = _token(ctx)
    if token is None:
        raise RuntimeError("a session needs the operator token to be set")
    return _serializer(token, SESSION_SALT).dumps(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class OperatorSession:
    """A valid operator session and a CSRF value for its forms."""

    session_id: str
    csrf: str


def operator_session(ctx: AppContext, cookie: str | None) -> OperatorSession | None:
    """The session a cookie proves, or None (no token configured, missing, forged, expired)."""
    token = _token(ctx)
    if token is None:
        return None
    session_id = _unsigned(token, SESSION_SALT, cookie)
    if session_id is None:
        return None
    return OperatorSession(session_id, _serializer(token, CSRF_SALT).dumps(session_id))


def csrf_matches(ctx: AppContext, session: OperatorSession, given: str | None) -> bool:
    """True when ``given`` is a CSRF value issued for this session and not yet expired."""
    token = _token(ctx)
    if token is None:
        return False
    session_id = _unsigned(token, CSRF_SALT, given)
    if session_id is None:
        return False
    return hmac.compare_digest(session_id.encode("utf-8"), session.session_id.encode("utf-8"))


def current_session() -> OperatorSession | None:
    """The operator session of the current request (cookie), or None."""
    return operator_session(current(), request.cookies.get(COOKIE))


def bearer_ok(ctx: AppContext) -> bool:
    """True when the request carries ``Authorization: Bearer <the operator token>``."""
    header = request.headers.get("Authorization", "")
    return header.startswith("Bearer ") and token_matches(ctx, header.removeprefix("Bearer "))
