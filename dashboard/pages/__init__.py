"""One module per page; each registers its own route with ``dash.register_page``."""

from __future__ import annotations

from levande.dashboard.pages import (
    accessibility,
    compare,
    data_status,
    focus_area,
    indicator,
    not_found_404,
    operator,
    overview,
    places,
    profile,
)

PAGES = (
    overview,
    focus_area,
    indicator,
    places,
    profile,
    compare,
    data_status,
    operator,
    accessibility,
    not_found_404,
)


def register_pages() -> None:
    """Register every page's route (called by create_app after the Dash app exists)."""
    for module in PAGES:
        module.register()
