"""Failures without an answer are named for what they are, in one line."""

from __future__ import annotations

import pytest

from levande.etl.sources.http import HttpClient, SourceError, SourceUnreachableError
from levande.indicators.core.failures import FailureKind

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://levande-test.invalid/api", "the host name could not be resolved"),
        ("http://127.0.0.1:9/api", "could not connect"),
    ],
)
def test_unreachable_sources(url: str, reason: str) -> None:
    client = HttpClient("scb", timeout=5, max_retries=1, backoff_factor=0.01)
    with pytest.raises(SourceError) as caught:
        client.get_json(url)
    assert caught.value.status is None
    assert isinstance(caught.value, SourceUnreachableError)
    assert caught.value.kind is FailureKind.UNREACHABLE
    assert caught.value.reason.startswith(reason)
    assert "(2 attempts)" in caught.value.reason
