"""Who may show the dashboard in a frame: ``Content-Security-Policy: frame-ancestors``.

Embeddable views (``embed=1``) may be framed by the sites the operator lists in
``LEVANDE_FRAME_ANCESTORS`` (any site by default: the data is public, and the view carries its
source and date). Every other page may be framed only by the dashboard itself, so that no site
can dress the full dashboard (or the operations page) in its own frame.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from levande.dashboard.components.embed import EMBED_PARAM, is_embed
from levande.dashboard.context import current

blueprint = Blueprint("framing", __name__)
"""No routes: one hook on every answer of the app."""

SELF_ONLY = "'self'"
EMBEDDABLE = ("/indikator/", "/kommun/", "/lan/")
"""The pages with an embeddable view; ``embed=1`` elsewhere changes nothing."""


@blueprint.after_app_request
def _frame_ancestors(response: Response) -> Response:
    if response.mimetype != "text/html":
        return response
    embeddable = request.path.startswith(EMBEDDABLE) and is_embed(request.args.getlist(EMBED_PARAM))
    sources = current().settings.frame_ancestors if embeddable else SELF_ONLY
    response.headers["Content-Security-Policy"] = f"frame-ancestors {sources}"
    return response
