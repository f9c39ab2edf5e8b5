"""The status step stores exactly what the former row-by-row writer stored.

The writer now reads driver tuples, matches latest ranks with a merge and inserts plain
tuples (COPY on PostgreSQL, one executemany on SQLite). These tests keep a small copy of the
former logic (dict lookups over ``rank_frame`` and ``compute_statuses``) and compare every
stored status, reason, score, explanation and rank with it, on the test world and on a
generated larger one with ties, gaps and negative values.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.ranking import rank_frame
from levande.indicators.core.status import compute_statuses
from levande.indicators.store.schema import IndicatorStatus, ObservationRank, Region
from levande.indicators.store.statuses import (
    EXPLANATION_FIELDS,
    STATUS_FRAME_COLUMNS,
    load_observations,
    recompute_statuses,
)
from levande.indicators.store.sync import sync_catalogue
from levande.indicators.store.writes import ObservationRow, upsert_observations

pytestmark = pytest.mark.integration


def _plain(value: Any) -> Any:
    return (
        None
        if value is None or value != value
        else (value.item() if hasattr(value, "item") else value)
    )


def _reference(engine: Engine, catalogue: Catalogue) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Statuses and ranks as the former writer derived them, row by row."""
    wanted = list(catalogue.indicators)
    with engine.connect() as conn:
        observations = load_observations(conn, [i.id for i in wanted])
    statuses = compute_statuses(observations, wanted, catalogue.method)
    ranked = rank_frame(observations, {i.id: i.direction for i in wanted})
    ranked = ranked[ranked["rank"].notna()]
    ranks = {
        (r["indicator_id"], r["period"], r["breakdown"], r["region_code"]): (
            _plain(r["rank"]), _plain(r["rank_of"]), _plain(r["quartile"]),
        )
        for r in ranked.astype(object).to_dict("records")
    }  # fmt: skip
    out = {}
    for r in statuses.astype(object).to_dict("records"):
        key = (r["indicator_id"], r["region_code"], r["breakdown"])
        record = {name: _plain(r[name]) for name in STATUS_FRAME_COLUMNS}
        record["manual"] = bool(record["manual"])
        rank = ranks.get((key[0], r["latest_period"], key[2], key[1]), (None, None, None))
        record.update(rank=rank[0], rank_of=rank[1], quartile=rank[2],
                      explanation={f: _plain(r[f]) for f in EXPLANATION_FIELDS})  # fmt: skip
        out[key] = record
    return out, ranks


def _stored(engine: Engine) -> tuple[dict[Any, Any], dict[Any, Any]]:
    with Session(engine) as session:
        statuses = {
            (s.indicator_id, s.region_code, s.breakdown): {
                **{name: getattr(s, name) for name in STATUS_FRAME_COLUMNS},
                "rank": s.rank, "rank_of": s.rank_of, "quartile": s.quartile,
                "explanation": s.explanation,
            }
            for s in session.scalars(select(IndicatorStatus))
        }  # fmt: skip
        ranks = {
            (r.indicator_id, r.period, r.breakdown, r.region_code): (r.rank, r.rank_of, r.quartile)
            for r in session.scalars(select(ObservationRank))
        }
    return statuses, ranks


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (a != a and b != b)
    return bool(a == b) and type(a) is type(b)


def _seed_generated(engine: Engine, catalogue: Catalogue) -> None:
    """Many regions and years with ties, gaps, zeros and negative values."""
    rng = random.Random(20261129)
    with Session(engine) as session, session.begin():
        known = set(session.scalars(select(Region.code)))
        regions = [f"{i:04d}" for i in range(1000, 1060)]
        session.execute(
            insert(Region),
            [{"code": c, "name": c, "level": "kommun", "updated_at": None} for c in regions
             if c not in known],
        )  # fmt: skip
        codes = sorted(set(regions) | known)
        session.execute(text("DELETE FROM observation"))
        for indicator in catalogue.indicators:
            rows = []
            for code in codes:
                for year in range(2010, 2025):
                    if rng.random() < 0.1:
                        continue
                    for breakdown in ("T", "K", "M"):
                        roll = rng.random()
                        value = (None if roll < 0.05 else float(rng.choice([0, 1, 2, 3]))
                                 if roll < 0.3 else rng.uniform(-5, 100))  # fmt: skip
                        rows.append(ObservationRow(code, str(year), breakdown, value))
            upsert_observations(session, indicator.id, rows, run_id=None, authoritative=True)


