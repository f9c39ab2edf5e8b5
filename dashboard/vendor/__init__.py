"""Third-party browser code the dashboard serves itself: a plotly.js with what it draws.

``plotly-levande.min.js`` is plotly.js at :data:`__version__` (MIT licence,
``PLOTLY-LICENSE``) built from plotly.js's own modules with the trace types the dashboard draws
— ``scatter`` (line charts), ``choropleth`` and ``scattergeo`` (maps) and ``scatterpolar``
(the local-data compass) — in 1.5 MB instead of the full bundle's 4.8 MB. ``build/`` has the
entry file and the commands (npm's ``plotly.js`` and ``esbuild``). ``dashboard/app.py`` serves
it in place of the bundle that comes with plotly; a test checks that the version is the one
plotly.py expects and that the figures use no other trace type. Dash serves a package's files
by the package's ``__version__``.
"""

__version__ = "4.1.1"
"""The plotly.js version of the bundle (the same as plotly.py's own bundle)."""

PLOTLY_BUNDLE = "plotly-levande.min.js"
"""The bundle's file name in this package."""

TRACE_TYPES = frozenset({"scatter", "choropleth", "scattergeo", "scatterpolar"})
"""The trace types the bundle can draw."""
