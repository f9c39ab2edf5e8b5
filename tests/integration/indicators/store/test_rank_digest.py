"""The status step keeps an indicator's stored ranks when they are unchanged, and only then.

Every case compares the stored ranks with ranks computed afresh from the stored values, so a
kept row that should have changed fails the test.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, delete, insert, select, text, update

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.ranking import rank_frame
from levande.indicators.core.vocabulary import Direction
from levande.indicators.store import statuses
from levande.indicators.store.schema import (
    IndicatorRow,
    Observation,
    ObservationRank,
    RankDigest,
    ValueFlag,
)
from levande.indicators.store.statuses import load_observations, recompute_statuses

pytestmark = pytest.mark.integration

RankKey = tuple[str, str, str, str]


@pytest.fixture
def loaded(engine: Engine, test_world: Catalogue) -> tuple[Engine, Catalogue]:
    """The test world with statuses and ranks computed once."""
    recompute_statuses(engine, test_world)
    return engine, test_world


def _fresh_ranks(engine: Engine, catalogue: Catalogue) -> dict[RankKey, tuple[Any, ...]]:
    """Ranks computed now from the stored values, as the step would compute them."""
    with engine.connect() as conn:
        observations = load_observations(conn, [i.id for i in catalogue.indicators])
    ranked = rank_frame(observations, {i.id: i.direction for i in catalogue.indicators})
    ranked = ranked[ranked["rank"].notna()]
    return {
        (r["indicator_id"], r["period"], r["breakdown"], r["region_code"]): (
            int(r["rank"]), int(r["rank_of"]),
            None if pd.isna(r["quartile"]) else int(r["quartile"]),
        )
        for r in ranked.astype(object).to_dict("records")
    }  # fmt: skip


def _stored_ranks(engine: Engine) -> dict[RankKey, tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(ObservationRank.indicator_id, ObservationRank.period, ObservationRank.breakdown,
                   ObservationRank.region_code, ObservationRank.rank, ObservationRank.rank_of,
                   ObservationRank.quartile)
        ).all()  # fmt: skip
    return {tuple(r[:4]): tuple(r[4:]) for r in rows}  # type: ignore[misc]


def _ranked_count(engine: Engine, indicator_id: str) -> int:
    with engine.connect() as conn:
        return len(
            conn.execute(
                select(ObservationRank.region_code).where(
                    ObservationRank.indicator_id == indicator_id
                )
            ).all()
        )


def _an_indicator_with_ranks(engine: Engine) -> str:
    with engine.connect() as conn:
        found = conn.scalar(select(ObservationRank.indicator_id).limit(1))
    assert found is not None
    return str(found)


def test_a_second_recompute_writes_no_rank_and_keeps_them_right(
    loaded: tuple[Engine, Catalogue],
) -> None:
    engine, catalogue = loaded
    report = recompute_statuses(engine, catalogue)
    assert report.ranks > 0
    assert report.ranks_written == 0
    assert _stored_ranks(engine) == _fresh_ranks(engine, catalogue)


def test_a_changed_value_rewrites_its_indicator_only(loaded: tuple[Engine, Catalogue]) -> None:
    engine, catalogue = loaded
    indicator_id = _an_indicator_with_ranks(engine)
    with engine.begin() as conn:
        period = conn.scalar(
            select(ObservationRank.period)
            .where(ObservationRank.indicator_id == indicator_id, ObservationRank.rank == 1)
            .limit(1)
        )
        # The best value of that period becomes the worst: ranks of its group move.
        conn.execute(
            update(Observation)
            .where(
                Observation.indicator_id == indicator_id,
                Observation.period == period,
                Observation.value.is_not(None),
            )
            .values(value=-Observation.value)
        )
    report = recompute_statuses(engine, catalogue)
    assert report.ranks_written == _ranked_count(engine, indicator_id)
    assert _stored_ranks(engine) == _fresh_ranks(engine, catalogue)


def test_rank_rows_removed_behind_the_step_are_written_again(
    loaded: tuple[Engine, Catalogue],
) -> None:
    engine, catalogue = loaded
    indicator_id = _an_indicator_with_ranks(engine)
    expected = _stored_ranks(engine)
    with engine.begin() as conn:
        conn.execute(
            text("DELETE FROM observation_rank WHERE indicator_id = :id AND rank = 1"),
            {"id": indicator_id},
        )
    report = recompute_statuses(engine, catalogue)
    assert report.ranks_written == _ranked_count(engine, indicator_id)
    assert _stored_ranks(engine) == expected == _fresh_ranks(engine, catalogue)


def test_a_changed_direction_rewrites_the_ranks(loaded: tuple[Engine, Catalogue]) -> None:
    engine, catalogue = loaded
    indicator_id = _an_indicator_with_ranks(engine)
    opposite = {Direction.LOWER_IS_BETTER: Direction.HIGHER_IS_BETTER}
    indicators = [
        i.model_copy(update={"direction": opposite.get(i.direction, Direction.LOWER_IS_BETTER)})
        if i.id == indicator_id
        else i
        for i in catalogue.indicators
    ]
    flipped = dataclasses.replace(catalogue, indicators=indicators)
    before = _stored_ranks(engine)
    report = recompute_statuses(engine, flipped)
    assert report.ranks_written == _ranked_count(engine, indicator_id)
    after = _stored_ranks(engine)
    assert after == _fresh_ranks(engine, flipped)
    assert after != before


def test_a_database_without_digests_writes_every_rank_once(
    loaded: tuple[Engine, Catalogue],
) -> None:
    """As after the upgrade that added the digests: the first recompute writes everything."""
    engine, catalogue = loaded
    with engine.begin() as conn:
        conn.execute(delete(RankDigest))
    first = recompute_statuses(engine, catalogue)
    second = recompute_statuses(engine, catalogue)
    assert first.ranks_written == first.ranks > 0
    assert second.ranks_written == 0
    assert _stored_ranks(engine) == _fresh_ranks(engine, catalogue)


def _former_observations(engine: Engine, ids: list[str]) -> pd.DataFrame:
    """The values the status step used before: the same selection written as one SQL join."""
    sql = text(
        "SELECT o.indicator_id, o.region_code, o.period, o.breakdown, o.value, r.level "
        "FROM observation o JOIN region r ON r.code = o.region_code "
        "JOIN indicator i ON i.id = o.indicator_id "
        "WHERE i.active = :active AND NOT EXISTS (SELECT 1 FROM value_flag f "
        "WHERE f.indicator_id = o.indicator_id AND f.region_code = o.region_code "
        "AND f.period = o.period AND f.breakdown = o.breakdown "
        "AND f.accepted_at IS NULL AND f.resolved_at IS NULL)"
    )
    with engine.connect() as conn:
        rows = conn.execute(sql, {"active": True}).all()
    frame = pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["indicator_id", "region_code", "period", "breakdown", "value", "level"],
    )
    return frame[frame["indicator_id"].isin(ids)]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["indicator_id", "region_code", "period", "breakdown"]
    out = frame.astype(object).sort_values(keys).reset_index(drop=True)
    return out.where(out.notna(), None)


def test_values_read_for_the_step_leave_out_open_flags_and_inactive_indicators(
    loaded: tuple[Engine, Catalogue],
) -> None:
    engine, catalogue = loaded
    ids = [i.id for i in catalogue.indicators]
    stamp = datetime(2026, 11, 29, tzinfo=UTC)
    with engine.begin() as conn:
        values = conn.execute(
            select(Observation.indicator_id, Observation.region_code, Observation.period,
                   Observation.breakdown, Observation.value)
            .where(Observation.value.is_not(None))
            .order_by(Observation.indicator_id, Observation.region_code, Observation.period)
            .limit(4)
        ).all()  # fmt: skip
        assert len(values) == 4
        flag = {"rule": "above_range", "bound": 0.0, "source_row": {}, "flagged_at": stamp}
        decisions: list[dict[str, Any]] = [
            {},  # open: left out
            {"accepted_by": "operator", "accepted_at": stamp},  # accepted: used
            {"resolved_at": stamp},  # revised: used
            {},  # open, on a value of the same region in another period: left out
        ]
        for value, decision in zip(values, decisions, strict=True):
            conn.execute(
                insert(ValueFlag).values(
                    indicator_id=value[0], region_code=value[1], period=value[2],
                    breakdown=value[3], value=value[4], **flag, **decision,
                )
            )  # fmt: skip
        retired = next(i for i in reversed(ids) if i not in {v[0] for v in values})
        conn.execute(update(IndicatorRow).where(IndicatorRow.id == retired).values(active=False))
    with engine.connect() as conn:
        got = load_observations(conn, ids)
    expected = _former_observations(engine, ids)
    assert not (got["indicator_id"] == retired).any()
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected))
    left_out = {tuple(v[:4]) for v, d in zip(values, decisions, strict=True) if not d}
    kept = {tuple(r) for r in got[["indicator_id", "region_code", "period", "breakdown"]].values}
    assert left_out and not (left_out & kept)


@pytest.mark.parametrize("batch", [1, 7, 200_000])
def test_values_read_in_batches_are_the_values_read_at_once(
    loaded: tuple[Engine, Catalogue], batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, catalogue = loaded
    ids = [i.id for i in catalogue.indicators]
    monkeypatch.setattr(statuses, "FETCH_BATCH", batch)
    with engine.connect() as conn:
        every = load_observations(conn, None)
        some = load_observations(conn, ids)
    assert len(every) > batch or batch == 200_000
    pd.testing.assert_frame_equal(_sorted(every), _sorted(_former_observations(engine, ids)))
    pd.testing.assert_frame_equal(_sorted(some), _sorted(every))
