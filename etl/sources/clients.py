"""The source clients of a runtime, built from the settings, and the state they share.

Nothing about the sources is kept at module level: a :class:`Sources` is made once per runtime
(a command, the scheduler's process, a test) and owns one rate limiter per source, the budget
every run of that runtime draws from; each run gets fresh :class:`SourceClients` from it, so
what a run learns (limits, metadata, resolved table ids) never outlives the run, and two
runtimes in one process (two tests) share nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from levande.etl.sources import scb
from levande.etl.sources.http import HttpClient, RateLimiter, calls_per_window
from levande.etl.sources.kolada import KoladaClient, KoladaKpi
from levande.etl.sources.scb import ScbClient

if TYPE_CHECKING:
    from levande.indicators.core.settings import Settings


@dataclass
class SourceClients:
    """The source clients of one run, and what the run caches about the sources.

    Attributes:
        scb: SCB's PxWebApi 2.0.
        kolada: Kolada's API v3.
        geo: plain HTTP for boundary files.
        table_info_cache: SCB table records by ``TAB`` id, read once per run.
        kpi_cache: Kolada KPI metadata by id (``None`` for a KPI Kolada does not have).
    """

    scb: ScbClient
    kolada: KoladaClient
    geo: HttpClient
    table_info_cache: dict[str, Any] = field(default_factory=dict)
    kpi_cache: dict[str, KoladaKpi | None] = field(default_factory=dict)

    def http_clients(self) -> list[HttpClient]:
        """Every HTTP client, for request and byte counters."""
        return [self.scb.http, self.kolada.http, self.geo]

    def start_run(self) -> None:
        """Forget the metadata of an earlier run: each run asks the sources afresh."""
        self.table_info_cache.clear()
        self.kpi_cache.clear()

    def close(self) -> None:
        """Close the pooled connections of every client."""
        for http in self.http_clients():
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Sources:
    """The sources as one runtime sees them: settings and one rate limiter per source.

    SCB counts calls per IP address, so every run of a process must draw from the same SCB
    budget: the scheduler's runtime keeps one :class:`Sources` for all its jobs.
    """

    def __init__(self, settings: Settings) -> None:
        """Make the limiters.

        SCB's is conservative until its ``/config`` is read; Kolada's comes from
        ``kolada_calls_per_second``.
        """
        self.settings = settings
        self.scb_limiter = RateLimiter(*scb.LIMIT_BEFORE_CONFIG)
        self.kolada_limiter = RateLimiter(*calls_per_window(settings.kolada_calls_per_second))

    def clients(self) -> SourceClients:
        """Fresh clients for one run.

        They use the operator's timeouts and retries and this runtime's limiters.
        """
        settings = self.settings
        return SourceClients(
            scb=ScbClient(
                settings.scb_api_url,
                HttpClient.from_settings(scb.SOURCE, settings, self.scb_limiter),
            ),
            kolada=KoladaClient(
                settings.kolada_api_url,
                HttpClient.from_settings("kolada", settings, self.kolada_limiter),
            ),
            geo=HttpClient.from_settings("boundaries", settings),
        )
