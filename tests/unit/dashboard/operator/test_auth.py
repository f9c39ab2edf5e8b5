"""The operator's session cookie and CSRF value: signed, salted, bound and expiring."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine

from levande.dashboard.context import AppContext
from levande.dashboard.operator.auth import (
    csrf_matches,
    operator_session,
    session_value,
    token_configured,
    token_matches,
)
from levande.indicators.core.settings import Settings

TOKEN = "op-" + "5b1e" * 8


def _ctx(token: str | None = TOKEN) -> AppContext:
    secret = SecretStr(token) if token is not None else None
    return AppContext(create_engine("sqlite://"), Settings(admin_token=secret))


def test_the_token_is_compared_whole() -> None:
    ctx = _ctx()
    assert token_configured(ctx) and token_matches(ctx, TOKEN)
    assert not token_matches(ctx, TOKEN[:-1]) and not token_matches(ctx, "")
    assert not token_matches(ctx, "é" * len(TOKEN))  # non-ASCII: refused, not a crash
    assert not token_configured(_ctx(None)) and not token_matches(_ctx(None), TOKEN)


def test_a_signed_session_carries_a_csrf_value_for_itself_only() -> None:
    ctx = _ctx()
    cookie = session_value(ctx)
    assert TOKEN not in cookie
    session = operator_session(ctx, cookie)
    assert session is not None
    assert csrf_matches(ctx, session, session.csrf)
    other = operator_session(ctx, session_value(ctx))
    assert other is not None and other.session_id != session.session_id
    assert not csrf_matches(ctx, session, other.csrf)  # lifted from another session


@pytest.mark.parametrize("cookie", ["", "1.é", "abc", "0" * 64, "eyJ4IjoxfQ.AAAA.AAAA", "ä.ö.å"])
def test_forged_or_garbled_cookies_prove_nothing(cookie: str) -> None:
    assert operator_session(_ctx(), cookie) is None


def test_a_csrf_value_is_no_session_and_a_cookie_no_csrf_value() -> None:
    ctx = _ctx()
    cookie = session_value(ctx)
    session = operator_session(ctx, cookie)
    assert session is not None
    assert operator_session(ctx, session.csrf) is None  # salted apart
    assert not csrf_matches(ctx, session, cookie)
    assert not csrf_matches(ctx, session, "é" * 20) and not csrf_matches(ctx, session, None)


def test_a_new_token_signs_everyone_out() -> None:
    cookie = session_value(_ctx())
    assert operator_session(_ctx("another-" + TOKEN), cookie) is None
    assert operator_session(_ctx(None), cookie) is None


def test_sessions_expire_after_eight_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _ctx()
    now = time.time()
    with monkeypatch.context() as clock:
        clock.setattr(time, "time", lambda: now - 8 * 3600 + 60)
        fresh = session_value(ctx)
        clock.setattr(time, "time", lambda: now - 8 * 3600 - 60)
        stale = session_value(ctx)
    assert operator_session(ctx, fresh) is not None
    assert operator_session(ctx, stale) is None
