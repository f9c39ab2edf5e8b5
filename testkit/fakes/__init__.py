"""Fake SCB and Kolada servers that the integration tests and benchmarks talk to over HTTP."""
