"""The Dash app: overview, focus areas and indicators, reading through ``indicators.queries``.

Build it with :func:`dashboard.app.create_app`; gunicorn serves ``dashboard.app:server``.
"""
