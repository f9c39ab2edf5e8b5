"""Serve national-size fake SCB and Kolada APIs in their own process, for benchmarks.

Running the fakes in a separate process keeps their CPU time out of the ETL's own figures.
Prints one JSON line with the two base URLs and the data counts, then serves until its
standard input closes.

    python -m benchmarks.fake_sources [--config-dir config] [--years 20]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from levande.indicators.core.catalogue import load_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.national import NationalShape, seed_national


def main() -> None:
    """Seed, serve, and stop when the parent closes our standard input."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=Path("config"))
    parser.add_argument("--years", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    catalogue = load_catalogue(args.config_dir)
    shape = NationalShape(first_year=2025 - args.years, years=args.years)
    with FakeScb(max_calls=30, time_window=10) as scb, FakeKolada() as kolada:
        counts = seed_national(catalogue, kolada, scb, shape)
        sys.stdout.write(
            json.dumps({"scb": scb.url, "kolada": kolada.url, "first_year": shape.first_year,
                        **counts}) + "\n"
        )  # fmt: skip
        sys.stdout.flush()
        sys.stdin.read()


if __name__ == "__main__":
    main()
