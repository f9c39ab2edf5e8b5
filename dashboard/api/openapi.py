"""The OpenAPI 3.1 document of ``/api/v1/``, made from the endpoint table and the models.

Nothing here is written by hand twice: the paths and their parameters come from
:data:`levande.dashboard.api.spec.ENDPOINTS`, the schemas from the pydantic models of
:mod:`levande.dashboard.api.models`. The contract tests check every answer against it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic.json_schema import models_json_schema

from levande.dashboard.api import models
from levande.dashboard.api.params import INDICATOR
from levande.dashboard.api.spec import DOCS_PATH, ENDPOINTS, Endpoint

REF = "#/components/schemas/{model}"

HEADERS = {
    "ETag": {"description": "validator of the answer", "schema": {"type": "string"}},
    "Last-Modified": {"description": "when the data last changed", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
    "X-Data-Version": {
        "description": "the database's data version",
        "schema": {"type": "string"},
    },
}

DESCRIPTION = (
    "Open, read-only data of the Swedish national dashboard for following up the policy for "
    "living and safe cities (Skr. 2024/25:96): the catalogue of indicators, regions, and "
    "every published value exactly as the sources published it.\n\n"
    "Identifiers are stable: indicator ids, focus area and sub-goal ids, framework ids with "
    "their version, and SCB region codes never change meaning. An indicator that is renamed "
    "keeps its former id as a permanent redirect (308, query kept) to the new one, both in the "
    "path (/api/v1/indicators/{id}) and in an indicator filter. A field of v1 never changes "
    "name or meaning; fields may be added; a change that would break this is /api/v2/.\n\n"
    "Unknown query parameters are refused with 400. Answers carry ETag and Last-Modified; "
    "a conditional request gets 304 when nothing changed. Any origin may read (CORS)."
)


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="ApiErrorOut")}}},
    }


def _path_params(endpoint: Endpoint) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", endpoint.path)
    ]


def _names_indicators(endpoint: Endpoint) -> bool:
    """Whether a request may name a catalogue indicator, which may have been renamed."""
    return "{indicator_id}" in endpoint.path or INDICATOR in endpoint.params


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    params = _path_params(endpoint)
    for p in endpoint.params:
        spec: dict[str, Any] = {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description,
            "schema": p.schema(),
        }
        if p.kind == "list":
            spec |= {"style": "form", "explode": False}
        if p.example is not None:
            spec["example"] = p.example
        params.append(spec)
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "headers": HEADERS,
            "content": {
                "application/json": {"schema": {"$ref": REF.format(model=endpoint.model.__name__)}}
            },
        },
        "304": {"description": "Not modified since the validator given"},
        **(
            {
                "308": {
                    "description": "The indicator was renamed: the same question with its "
                    "current id (Location). Ids never change meaning.",
                    "headers": {"Location": {"schema": {"type": "string"}}},
                }
            }
            if _names_indicators(endpoint)
            else {}
        ),
        "400": _error("A parameter is unknown or has a value of the wrong shape"),
        "503": _error("The data cannot be read just now"),
    }
    if any(p["in"] == "path" or p["required"] for p in params):
        responses["404"] = _error("Nothing has that identifier")
    return {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "parameters": params,
        "responses": responses,
    }


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """The OpenAPI document (built once per process: it depends on code alone)."""
    every = [e.model for e in ENDPOINTS] + [models.ApiErrorOut]
    _, schemas = models_json_schema(
        [(m, "serialization") for m in dict.fromkeys(every)], ref_template=REF
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Levande städer — open data API",
            "version": "1.0.0",
            "description": DESCRIPTION,
        },
        "externalDocs": {"url": DOCS_PATH, "description": "Documentation in Swedish and English"},
        "servers": [{"url": "/"}],
        "paths": {e.url: {"get": _operation(e)} for e in ENDPOINTS},
        "components": {"schemas": schemas.get("$defs", {})},
    }
