"""The dashboard works with a PostgreSQL role that may only SELECT (docs/deployment.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from levande.dashboard.app import create_app
from levande.dashboard.data_status import layout as data_status
from levande.dashboard.focus_area import layout as focus_area
from levande.dashboard.indicator import layout as indicator
from levande.dashboard.operator import layout as operator
from levande.dashboard.overview import layout as overview
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.databases import drop_postgres_schema, postgres_schema_url
from testkit.seeded import loaded_world

pytestmark = pytest.mark.integration


@pytest.fixture
def reader_url(postgres_server: str, sample_config: Path, tmp_path: Path) -> Iterator[str]:
    """A loaded schema (written by the owner) and the URL of a SELECT-only role for it."""
    url, schema = postgres_schema_url(postgres_server)
    role = f"lt_reader_{uuid.uuid4().hex[:10]}"
    writer = make_engine(url)
    admin = create_engine(postgres_server)
    try:
        upgrade_schema(writer)
        with loaded_world(writer, sample_config, tmp_path):
            pass
        with admin.begin() as conn:
            conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
            conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
        reader = make_url(url).set(username=role)
        yield reader.render_as_string(hide_password=False)
    finally:
        writer.dispose()
        drop_postgres_schema(postgres_server, schema)
        with admin.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_dashboard_reads_with_select_rights_only(reader_url: str, sample_config: Path) -> None:
    from levande.indicators.core.settings import Settings

    engine = make_engine(reader_url, readonly_ok=True)
    reader = Reader(engine)
    with engine.begin() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text("DELETE FROM observation"))  # the role really cannot write
    settings = Settings(database_url=reader_url, config_dir=sample_config)
    app = create_app(settings, engine)
    ctx = app.server.config["LEVANDE_CONTEXT"]
    client = app.server.test_client()
    assert client.get("/readyz").status_code == 200
    assert client.get("/geo/kommun.json").status_code == 200
    download = client.get("/ladda-ner/trangboddhet.csv?view=table&year=2020")
    assert download.status_code == 200 and "0180" in download.get_data(as_text=True)
    with app.server.test_request_context("/"):
        pages = [
            overview.build(ctx),
            focus_area.build(ctx, focus_area_id="FA06"),
            data_status.build(ctx),
            operator.build(ctx),
            *[indicator.build(ctx, indicator_id="trangboddhet", tab=tab, kommun="0180")
              for tab in ("chart", "map", "table", "about", "download")],
        ]  # fmt: skip
    for page in pages:
        text_of_page = str(page)
        assert "Databasen går inte att läsa" not in text_of_page
        assert "Något gick fel" not in text_of_page
    assert dims.last_refresh(reader) is not None
    engine.dispose()
