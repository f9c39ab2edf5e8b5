"""What the API's documentation page shows: the endpoint table, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from levande.dashboard.api.spec import ENDPOINTS, Endpoint
from levande.dashboard.urls import PageParams


@dataclass(frozen=True)
class ApiDocsData:
    """The documentation page's data.

    Attributes:
        params: the language.
        endpoints: every endpoint of ``/api/v1/``, in the order of the OpenAPI document.
    """

    params: PageParams
    endpoints: tuple[Endpoint, ...]

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_api_docs(params: PageParams) -> ApiDocsData:
    """The page's data: the endpoint table needs no database."""
    return ApiDocsData(params, ENDPOINTS)