@pytest.mark.parametrize(
    ("world", "chunk_size", "some"),
    [
        ("test", 10, False),
        ("generated", 10, False),
        # One read of every value, split into groups of one indicator:
        ("generated", 1, False),
        # Each group's values read on their own, as when some indicators are recomputed:
        ("generated", 1, True),
    ],
)
def test_stored_statuses_and_ranks_match_the_former_writer(
    engine: Engine, test_world: Catalogue, world: str, chunk_size: int, some: bool
) -> None:
    catalogue = test_world
    if world == "generated":
        _seed_generated(engine, catalogue)
    ids = [i.id for i in catalogue.indicators] if some else None
    recompute_statuses(engine, catalogue, ids, chunk_size=chunk_size)
    # A second run with previous values in place:
    recompute_statuses(engine, catalogue, ids, chunk_size=chunk_size)
    expected_statuses, expected_ranks = _reference(engine, catalogue)
    statuses, ranks = _stored(engine)
    assert len(ranks) > 0 and len(statuses) > 0
    assert ranks == expected_ranks
    assert statuses.keys() == expected_statuses.keys()
    for key, record in expected_statuses.items():
        assert _same(statuses[key], record), key


def test_plain_tuple_inserts_store_what_orm_inserts_store(
    engine: Engine, sample_config: Path
) -> None:
    """Timestamps, booleans, JSON and floats reach the database in the same form."""
    from datetime import UTC, datetime

    from levande.indicators.store.schema import IndicatorRow
    from levande.indicators.store.writes import insert_rows

    sync_catalogue(engine, load_catalogue(sample_config))
    stamp = datetime(2026, 11, 29, 6, 30, 1, 123456, tzinfo=UTC)
    base = {"status": "context", "score": 1.5, "manual": True, "reason": None,
            "base_period": "2019", "base_value": 2, "latest_period": "2020",
            "latest_value": None, "rank": 1, "rank_of": 3, "quartile": None,
            "explanation": {"a": [1, None], "b": "å"}, "previous": None,
            "computed_at": stamp}  # fmt: skip
    with engine.begin() as conn:
        indicator = conn.scalar(select(IndicatorRow.id).limit(1))
        if indicator is None:
            pytest.skip("no indicator rows")  # pragma: no cover
        conn.execute(insert(Region), [{"code": c, "name": c, "level": "kommun"}
                                      for c in ("9901", "9902")])  # fmt: skip
        first_row = {"indicator_id": indicator, "region_code": "9901", "breakdown": "T", **base}
        conn.execute(insert(IndicatorStatus), [first_row])
        names = list(base)
        insert_rows(conn, IndicatorStatus, ["region_code", *names],
                    [("9902", *base.values())], constants={"indicator_id": indicator,
                                                           "breakdown": "T"})  # fmt: skip
        rows = conn.execute(
            text("SELECT * FROM indicator_status WHERE region_code IN ('9901', '9902') "
                 "ORDER BY region_code")
        ).all()  # fmt: skip
    first, second = (dict(r._mapping) for r in rows)
    first.pop("region_code"), second.pop("region_code")
    assert first == second
    assert {k: type(v) for k, v in first.items()} == {k: type(v) for k, v in second.items()}


def test_bulk_observation_inserts_read_back_exactly(engine: Engine, sample_config: Path) -> None:
    """Large batches (COPY as CSV on PostgreSQL) keep every float bit for bit.

    Every string as it was (empty ones too) and every NULL as NULL.
    """
    from datetime import UTC, datetime

    from levande.indicators.store.schema import IndicatorRow, Observation
    from levande.indicators.store.writes import insert_rows

    sync_catalogue(engine, load_catalogue(sample_config))
    rng = random.Random(7)
    specials = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1 / 3,
                0.30000000000000004, 123456789.123456789, -1e-300, 7]  # fmt: skip
    statuses = [None, "", "..", 'a,"b"', "x\ny", "å"]
    rows = [
        (f"{9000 + i // 100:04d}", str(i), "T",
         specials[i] if i < len(specials) else (None if i % 17 == 0 else rng.uniform(-1e6, 1e6)),
         statuses[i % len(statuses)], None if i % 2 else "unweighted_mean_of_municipalities")
        for i in range(1200)
    ]  # fmt: skip
    stamp = datetime(2026, 11, 29, 6, 30, 1, 123456, tzinfo=UTC)
    with engine.begin() as conn:
        indicator = conn.scalar(select(IndicatorRow.id).limit(1))
        conn.execute(insert(Region), [{"code": c, "name": c, "level": "kommun"}
                                      for c in sorted({r[0] for r in rows})])  # fmt: skip
        insert_rows(
            conn, Observation,
            ["region_code", "period", "breakdown", "value", "status", "aggregation"], rows,
            constants={"indicator_id": indicator, "fetched_at": stamp, "run_id": None},
        )  # fmt: skip
    with Session(engine) as session:
        stored = session.execute(
            select(Observation.region_code, Observation.period, Observation.breakdown,
                   Observation.value, Observation.status, Observation.aggregation,
                   Observation.fetched_at, Observation.run_id)
            .where(Observation.indicator_id == indicator)
        ).all()  # fmt: skip
    by_period = {r[1]: r for r in stored}
    assert len(by_period) == len(rows)
    for row in rows:
        got = by_period[row[1]]
        assert tuple(got[:6]) == row
        if row[3]:  # SQLite keeps no sign on a zero, whichever way it is inserted
            assert repr(got[3]) == repr(float(row[3]))
        assert got[6].replace(tzinfo=UTC) == stamp and got[7] is None


