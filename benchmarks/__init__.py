"""Measured performance: each module prints its figures with the command that made them."""
