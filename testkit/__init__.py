"""What the tests and the benchmarks share, so that neither imports the other.

Fake SCB and Kolada servers that speak the real APIs over loopback (``fakes``), the small
Sweden of the tests (``world``, ``sample_catalogue``, ``seeded``, ``profile_world``), the
national-size generator (``national``), the page router's request (``dash_routes``) and
PostgreSQL schemas of their own (``databases``). Not part of the installed package.
"""
