"""A focus area ``/omrade/<id>``: its sub-goals and their indicators' national state."""
