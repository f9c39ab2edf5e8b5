"""HTTP clients for the open-data sources (SCB PxWebApi 2.0 and Kolada API v3).

The clients only fetch and parse: they return plain typed records in the sources' own codes
and leave mapping to indicators, regions and the database to the jobs.
"""

from levande.etl.sources.http import (
    HttpClient,
    HttpCounters,
    RateLimiter,
    SourceError,
    calls_per_window,
    shared_limiter,
)

__all__ = [
    "HttpClient",
    "HttpCounters",
    "RateLimiter",
    "SourceError",
    "calls_per_window",
    "shared_limiter",
]
