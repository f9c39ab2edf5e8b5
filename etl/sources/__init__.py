"""HTTP clients for the open-data sources (SCB PxWebApi 2.0 and Kolada API v3).

The clients only fetch and parse: they return plain typed records in the sources' own codes
and leave mapping to indicators, regions and the database to the jobs. A runtime builds them
through :class:`Sources`, which owns the rate limiters.
"""

from levande.etl.sources.clients import SourceClients, Sources
from levande.etl.sources.http import (
    HttpClient,
    HttpCounters,
    RateLimiter,
    SourceError,
    SourceStatusError,
    SourceUnreachableError,
    calls_per_window,
)

__all__ = [
    "HttpClient",
    "HttpCounters",
    "RateLimiter",
    "SourceClients",
    "SourceError",
    "SourceStatusError",
    "SourceUnreachableError",
    "Sources",
    "calls_per_window",
]
