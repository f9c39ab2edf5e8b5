"""Third-party browser code the dashboard serves itself: plotly.js's geo bundle.

``plotly-geo.min.js`` is the npm package ``plotly.js-geo-dist-min`` at :data:`__version__`,
unchanged (MIT licence, ``PLOTLY-LICENSE``). It holds the trace types the dashboard draws —
``scatter`` (every line chart) and ``choropleth`` (every map) — in 1.4 MB instead of the full
bundle's 4.8 MB. ``dashboard/app.py`` serves it in place of the bundle that comes with plotly;
a test checks that the version is the one plotly.py expects and that the figures use no other
trace type. Dash serves a package's files by the package's ``__version__``.
"""

__version__ = "4.1.1"
"""The plotly.js version of the bundle (the same as plotly.py's own bundle)."""

PLOTLY_BUNDLE = "plotly-geo.min.js"
"""The bundle's file name in this package."""

TRACE_TYPES = frozenset({"scatter", "choropleth", "scattergeo"})
"""The trace types the bundle can draw."""
