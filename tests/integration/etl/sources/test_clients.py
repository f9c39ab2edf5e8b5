"""A runtime's sources: one rate-limit budget per source, fresh clients for every run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from levande.etl.sources.clients import Sources
from levande.indicators.core.settings import Settings
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb

pytestmark = pytest.mark.integration


@pytest.fixture
def settings() -> Iterator[Settings]:
    with FakeScb(max_calls=25, time_window=5) as scb, FakeKolada() as kolada:
        yield Settings(
            scb_api_url=scb.url,
            kolada_api_url=kolada.url,
            kolada_calls_per_second=0.5,
            http_timeout=3,
            http_max_retries=2,
        )


def test_the_runs_of_one_runtime_share_its_limiters(settings: Settings) -> None:
    sources = Sources(settings)
    with sources.clients() as first, sources.clients() as second:
        assert first.scb is not second.scb and first.kolada is not second.kolada
        assert first.scb.http.limiter is second.scb.http.limiter is sources.scb_limiter
        assert first.kolada.http.limiter is second.kolada.http.limiter is sources.kolada_limiter
        assert first.geo.limiter is None
        assert (first.scb.http.timeout, first.scb.http.max_retries) == (3.0, 2)


def test_limiters_start_from_the_settings_and_follow_scbs_config(settings: Settings) -> None:
    sources = Sources(settings)
    assert (sources.kolada_limiter.max_calls, sources.kolada_limiter.window_seconds) == (1, 2.0)
    assert (sources.scb_limiter.max_calls, sources.scb_limiter.window_seconds) == (10, 10.0)
    with sources.clients() as clients:
        clients.scb.config()
    # What one run read from /config holds for the next run of the runtime.
    assert (sources.scb_limiter.max_calls, sources.scb_limiter.window_seconds) == (25, 5.0)


def test_two_runtimes_share_nothing(settings: Settings) -> None:
    one, other = Sources(settings), Sources(settings)
    assert one.scb_limiter is not other.scb_limiter
    assert one.kolada_limiter is not other.kolada_limiter
    with one.clients() as clients:
        clients.scb.config()
    assert other.scb_limiter.max_calls == 10


def test_what_a_run_cached_is_forgotten_when_the_next_starts(settings: Settings) -> None:
    with Sources(settings).clients() as clients:
        clients.kpi_cache["N07907"] = None
        clients.table_info_cache["TAB638"] = object()
        clients.start_run()
        assert clients.kpi_cache == {} and clients.table_info_cache == {}
