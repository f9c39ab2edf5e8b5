"""What a database holds, read plainly, for tests that compare an output with it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from levande.indicators.store.schema import Observation


def stored_observations(engine: Engine) -> list[tuple[Any, ...]]:
    """Every observation as (indicator, region, period, breakdown, value, status, aggregation).

    Ordered by the natural key, as the API and the bulk files order them.
    """
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Observation.indicator_id,
                Observation.region_code,
                Observation.period,
                Observation.breakdown,
                Observation.value,
                Observation.status,
                Observation.aggregation,
            ).order_by(
                Observation.indicator_id,
                Observation.region_code,
                Observation.period,
                Observation.breakdown,
            )
        ).all()
    return [tuple(r) for r in rows]
