"""A local dataset's values as CSV or Excel, exactly as published (withheld scores empty)."""

from __future__ import annotations

import logging
import math

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import current
from levande.dashboard.files import FORMATS, file_response, message_page
from levande.dashboard.i18n import parse_lang, t
from levande.indicators.core.vocabulary import Level
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import local_data as local

log = logging.getLogger(__name__)

blueprint = Blueprint("local_data_downloads", __name__)


@blueprint.get("/ladda-ner/lokal/<code>.<fmt>")
def local_download_route(code: str, fmt: str) -> Response:
    """The chosen version (the latest unless ``version``) of the dataset ``dataset``."""
    lang, _ = parse_lang(request.args.get("lang"))
    slug = request.args.get("dataset", "")
    version_text = request.args.get("version") or ""
    missing = message_page(lang, t("not_found_title", lang), t("local_download_missing", lang), 404)
    if fmt not in FORMATS or (version_text and not version_text.isdigit()):
        return missing
    try:
        ctx = current()
        place = dims.region(ctx.reader, code)
        if place is None or place.level != Level.KOMMUN:
            return missing
        frame = local.values(
            ctx.reader, place.code, slug, int(version_text) if version_text else None
        )
    except SQLAlchemyError:
        log.exception("local data download of %s/%s failed", code, slug)
        return message_page(lang, t("error_title", lang), t("error_database", lang), 503)
    if frame.empty:
        return missing
    suffix = f"_v{version_text}" if version_text else ""
    name = f"lokal_{place.code}_{slug}{suffix}.{fmt}"
    return file_response(frame, fmt, name, lang, published_decimals(frame["value"]))


def published_decimals(values: pd.Series) -> list[int]:
    """Each value's own decimals (its shortest form), so the file holds it exactly."""
    return [
        len(repr(float(v)).partition(".")[2]) if pd.notna(v) and math.isfinite(v) else 0
        for v in values
    ]
