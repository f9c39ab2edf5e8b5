"""Data status ``/data``: freshness of every indicator and the health of each source."""
