"""One module per page; each registers its own route with ``dash.register_page``.

The list of pages is in :mod:`levande.dashboard.routes`.
"""
