"""The area page's plain routes: one municipality's boundaries and the areas' values as a file.

``/geo/omraden/<level>/<vintage>/<municipality>.json`` serves only that municipality's areas
(wound for d3-geo, long-cached under the address's version), so a page never downloads another
municipality's polygons; ``/ladda-ner/omraden/<municipality>.<csv|xlsx>`` gives every stored
value of the chosen measure for the municipality's areas, exactly as stored.
"""

from __future__ import annotations

import logging

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import current
from levande.dashboard.files import FORMATS, file_response
from levande.dashboard.i18n import parse_lang
from levande.dashboard.indicator.geo import for_d3
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.small_areas import area_boundary, area_values

log = logging.getLogger(__name__)

blueprint = Blueprint("areas", __name__)

LEVELS = ("deso", "regso")


@blueprint.get("/geo/omraden/<level>/<vintage>/<municipality>.json")
def area_boundaries_route(level: str, vintage: str, municipality: str) -> Response:
    """One municipality's DeSO or RegSO boundaries of one vintage."""
    if level not in LEVELS or not vintage.isdigit() or not municipality.isdigit():
        return Response("{}", status=404, mimetype="application/geo+json")
    try:
        stored = area_boundary(current().reader, municipality, level, vintage)
    except SQLAlchemyError:
        log.exception("area boundaries cannot be read")
        return Response("{}", status=503, mimetype="application/geo+json")
    if stored is None:
        return Response("{}", status=404, mimetype="application/geo+json")
    if request.if_none_match and stored.version in request.if_none_match:
        return Response(status=304)
    response = Response(for_d3(stored.geojson), mimetype="application/geo+json")
    response.set_etag(stored.version)
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000 if request.args.get("v") else 3600
    return response


@blueprint.get("/ladda-ner/omraden/<municipality>.<fmt>")
def area_download_route(municipality: str, fmt: str) -> Response:
    """Every stored value of one small-area measure for a municipality's areas."""
    ctx = current()
    catalogue = ctx.catalogue
    if fmt not in FORMATS or catalogue is None:
        return Response("not found", status=404, mimetype="text/plain")
    place = dims.region(ctx.reader, municipality)
    wanted = request.args.get("indikator")
    small = catalogue.small_areas
    indicator = next((i for i in small.indicators if i.id == wanted), None)
    if place is None or place.level != "kommun" or indicator is None:
        return Response(
            "Unknown municipality or measure: choose them on the area page.",
            status=404,
            mimetype="text/plain",
        )
    ids = [indicator.id, *([indicator.denominator] if indicator.denominator else [])]
    frame = area_values(ctx.reader, place.code, ids)
    level = request.args.get("niva")
    if level in LEVELS:
        frame = frame[frame["level"] == level]
    out = pd.DataFrame(
        {
            "municipality_code": place.code,
            "municipality": place.name,
            "indicator_id": frame["indicator_id"],
            "area_code": frame["area_code"],
            "area_name": frame["name"],
            "level": frame["level"],
            "vintage": frame["vintage"],
            "regso_code": frame["regso_code"],
            "period": frame["period"],
            "value": frame["value"],
            "status": frame["status"],
        }
    )
    name = f"omraden-{place.code}-{indicator.id}.{fmt}"
    lang, _ = parse_lang(request.args.get("lang"))
    return file_response(out, fmt, name, lang, indicator.decimals)
