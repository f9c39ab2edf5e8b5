"""The endpoints of ``/api/v1/``, in one table.

The routes, the OpenAPI document and the human documentation page all read it, so the three
never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from levande.dashboard.api import models
from levande.dashboard.api.params import (
    BREAKDOWN,
    GEOGRAPHIES,
    INDICATOR,
    LEVEL,
    PAGING,
    PERIOD_FROM,
    PERIOD_TO,
    REGION,
    REGION_PATTERN,
    YEAR_PATTERN,
    Param,
)
from levande.indicators.core.catalogue import FOCUS_AREA_ID_PATTERN, ID_PATTERN

PREFIX = "/api/v1"
OPENAPI_PATH = f"{PREFIX}/openapi.json"
DOCS_PATH = "/api"


@dataclass(frozen=True)
class Endpoint:
    """One endpoint.

    Attributes:
        name: the operation id, and the key of its texts in ``dashboard/i18n.py``
            (``api_op_<name>``).
        path: the address under the API's prefix, with ``{placeholders}`` for path parts.
        summary: one English line for the OpenAPI document.
        params: the query parameters it accepts.
        model: the model of its answer.
        paged: it answers page by page.
        live: its answer depends on the time as well as on the data (freshness), so its
            validator is the answer's digest rather than the data version.
        example: an example address (query included) for the documentation.
    """

    name: str
    path: str
    summary: str
    params: tuple[Param, ...]
    model: type[BaseModel]
    paged: bool = False
    live: bool = False
    example: str = ""

    @property
    def url(self) -> str:
        """The full path, prefix included."""
        return f"{PREFIX}{self.path}"


FILTERS = (INDICATOR, REGION, LEVEL, PERIOD_FROM, PERIOD_TO, BREAKDOWN)

FOCUS_AREA = Param(
    "focus_area",
    "string",
    "Only the indicators of this focus area or context group.",
    pattern=FOCUS_AREA_ID_PATTERN,
    example="FA06",
)
PARENT = Param(
    "parent",
    "string",
    "Only the regions whose parent has this SCB code (a county's municipalities).",
    pattern=REGION_PATTERN,
    example="01",
)

MUNICIPALITY = Param(
    "municipality",
    "string",
    "The SCB code of the municipality whose DeSO/RegSO areas are wanted (required).",
    pattern=r"^[0-9]{4}$",
    example="0180",
    required=True,
)
AREA_INDICATORS = Param(
    "indicator",
    "list",
    "Small-area indicator ids, comma-separated (see /api/v1/area-indicators).",
    pattern=ID_PATTERN,
    example="omr-lag-ekonomisk-standard",
)
GEOGRAPHY = Param(
    "geography",
    "string",
    "The small-area level: regso (default) or deso.",
    enum=GEOGRAPHIES,
    default="regso",
    example="regso",
)
YEAR_FROM = Param("from", "string", "The first year wanted (inclusive).", pattern=YEAR_PATTERN)
YEAR_TO = Param("to", "string", "The last year wanted (inclusive).", pattern=YEAR_PATTERN)
SMALL_AREA_FILTERS = (MUNICIPALITY, AREA_INDICATORS, GEOGRAPHY, YEAR_FROM, YEAR_TO)

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("index", "/", "What the API offers.", (), models.IndexOut, example="/api/v1/"),
    Endpoint(
        "catalogue",
        "/catalogue",
        "The national goal, sources, focus areas with their sub-goals in force, context "
        "groups and every framework of sub-goals.",
        (),
        models.CatalogueOut,
        example="/api/v1/catalogue",
    ),
    Endpoint(
        "indicators",
        "/indicators",
        "Every indicator with its metadata, in catalogue order.",
        (FOCUS_AREA,),
        models.IndicatorListOut,
        example="/api/v1/indicators?focus_area=FA06",
    ),
    Endpoint(
        "indicator",
        "/indicators/{indicator_id}",
        "One indicator.",
        (),
        models.IndicatorItemOut,
        example="/api/v1/indicators/trangboddhet",
    ),
    Endpoint(
        "regions",
        "/regions",
        "Riket, the counties and the municipalities, with parents and peer groups.",
        (LEVEL, PARENT),
        models.RegionListOut,
        example="/api/v1/regions?level=kommun&parent=01",
    ),
    Endpoint(
        "region",
        "/regions/{code}",
        "One region.",
        (),
        models.RegionItemOut,
        example="/api/v1/regions/0180",
    ),
    Endpoint(
        "peer_groups",
        "/peer-groups",
        "Groups of municipalities to compare with, and their members.",
        (),
        models.PeerGroupListOut,
        example="/api/v1/peer-groups",
    ),
    Endpoint(
        "observations",
        "/observations",
        "Published values exactly as stored; missing values are null with the source's "
        "symbol. Ordered by indicator, region, period and breakdown.",
        (*FILTERS, *PAGING),
        models.ObservationPageOut,
        paged=True,
        example="/api/v1/observations?indicator=trangboddhet&region=0180&from=2015",
    ),
    Endpoint(
        "ranks",
        "/ranks",
        "Each value's position among all regions of its level (1 is best).",
        (*FILTERS, *PAGING),
        models.RankPageOut,
        paged=True,
        example="/api/v1/ranks?indicator=trangboddhet&level=kommun&from=2023",
    ),
    Endpoint(
        "statuses",
        "/statuses",
        "Each series' progress status, its basis and its latest rank.",
        (*FILTERS, *PAGING),
        models.StatusPageOut,
        paged=True,
        example="/api/v1/statuses?region=0180",
    ),
    Endpoint(
        "changes",
        "/changes",
        "Series whose status, rank, latest period or value changed in the latest refresh.",
        (*FILTERS, *PAGING),
        models.ChangePageOut,
        paged=True,
        example="/api/v1/changes?level=kommun",
    ),
    Endpoint(
        "area_indicators",
        "/area-indicators",
        "The indicators published per DeSO and RegSO (small areas inside municipalities), and "
        "the thresholds of the inequality measures.",
        (),
        models.AreaIndicatorListOut,
        example="/api/v1/area-indicators",
    ),
    Endpoint(
        "area_observations",
        "/area-observations",
        "One municipality's DeSO or RegSO values exactly as stored, with each area's code, "
        "vintage and RegSO; suppressed cells are null with SCB's symbol.",
        (*SMALL_AREA_FILTERS, *PAGING),
        models.AreaObservationPageOut,
        paged=True,
        example="/api/v1/area-observations?municipality=0180&indicator=omr-folkmangd",
    ),
    Endpoint(
        "inequality",
        "/inequality",
        "How unequal one municipality's areas are, year by year: highest and lowest area, "
        "P90/P10 and the population-weighted Gini and Theil, as the area page shows them.",
        SMALL_AREA_FILTERS,
        models.InequalityListOut,
        example="/api/v1/inequality?municipality=0180&indicator=omr-lag-ekonomisk-standard",
    ),
    Endpoint(
        "freshness",
        "/freshness",
        "Each indicator's freshness: the source's newest publication, our fetches, the next "
        "scheduled refresh and whether the data is stale.",
        (),
        models.FreshnessListOut,
        live=True,
        example="/api/v1/freshness",
    ),
)
