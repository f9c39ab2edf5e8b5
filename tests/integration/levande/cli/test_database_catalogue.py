"""The commands and the dashboard use the database's copy of the catalogue.

It is written only by ``levande db upgrade``: editing the YAML changes nothing until the next
upgrade.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from levande.dashboard.context import AppContext
from levande.dashboard.indicator import layout as indicator
from levande.dashboard.overview import layout as overview
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from tests.integration.levande.cli.conftest import Invoke
from tests.unit.dashboard.tree import has_id, text

pytestmark = pytest.mark.integration

GOAL = "Sveriges städer ska utvecklas till levande, trygga och robusta städer."
NEW_GOAL = "Sveriges städer ska utvecklas till levande, trygga och hållbara städer."


def _edit_yaml(config: Path) -> None:
    """A new goal, and one indicator (sjalvskattad-halsa) taken out of the catalogue."""
    goal = config / "goal.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace(GOAL, NEW_GOAL), encoding="utf-8")
    fa01 = config / "indicators" / "fa01.yaml"
    kept = fa01.read_text(encoding="utf-8").split("  - id: sjalvskattad-halsa")[0]
    fa01.write_text(kept, encoding="utf-8")


def test_the_yaml_is_read_only_by_db_upgrade(cli: Invoke, db_url: str, sample_config: Path) -> None:
    env = {"LEVANDE_DATABASE_URL": db_url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    assert cli("db", "upgrade", env=env).exit_code == 0
    engine = make_engine(db_url)
    ctx = AppContext(engine, Settings(database_url=db_url, config_dir=sample_config, cache="off"))
    try:
        _edit_yaml(sample_config)
        # Not upgraded yet: the dashboard and the commands still see the synced catalogue.
        assert GOAL in text(overview.layout_for(ctx))
        page = indicator.layout_for(ctx, indicator_id="sjalvskattad-halsa")
        assert "Invånare med bra självskattat hälsotillstånd" in text(page)
        status = cli("etl", "status", env=env)
        assert status.exit_code == 0, status.stderr
        assert "sjalvskattad-halsa" in status.stdout
        recompute = cli("status", "recompute", env=env)
        assert recompute.exit_code == 0, recompute.stderr

        upgrade = cli("db", "upgrade", env=env)
        assert upgrade.exit_code == 0, upgrade.stderr
        assert NEW_GOAL in text(overview.layout_for(ctx))
        gone = indicator.layout_for(ctx, indicator_id="sjalvskattad-halsa")
        assert has_id(gone, "not-found") or "sjalvskattad-halsa" in text(gone)
        assert "Invånare med bra självskattat hälsotillstånd" not in text(gone)
        status = cli("etl", "status", env=env)
        assert "sjalvskattad-halsa" not in status.stdout
    finally:
        engine.dispose()


@pytest.mark.parametrize("args", [["etl", "run"], ["status", "recompute"], ["scheduler"]])
def test_writing_commands_need_a_synced_catalogue(
    cli: Invoke, args: list[str], db_url: str, sample_config: Path
) -> None:
    engine = make_engine(db_url)
    upgrade_schema(engine)  # a current schema without the catalogue copied into it
    engine.dispose()
    env = {"LEVANDE_DATABASE_URL": db_url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    result = cli(*args, env=env)
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "levande: the database holds no catalogue yet: run 'levande db upgrade'"
    )