def _raw_documents(engine: Engine) -> dict[Any, tuple[str | None, str | None]]:
    """Each status row's explanation and previous as the text the database holds."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT indicator_id, region_code, breakdown, CAST(explanation AS TEXT), "
                 "CAST(previous AS TEXT) FROM indicator_status")
        ).all()  # fmt: skip
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}


def test_stored_documents_are_the_text_json_dumps_gives(
    engine: Engine, test_world: Catalogue
) -> None:
    """The explanation and previous columns hold json.dumps' text of the former dicts.

    The documents are written column by column; this compares the stored text itself (not
    only the parsed documents) with json.dumps of the dicts the former writer built, after a
    first recompute (no previous status) and a second one over changed values.
    """
    import json

    from levande.indicators.store.statuses import _previous

    catalogue = test_world
    _seed_generated(engine, catalogue)
    recompute_statuses(engine, catalogue)
    first = _raw_documents(engine)
    # A first status is stored as SQLAlchemy stores None: JSON null on SQLite, NULL on COPY.
    assert {p for _, p in first.values()} <= {None, "null"}
    with Session(engine) as session:
        before = {
            (s.indicator_id, s.region_code, s.breakdown): (
                s.status, s.rank, s.quartile, s.latest_period, s.latest_value, s.computed_at)
            for s in session.scalars(select(IndicatorStatus))
        }  # fmt: skip
    with engine.begin() as conn:  # change some values so status, rank and value change
        conn.execute(text("UPDATE observation SET value = value * 3 + 1 WHERE region_code "
                          "IN ('1001', '1007', '1013') OR period = '2024'"))  # fmt: skip
    recompute_statuses(engine, catalogue)
    expected, _ = _reference(engine, catalogue)
    stored = _raw_documents(engine)
    assert stored.keys() == expected.keys()
    kinds: set[str] = set()
    for key, record in expected.items():
        explanation, previous = stored[key]
        assert explanation == json.dumps(record["explanation"]), key
        document = _previous(before.get(key), record["status"], record["rank"],
                             record["latest_period"], record["latest_value"])  # fmt: skip
        assert document is not None
        assert previous == json.dumps(document), key
        kinds.update(document["changed"])
    assert {"status", "rank", "value"} <= kinds


def test_values_read_column_wise_equal_the_driver_tuples_bit_for_bit(
    engine: Engine, sample_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL, COPY as CSV parsed by Arrow reads exactly what the driver's tuples read.

    Every float bit for bit, NULL as NaN (never 0), text with commas, quotes, line breaks and
    empty strings as stored, also with a session that writes floats with fewer digits.
    """
    import struct
    from datetime import UTC, datetime

    from levande.indicators.store.schema import IndicatorRow, Observation
    from levande.indicators.store.statuses import _read_frame, _tuple_frame
    from levande.indicators.store.writes import insert_rows

    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads the driver's tuples")
    sync_catalogue(engine, load_catalogue(sample_config))
    rng = random.Random(11)
    specials = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1 / 3,
                0.30000000000000004, 123456789.123456789, -1e-300, 7.0, 1e22, 0.0]  # fmt: skip
    periods = ["2019", "", 'a,"b"', "x\ny", "å,ä", " 2020 "]
    rows = [
        (f"{9000 + i // 400:04d}", f"{periods[i % len(periods)]}{i}", ("T", "", "K,M")[i % 3],
         None if i < 70_000 or i % 13 == 0 else
         specials[i % len(specials)] if i % 5 == 0 else rng.uniform(-1e9, 1e9))
        for i in range(72_000)
    ]  # fmt: skip
    with engine.begin() as conn:
        indicator = conn.scalar(select(IndicatorRow.id).limit(1))
        conn.execute(insert(Region), [{"code": c, "name": c, "level": "kommun"}
                                      for c in sorted({r[0] for r in rows})])  # fmt: skip
        insert_rows(
            conn, Observation, ["region_code", "period", "breakdown", "value"], rows,
            constants={"indicator_id": indicator, "fetched_at": datetime.now(UTC)},
        )  # fmt: skip
    query = select(Observation.region_code, Observation.period, Observation.breakdown,
                   Observation.value).where(Observation.indicator_id == indicator)  # fmt: skip
    columns = ["region_code", "period", "breakdown", "value"]
    import levande.indicators.store.statuses as statuses

    with engine.connect() as conn:
        plain = _tuple_frame(conn, query, columns)
        conn.exec_driver_sql("SET extra_float_digits = 0")  # 15 digits: the read must not care
        with monkeypatch.context() as patch:  # the column-wise read must not fall back
            patch.setattr(statuses, "_tuple_frame", None)
            fast = _read_frame(conn, query, columns)
        assert conn.exec_driver_sql("SHOW extra_float_digits").scalar() == "0"
    assert len(fast) == len(plain) == len(rows)
    assert fast.dtypes.to_dict() == plain.dtypes.to_dict()

    def keyed(frame: Any) -> dict[tuple[str, str, str], bytes | None]:
        return {
            (r, p, b): None if v != v else struct.pack("<d", v)
            for r, p, b, v in zip(*(frame[c].tolist() for c in columns), strict=True)
        }

    got, expected = keyed(fast), keyed(plain)
    assert got == expected
    assert got == {(r, p, b): None if v is None else struct.pack("<d", v) for r, p, b, v in rows}


