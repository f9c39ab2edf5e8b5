"""Tests of levande-stader: unit, integration (fake sources over loopback) and browser."""
