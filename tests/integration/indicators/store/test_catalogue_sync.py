"""The catalogue's frameworks, context groups and retired focus areas in the database.

On SQLite and PostgreSQL: maintainer notes never stored, observations never lost.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData, Table, func, insert, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.store.database import alembic_config, head_revision, make_engine
from levande.indicators.store.database import upgrade_schema as upgrade_to_head
from levande.indicators.store.schema import (
    CatalogueDocument,
    FocusAreaRow,
    FrameworkRow,
    IndicatorRow,
    IndicatorStatus,
    IndicatorSubgoal,
    Observation,
    Region,
    SubgoalRow,
)
from levande.indicators.store.sync import SyncError, sync_catalogue
from testkit.sample_catalogue import write_sample_catalogue

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _everything_stored(engine: Engine) -> str:
    """Every catalogue row the database holds, as one text."""
    rows: list[Any] = []
    with Session(engine) as session:
        for model in (FrameworkRow, FocusAreaRow, SubgoalRow, IndicatorRow, CatalogueDocument):
            for row in session.scalars(select(model)):
                rows.append({c.name: getattr(row, c.name) for c in model.__table__.columns})
    return json.dumps(rows, ensure_ascii=False, default=str)


def test_maintainer_notes_never_reach_the_database(engine: Engine, tmp_path: Path) -> None:
    config = write_sample_catalogue(tmp_path / "config", context=True)
    catalogue = load_catalogue(config)
    notes = [
        catalogue.goal.maintainer_notes,
        catalogue.focus_area("FA06").maintainer_notes,
        catalogue.indicator("folkmangd").maintainer_notes,
        catalogue.indicator("befolkningsforandring").maintainer_notes,
        catalogue.frameworks[0].subgoals[2].maintainer_notes,
    ]
    assert all(notes)
    sync_catalogue(engine, catalogue)
    stored = _everything_stored(engine)
    assert "maintainer_notes" not in stored
    for note in notes:
        assert str(note) not in stored


def test_framework_and_context_group_are_stored(engine: Engine, tmp_path: Path) -> None:
    config = write_sample_catalogue(tmp_path / "config", context=True)
    report = sync_catalogue(engine, load_catalogue(config))
    assert report.added == 1 + 3 + 3 + 5 + 4  # framework, groups, sub-goals, indicators, links
    with Session(engine) as session:
        framework = session.get(FrameworkRow, "produktens-forslag")
        assert framework is not None
        assert (framework.in_force, framework.origin, framework.version) == (True, "project", "1")
        assert "subgoals" not in framework.definition
        kinds = dict(session.execute(select(FocusAreaRow.id, FocusAreaRow.kind)).all())
        assert kinds == {"FA01": "focus_area", "FA06": "focus_area", "forutsattningar": "context"}
        group = session.get(FocusAreaRow, "forutsattningar")
        assert group is not None and group.definition is not None
        assert (group.pillar, group.definition["replaces"]) == (None, ["FA09"])
        context = session.get(IndicatorRow, "befolkningsforandring")
        assert context is not None and context.focus_area_id == "forutsattningar"
        links = session.scalars(
            select(IndicatorSubgoal.subgoal_id).where(
                IndicatorSubgoal.indicator_id == "befolkningsforandring"
            )
        ).all()
        assert links == []
        frameworks = set(session.scalars(select(SubgoalRow.framework_id)))
        assert frameworks == {"produktens-forslag"}
    assert sync_catalogue(engine, load_catalogue(config)).touched == 0


OLD_AREA = """\
  - id: FA09
    pillar: trygga
    name_sv: Trygga och sammanhållna bostadsområden
    name_en: Safe and cohesive neighbourhoods
    name_status: working_title
    description_sv: Segregation.
    description_en: Segregation.
"""

OLD_SUBGOAL = """\
        - id: FA09-D1
          focus_area: FA09
          text_sv: Valdeltagandet ökar.
          text_en: Turnout rises.
"""

OLD_INDICATOR = """\
indicators:
  - id: valdeltagande
    focus_area: FA09
    subgoals: [FA09-D1]
    source: kolada
    source_id: N05401
    source_title: Valdeltagande i senaste kommunvalet, andel (%)
    title_sv: Valdeltagande i kommunvalet
    title_en: Turnout in the municipal election
    description_sv: Andel som röstade.
    description_en: Share who voted.
    unit_sv: procent
    unit_en: per cent
    direction: higher_is_better
    levels: [riket, lan, kommun]