def test_values_written_in_the_open_transaction_are_read(
    engine: Engine, sample_config: Path
) -> None:
    """A read after uncommitted writes sees them (SQLite then reads on its own connection)."""
    from datetime import UTC, datetime

    from levande.indicators.store.schema import IndicatorRow, Observation

    sync_catalogue(engine, load_catalogue(sample_config))
    with engine.begin() as conn:
        indicator = conn.scalar(select(IndicatorRow.id).limit(1))
        conn.execute(insert(Region), [{"code": "9901", "name": "9901", "level": "kommun"}])
        conn.execute(insert(Observation), [
            {"indicator_id": indicator, "region_code": "9901", "period": str(2015 + k),
             "breakdown": "T", "value": None if k == 1 else 1.5 * k,
             "fetched_at": datetime.now(UTC)}
            for k in range(3)
        ])  # fmt: skip
        frame = load_observations(conn, [str(indicator)])
    assert sorted(zip(frame["period"], frame["value"].fillna(-1.0), strict=True)) == [
        ("2015", 0.0),
        ("2016", -1.0),
        ("2017", 3.0),
    ]


def test_series_that_appear_and_vanish_between_recomputes(
    engine: Engine, test_world: Catalogue
) -> None:
    """Stored statuses follow the series: new ones are added, gone ones removed.

    PostgreSQL updates the stored rows in place; the result is what a fresh write stores.
    """
    from datetime import UTC, datetime

    from levande.indicators.store.schema import Observation

    catalogue = test_world
    _seed_generated(engine, catalogue)
    recompute_statuses(engine, catalogue)
    gone = ("1003", "1004")
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM observation WHERE region_code IN ('1003', '1004')"))
        conn.execute(insert(Region), [{"code": "1099", "name": "1099", "level": "kommun"}])
        conn.execute(insert(Observation), [
            {"indicator_id": i.id, "region_code": "1099", "period": str(year), "breakdown": "T",
             "value": 10.0 + year % 7, "fetched_at": datetime.now(UTC)}
            for i in catalogue.indicators for year in range(2014, 2025)
        ])  # fmt: skip
    recompute_statuses(engine, catalogue)
    expected_statuses, expected_ranks = _reference(engine, catalogue)
    statuses, ranks = _stored(engine)
    assert ranks == expected_ranks
    assert statuses.keys() == expected_statuses.keys()
    regions = {key[1] for key in statuses}
    assert "1099" in regions and not regions & set(gone)
    for key, record in expected_statuses.items():
        assert _same(statuses[key], record), key
