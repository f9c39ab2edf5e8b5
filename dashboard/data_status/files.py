"""The bulk files, served from the open-data folder: ``/ladda-ner/oppna-data/<name>``.

The files are written by the command line after each refresh that changed data
(:mod:`levande.indicators.reads.bulk`); the dashboard only serves them, with validators so
that a client that already holds a file gets a 304.
"""

from __future__ import annotations

from flask import Blueprint, Response, request, send_from_directory

from levande.dashboard.context import current
from levande.dashboard.files import message_page
from levande.dashboard.i18n import parse_lang, t
from levande.indicators.reads.bulk import CHECKSUMS, CSV_ZIP, MANIFEST, PARQUET_ZIP, README

blueprint = Blueprint("open_data", __name__)

PREFIX = "/ladda-ner/oppna-data"
SERVED = (CSV_ZIP, PARQUET_ZIP, README, CHECKSUMS, MANIFEST)
"""The only names served: nothing else of the folder is reachable."""


def file_href(name: str) -> str:
    """The address of one bulk file."""
    return f"{PREFIX}/{name}"


@blueprint.get(f"{PREFIX}/<name>")
def bulk_file(name: str) -> Response:
    """One bulk file, or a friendly 404 when it is unknown or not built yet."""
    lang, _ = parse_lang(request.args.get("lang"))
    folder = current().settings.resolved_open_data_dir.resolve()
    if name not in SERVED or not (folder / name).is_file():
        return message_page(lang, t("open_data_missing_title", lang),
                            t("open_data_missing", lang), 404)  # fmt: skip
    response = send_from_directory(folder, name, conditional=True, max_age=300)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