"""


def _old_catalogue(config: Path) -> Path:
    """The sample with a focus area FA09 that a later catalogue retires."""
    with (config / "focus_areas.yaml").open("a", encoding="utf-8") as fh:
        fh.write(OLD_AREA)
    with (config / "frameworks.yaml").open("a", encoding="utf-8") as fh:
        fh.write(OLD_SUBGOAL)
    (config / "indicators" / "fa09.yaml").write_text(OLD_INDICATOR, encoding="utf-8")
    return config


def _observe(engine: Engine, indicator_id: str, values: list[float]) -> None:
    with Session(engine) as session, session.begin():
        if session.get(Region, "0114") is None:
            session.add(Region(code="0114", name="Upplands Väsby", level="kommun"))
            session.flush()
        for year, value in enumerate(values, start=2018):
            session.add(
                Observation(
                    indicator_id=indicator_id,
                    region_code="0114",
                    period=str(year),
                    breakdown="T",
                    value=value,
                    fetched_at=NOW,
                )
            )


def test_a_retired_area_hands_its_indicators_to_its_heir(engine: Engine, tmp_path: Path) -> None:
    old = _old_catalogue(write_sample_catalogue(tmp_path / "old"))
    sync_catalogue(engine, load_catalogue(old))
    _observe(engine, "valdeltagande", [84.1, 84.3, 82.9])
    new = write_sample_catalogue(tmp_path / "new", context=True)  # forutsattningar replaces FA09

    report = sync_catalogue(engine, load_catalogue(new))

    assert report.retired >= 1 + 1 + 1 + 1  # area, its sub-goal, its link, its indicator
    with Session(engine) as session:
        assert session.get(FocusAreaRow, "FA09") is None
        assert session.get(SubgoalRow, "FA09-D1") is None
        retired = session.get(IndicatorRow, "valdeltagande")
        assert retired is not None
        assert (retired.active, retired.focus_area_id) == (False, "forutsattningar")
        values = session.scalars(
            select(Observation.value)
            .where(Observation.indicator_id == "valdeltagande")
            .order_by(Observation.period)
        ).all()
        assert values == [84.1, 84.3, 82.9]
    assert sync_catalogue(engine, load_catalogue(new)).touched == 0


def test_an_area_without_heir_is_refused_and_nothing_changes(
    engine: Engine, tmp_path: Path
) -> None:
    old = _old_catalogue(write_sample_catalogue(tmp_path / "old"))
    sync_catalogue(engine, load_catalogue(old))
    new = write_sample_catalogue(tmp_path / "new")
    with pytest.raises(SyncError, match=r"FA09 .*list each under 'replaces:'"):
        sync_catalogue(engine, load_catalogue(new))
    with Session(engine) as session:
        assert session.get(FocusAreaRow, "FA09") is not None
        active = session.get(IndicatorRow, "valdeltagande")
        assert active is not None and active.active is True


def _insert(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    conn.execute(insert(Table(table, MetaData(), autoload_with=conn)), rows)


def test_upgrade_keeps_every_row_of_the_old_catalogue(db_url: str, tmp_path: Path) -> None:
    """A database loaded under the numbered focus areas upgrades in place, then retires them."""
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0002")
    definition = {"id": "otrygghet"}
    with engine.begin() as conn:
        _insert(conn, "focus_area", [
            {"id": "FA06", "position": 0, "pillar": "levande", "name_sv": "Förutsättningar",
             "name_en": "Preconditions", "name_status": "verified", "description_sv": "x",
             "description_en": "x"},
            {"id": "FA09", "position": 1, "pillar": "trygga", "name_sv": "Trygga områden",
             "name_en": "Safe areas", "name_status": "working_title", "description_sv": "x",
             "description_en": "x"},
        ])  # fmt: skip
        _insert(conn, "subgoal", [
            {"id": "FA09-D1", "focus_area_id": "FA09", "position": 0, "text_sv": "x",
             "text_en": "x", "proposed_by": "project"},
        ])  # fmt: skip
        _insert(conn, "indicator", [
            {"id": "otrygghet", "position": 0, "focus_area_id": "FA09", "source": "kolada",
             "source_id": "N07609", "title_sv": "x", "title_en": "x", "unit_sv": "procent",
             "unit_en": "per cent", "direction": "neutral", "definition": definition,
             "active": True},
        ])  # fmt: skip
        _insert(conn, "indicator_subgoal", [{"indicator_id": "otrygghet", "subgoal_id": "FA09-D1"}])
        _insert(conn, "region", [{"code": "0114", "name": "Upplands Väsby", "level": "kommun"}])
        _insert(conn, "observation", [
            {"indicator_id": "otrygghet", "region_code": "0114", "period": str(year),
             "breakdown": "T", "value": value, "fetched_at": NOW}
            for year, value in ((2019, 27.5), (2021, 25.0), (2023, 26.25))
        ])  # fmt: skip
        _insert(conn, "indicator_status", [
            {"indicator_id": "otrygghet", "region_code": "0114", "breakdown": "T",
             "status": "context", "manual": False, "computed_at": NOW},
        ])  # fmt: skip

    assert upgrade_to_head(engine) == head_revision()

    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 3
        fa09 = session.get(FocusAreaRow, "FA09")
        assert fa09 is not None and (fa09.kind, fa09.pillar) == ("focus_area", "trygga")
        link = session.get(IndicatorSubgoal, ("otrygghet", "FA09-D1"))
        assert link is not None
        # The wider ids fit on every backend.
        session.add(
            FocusAreaRow(
                id="fysisk-aktivitet-och-idrott",
                position=9,
                kind="focus_area",
                pillar=None,
                name_sv="x",
                name_en="x",
                name_status="verified",
                description_sv="x",
                description_en="x",
            )
        )
        session.commit()
        table = FocusAreaRow.__table__
        assert isinstance(table, Table)
        session.execute(table.delete().where(FocusAreaRow.id.like("fysisk%")))
        session.commit()

    config = write_sample_catalogue(tmp_path / "config", context=True)
    sync_catalogue(engine, load_catalogue(config))
    with Session(engine) as session:
        kept = session.get(IndicatorRow, "otrygghet")
        assert kept is not None
        assert (kept.active, kept.focus_area_id) == (False, "forutsattningar")
        values = session.scalars(select(Observation.value).order_by(Observation.period)).all()
        assert values == [27.5, 25.0, 26.25]
        assert session.get(IndicatorStatus, ("otrygghet", "0114", "T")) is not None
        assert session.get(FocusAreaRow, "FA09") is None
    engine.dispose()
