"""The open read API ``/api/v1/``: its parameters, models, OpenAPI document and routes."""
