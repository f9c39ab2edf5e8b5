"""The page "Inom kommunen" answered by the app on the small Sweden with DeSO/RegSO loaded."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete, select

from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.schema import AreaObservation, SmallArea
from levande.indicators.store.writes import bump_data_version
from testkit.dash_routes import route
from testkit.sample_catalogue import write_sample_catalogue
from testkit.small_area_world import loaded_small_area_world

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    folder = tmp_path_factory.mktemp("areas-page")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with loaded_small_area_world(engine, config, folder):
        pass
    # One municipality without any small-area statistics.
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        codes = select(SmallArea.code).where(SmallArea.municipality_code == "0380")
        session.execute(delete(AreaObservation).where(AreaObservation.area_code.in_(codes)))
        bump_data_version(session)
    app = create_app(Settings(database_url=url, config_dir=config), engine)
    yield app.server.test_client()
    engine.dispose()


def _find(node: Any, wanted_id: str) -> Any:
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == wanted_id:
            return node
        return next((f for v in node.values() if (f := _find(v, wanted_id)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := _find(v, wanted_id)) is not None), None)
    return None


def _text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return _text(node.get("props", {}).get("children"))
    if isinstance(node, list):
        return "".join(_text(n) for n in node)
    return ""


def _rows(node: Any) -> list[list[str]]:
    body = _find(node, "areas-table")["props"]["children"][-1]["props"]["children"]
    return [[_text(cell) for cell in row["props"]["children"]] for row in body]


def _page(client: FlaskClient, path: str, search: str = "") -> Any:
    status, doc = route(client, path, search)
    assert status == 200
    return doc


def test_every_regso_with_type_value_change_and_rank(client: FlaskClient) -> None:
    doc = _page(client, "/kommun/0180/omraden", "?indikator=omr-lag-ekonomisk-standard&ar=2024")
    expected = """\
