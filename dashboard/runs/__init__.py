"""A run's page ``/data/korning/<id>``: each step of one refresh, its counts and plain errors."""
