"""The Dash app: overview, focus areas and indicators, reading through ``levande.indicators.reads``.

Build it with :func:`dashboard.app.create_app`; gunicorn serves ``levande.dashboard.app:server``.
"""
