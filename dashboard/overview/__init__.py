"""The overview ``/``: the national goal and the focus areas with their national status."""
