"""The dashboard's addresses, registered one way each: Dash pages and Flask blueprints.

Every view of the dashboard is a Dash page (``dash.register_page``, rendered by Dash's routing
callback from the URL). Everything else the browser or an operator asks for — boundaries,
downloads, the place names for the search, health, sign-in and refreshes — is a plain Flask
route in a blueprint, and so is the page cache's pair of request hooks. :func:`create_app`
(``dashboard/app.py``) registers both lists, in this order, and nothing else adds routes.
"""

from __future__ import annotations

from types import ModuleType

from flask import Blueprint


def page_modules() -> tuple[ModuleType, ...]:
    """The modules that register the Dash pages, in registration order.

    Imported here, when the app is built, not when this module is imported.
    """
    from levande.dashboard import not_found_404
    from levande.dashboard.accessibility import layout as accessibility
    from levande.dashboard.api import layout as api_docs
    from levande.dashboard.areas import layout as areas
    from levande.dashboard.data_status import layout as data_status
    from levande.dashboard.focus_area import layout as focus_area
    from levande.dashboard.indicator import layout as indicator
    from levande.dashboard.local_data import layout as local_data
    from levande.dashboard.method import layout as method
    from levande.dashboard.operator import layout as operator
    from levande.dashboard.overview import layout as overview
    from levande.dashboard.places import layout as places
    from levande.dashboard.runs import layout as runs

    return (
        overview,
        focus_area,
        indicator,
        areas,
        places,
        local_data,
        data_status,
        runs,
        operator,
        accessibility,
        method,
        api_docs,
        not_found_404,
    )


def blueprints() -> tuple[Blueprint, ...]:
    """Every blueprint of the dashboard, in registration order.

    The page cache has no routes, only hooks around every request. Registered after the Dash
    app exists, its ``after_app_request`` hook runs before flask-compress's (Flask runs those
    hooks in reverse order of registration), so it stores the plain answer.
    """
    from levande.dashboard import feeds, framing, health, renames, response_cache
    from levande.dashboard.api import routes as api_routes
    from levande.dashboard.areas import routes as area_routes
    from levande.dashboard.data_status import files as open_data
    from levande.dashboard.indicator import downloads as indicator_downloads
    from levande.dashboard.indicator import geo
    from levande.dashboard.local_data import downloads as local_downloads
    from levande.dashboard.local_data import upload as local_upload
    from levande.dashboard.operator import routes as operator_routes
    from levande.dashboard.places import downloads as place_downloads

    return (
        health.blueprint,
        renames.blueprint,
        feeds.blueprint,
        api_routes.blueprint,
        operator_routes.blueprint,
        geo.blueprint,
        area_routes.blueprint,
        indicator_downloads.blueprint,
        place_downloads.blueprint,
        local_downloads.blueprint,
        local_upload.blueprint,
        open_data.blueprint,
        framing.blueprint,
        response_cache.blueprint,
    )
