"""The local data page and its download served by the app, from data published the real way."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.indicators.core.local_data import LocalKind, parse_dataset
from levande.indicators.store import local_data as store
from testkit.dash_routes import route
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration

SURVEY = """area_code;area_name;survey_date;theme;mean_score;respondents
0180C1010;Norra Djurgården;2026-05-12;trygghet;4,9;64
0180C1010;Norra Djurgården;2026-05-12;natur;6,25;64
0180R004;Östermalm norra;2026-05-12;trygghet;5,2;8
"""


@pytest.fixture
def client(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    with loaded_world(engine, sample_config, tmp_path) as world:
        _publish(world)
        yield create_app(world.settings, world.engine).server.test_client()


def _publish(world: World) -> None:
    operator = store.Publisher(store.OPERATOR, None)
    for method in ("Enkät, maj 2026.", "Enkät, maj 2026 (rättad)."):
        store.publish(
            world.engine,
            operator,
            store.DatasetFile(
                municipality="0180",
                slug="platskompassen-2026",
                kind=LocalKind.PLATSKOMPASSEN,
                title="Platskompassen Östermalm",
                method=method,
                rows=parse_dataset(SURVEY, LocalKind.PLATSKOMPASSEN, "0180"),
            ),
        )


def test_the_page_shows_the_latest_version_marked_as_local_data(client: FlaskClient) -> None:
    status, payload = route(client, "/kommun/0180/lokal", "?colour=red&area=0180C1010")
    assert status == 200
    page = str(payload)
    assert "Lokal data från Stockholm kommun, inte officiell statistik." in page
    assert "Enkät, maj 2026 (rättad)." in page and "Versioner (2)" in page
    assert "local-compass-table" in page and "6,3" in page  # 6.25 shown with one decimal
    assert "för få svar" not in page  # Östermalm norra is not chosen
    status, earlier = route(client, "/kommun/0180/lokal", "?version=1&compare=0180R004&lang=en")
    assert "(rättad)" not in str(earlier)
    assert "Enkät, maj 2026." in str(earlier) and "too few answers" in str(earlier)


@pytest.mark.parametrize(
    ("search", "notice"),
    [
        ("?dataset=finns-inte", "Det finns inget dataset finns-inte"),
        ("?version=9", "Det finns ingen version 9"),
        ("?area=0180C9999", "Området 0180C9999 finns inte"),
    ],
)
def test_a_wrong_choice_is_reported_and_the_default_shown(
    client: FlaskClient, search: str, notice: str
) -> None:
    status, payload = route(client, "/kommun/0180/lokal", search)
    assert status == 200
    assert notice in str(payload) and "local-compass-table" in str(payload)


def test_an_unknown_municipality_and_one_without_data(client: FlaskClient) -> None:
    _, unknown = route(client, "/kommun/9999/lokal")
    assert "Det finns ingen kommun med koden 9999." in str(unknown)
    _, empty = route(client, "/kommun/0380/lokal")
    assert "Uppsala har inte publicerat någon lokal data" in str(empty)


def test_the_download_holds_the_published_values_exactly(client: FlaskClient) -> None:
    response = client.get("/ladda-ner/lokal/0180.csv?dataset=platskompassen-2026&version=1&lang=en")
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.data), dtype={"period": str})
    assert frame[["area_code", "item", "value", "respondents"]].to_csv(index=False) == (
        "area_code,item,value,respondents\n"
        "0180C1010,natur,6.25,64\n"
        "0180C1010,trygghet,4.9,64\n"
        "0180R004,trygghet,,8\n"
    )
    swedish = client.get("/ladda-ner/lokal/0180.csv?dataset=platskompassen-2026").data
    assert swedish.startswith("\ufeff".encode()) and ";6,25;" in swedish.decode("utf-8-sig")
    assert client.get("/ladda-ner/lokal/0180.csv?dataset=nej").status_code == 404
    assert (
        client.get("/ladda-ner/lokal/0180.csv?dataset=platskompassen-2026&version=x").status_code
        == 404
    )


@pytest.fixture
def world_client(
    engine: Engine, sample_config: Path, tmp_path: Path
) -> Iterator[tuple[World, FlaskClient]]:
    with loaded_world(engine, sample_config, tmp_path) as world:
        yield world, create_app(world.settings, world.engine).server.test_client()


def _post(
    client: FlaskClient,
    code: str,
    token: str,
    content: bytes,
    path: str | None = None,
    **extra: str,
) -> tuple[int, str]:
    """Post the form of ``code`` (or the form at ``path``) as a browser would."""
    form = {
        "token": token, "kind": "platskompassen", "dataset": "platskompassen-2026",
        "title": "Platskompassen", "method": "Enkät, maj 2026.", "min_respondents": "10",
        "file": (io.BytesIO(content), "svar.csv"), **extra,
    }  # fmt: skip
    response = client.post(
        path or f"/kommun/{code}/lokal/publicera", data=form, content_type="multipart/form-data"
    )
    return response.status_code, response.get_data(as_text=True)


def test_the_form_publishes_for_the_tokens_municipality_only(
    world_client: tuple[World, FlaskClient],
) -> None:
    world, client = world_client
    form = client.get("/kommun/0180/lokal/publicera?lang=en")
    assert form.status_code == 200
    assert '<label for="file">CSV file</label>' in form.get_data(as_text=True)
    token = store.issue_token(world.engine, "0180", "Stockholm stad")
    csv = SURVEY.encode("utf-8")

    status, page = _post(client, "0180", token, csv)
    assert status == 200 and "Publicerat" in page and "version 1: 3 rader, 1 undanhållna" in page
    _, shown = route(client, "/kommun/0180/lokal")
    assert "Platskompassen" in str(shown) and "local-compass-table" in str(shown)

    status, page = _post(client, "0114", token, csv.replace(b"0180", b"0114"))
    assert status == 400 and "gäller bara kommun 0180, inte 0114" in page and token not in page

    bad = csv.replace(b"4,9", b"9,4")
    status, page = _post(client, "0180", token, bad, dataset="ny")
    assert status == 400 and "Inte publicerat" in page
    assert "rad 1, kolumn &#x27;mean_score&#x27;: &#x27;9,4&#x27; är inte ett betyg" in page
    assert "inget publicerades (1 problem)" in page
    _, listed = route(client, "/kommun/0180/lokal", "?dataset=ny")
    assert "Det finns inget dataset ny" in str(listed)  # the bad file stored nothing

    status, page = _post(client, "0180", "", csv, dataset="Fel Namn")
    assert status == 400
    assert "Ange publiceringsnyckeln." in page and "bara ha små bokstäver" in page


def test_the_form_answers_in_the_pages_language(
    world_client: tuple[World, FlaskClient],
) -> None:
    world, client = world_client
    token = store.issue_token(world.engine, "0180", "Stockholm stad")
    bad = SURVEY.replace("4,9", "9,4").encode("utf-8")
    status, page = _post(
        client, "0180", token, bad, path="/kommun/0180/lokal/publicera?lang=en", dataset="ny"
    )
    assert status == 400 and "Not published" in page
    assert "row 1, column &#x27;mean_score&#x27;: &#x27;9,4&#x27; is not a score" in page
    assert "nothing was published (1 problem(s))" in page


def test_the_console_form_publishes_for_the_municipality_chosen(
    world_client: tuple[World, FlaskClient],
) -> None:
    world, client = world_client
    form = client.get("/data/operator/lokal").get_data(as_text=True)
    assert '<label for="municipality">Kommun</label>' in form
    assert '<option value="0180">Stockholm (0180)</option>' in form
    assert 'action="/data/operator/lokal"' in form
    token = store.issue_token(world.engine, "0180", "Stockholm stad")
    csv = SURVEY.encode("utf-8")

    def post(municipality: str, content: bytes) -> tuple[int, str]:
        return _post(
            client, municipality, token, content, path="/data/operator/lokal",
            municipality=municipality,
        )  # fmt: skip

    status, page = post("0114", csv.replace(b"0180", b"0114"))
    assert status == 400 and "gäller bara kommun 0180, inte 0114" in page
    status, page = post("0180", csv)
    assert status == 200 and "publicerade 0180/platskompassen-2026 version 1" in page
    _, shown = route(client, "/kommun/0180/lokal")
    assert "local-compass-table" in str(shown)
    assert post("", csv)[0] == 404