area,type,value,change,rank
Norrmalm (0180R001),4 Goda socioekonomiska förutsättningar,"4,5","-1,0",3
Rinkeby (0180R002),1 Stora socioekonomiska utmaningar,"30,0","-1,0",1
Bromma (0180R003),5 Mycket goda socioekonomiska förutsättningar,"5,5","-1,0",2
"""
    assert _rows(doc) == [list(r.values()) for r in csv.DictReader(io.StringIO(expected))]
    assert _text(_find(doc, "areas-headline")) == (
        "Låg ekonomisk standard: 6,7 gånger så högt i Rinkeby (0180R002) som i Norrmalm (0180R001)."
    )
    measures = _text(_find(doc, "areas-measures"))
    # Percentiles of 4.5, 5.5 and 30.0: 5.5 + 0.8 * 24.5 = 25.1 and 4.5 + 0.2 * 1.0 = 4.7.
    assert "Kvoten mellan den 90:e och den 10:e percentilen är 5,3 (25,1 mot 4,7)" in measures
    assert "Gini mellan områdena" in measures
    text = json.dumps(doc, ensure_ascii=False)
    assert "/geo/omraden/regso/2020/0180.json?v=" in text
    assert "/geo/omraden/regso/2020/0114.json" not in text


def test_deso_in_the_new_vintage_has_no_change_across_vintages(client: FlaskClient) -> None:
    doc = _page(client, "/kommun/0180/omraden", "?niva=deso&indikator=omr-folkmangd&ar=2025")
    rows = _rows(doc)
    assert [r[0] for r in rows][-2:] == ["DeSO 0180C1061 i Bromma", "DeSO 0180C1062 i Bromma"]
    assert {r[3] for r in rows} == {"–"}  # 2024 was another vintage: never compared
    assert "/geo/omraden/deso/2025/0180.json?v=" in json.dumps(doc)


def test_a_count_is_shown_as_a_share_of_its_denominator(client: FlaskClient) -> None:
    doc = _page(client, "/kommun/0114/omraden", "?indikator=omr-utlandsk-bakgrund&ar=2023")
    # round(0.2 * population) of population in every area of Upplands Väsby.
    assert [r[2] for r in _rows(doc)] == ["20,0", "20,0"]
    assert "delat med" in json.dumps(doc, ensure_ascii=False)


def test_municipality_without_small_area_data_says_so(client: FlaskClient) -> None:
    doc = _page(client, "/kommun/0380/omraden")
    assert "Det finns ännu ingen statistik för områden i Uppsala" in _text(
        _find(doc, "areas-empty")
    )


@pytest.mark.parametrize(
    ("search", "message"),
    [("?ar=1999", "Det finns inga uppgifter för 1999"), ("?niva=kvarter", "Nivån kvarter"),
     ("?indikator=nope", "Måttet nope finns inte")],
)  # fmt: skip
def test_bad_choices_are_reported_and_replaced(
    client: FlaskClient, search: str, message: str
) -> None:
    doc = _page(client, "/kommun/0180/omraden", search)
    assert message in _text(_find(doc, "url-notice"))
    assert _rows(doc)  # the page still shows the default view


def test_unknown_municipality_is_a_friendly_page(client: FlaskClient) -> None:
    assert "Det finns ingen kommun med koden 9999" in json.dumps(
        _page(client, "/kommun/9999/omraden"), ensure_ascii=False
    )


def test_boundaries_are_served_per_municipality(client: FlaskClient) -> None:
    own = client.get("/geo/omraden/regso/2020/0114.json?v=1")
    assert own.status_code == 200 and own.cache_control.max_age == 31_536_000
    ids = [f["id"] for f in own.get_json()["features"]]
    assert ids == ["0114R001", "0114R002"]
    assert client.get("/geo/omraden/kvarter/2020/0114.json").status_code == 404
    assert client.get("/geo/omraden/regso/2020/9999.json").status_code == 404


def test_download_holds_the_stored_values(client: FlaskClient) -> None:
    response = client.get(
        "/ladda-ner/omraden/0114.csv?indikator=omr-lag-ekonomisk-standard&niva=regso&lang=en"
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    first = rows[0]
    assert (first["area_code"], first["period"], first["value"], first["area_name"]) == (
        "0114R001", "2023", "5.5", "Väsby norra",
    )  # fmt: skip
    assert client.get("/ladda-ner/omraden/0114.csv?indikator=nope").status_code == 404
    excel = client.get("/ladda-ner/omraden/0114.xlsx?indikator=omr-lag-ekonomisk-standard")
    assert excel.status_code == 200 and str(excel.mimetype).endswith("spreadsheetml.sheet")


def test_computed_indicator_page_says_how_it_was_computed(client: FlaskClient) -> None:
    text = json.dumps(_page(client, "/indikator/andel-utmaningar"), ensure_ascii=False)
    assert "Andel av befolkningen i RegSO av typ 1 eller 2." in text
    assert "Källa: SCB (DeSO/RegSO), beräknat" in text
    assert "Något gick fel" not in text
    about = json.dumps(_page(client, "/indikator/andel-utmaningar", "?tab=about"),
                       ensure_ascii=False)  # fmt: skip
    assert "/tables/omr-omradestyp" not in about  # no request at a source: computed here
    assert "från SCB:s värden för varje område (Socioekonomisk områdestyp, Folkmängd)" in about


def test_profile_shows_the_headline_gap_and_links_to_the_areas(client: FlaskClient) -> None:
    doc = _page(client, "/kommun/0180")
    # 2025: Rinkeby 30 + 1.0 - 2 = 29.0 against Norrmalm 5 + 0.5 - 2 = 3.5.
    assert _text(_find(doc, "areas-gap")) == (
        "Låg ekonomisk standard: 8,3 gånger så högt i Rinkeby som i Norrmalm (2025)."
    )
    assert _find(doc, "areas-link")["props"]["href"] == "/kommun/0180/omraden"


def test_local_data_stands_beside_the_same_areas_register_statistics(
    client: FlaskClient,
) -> None:
    from levande.dashboard.context import context_of
    from levande.indicators.core.local_data import LocalKind, parse_dataset
    from levande.indicators.store import local_data as local_store

    engine = context_of(client.application).engine
    survey = (
        "area_code,area_name,survey_date,theme,mean_score,respondents\n"
        "0114R001,Väsby norra,2026-05-12,trygghet,4.5,40\n"
    )
    local_store.publish(
        engine,
        local_store.Publisher(local_store.OPERATOR, None),
        local_store.DatasetFile(
            municipality="0114", slug="platskompassen", kind=LocalKind.PLATSKOMPASSEN,
            title="Platskompassen", method="Enkät.",
            rows=parse_dataset(survey, LocalKind.PLATSKOMPASSEN, "0114"),
        ),
    )  # fmt: skip
    text = json.dumps(_page(client, "/kommun/0114/lokal"), ensure_ascii=False)
    assert "local-compass-table" in text and "local-statistics-table" in text
    # The same value as the area page's download holds for the area's latest year.
    download = client.get(
        "/ladda-ner/omraden/0114.csv?indikator=omr-lag-ekonomisk-standard&niva=regso&lang=en"
    )
    rows = [
        r
        for r in csv.DictReader(io.StringIO(download.data.decode("utf-8")))
        if r["area_code"].split("_")[0] == "0114R001"  # either vintage
    ]
    latest = max(rows, key=lambda r: r["period"])
    shown = latest["value"].replace(".", ",")
    assert f'"{latest["period"]}"' in text and f"{shown} procent" in text
    assert "/kommun/0114/omraden?indikator=omr-lag-ekonomisk-standard" in text
