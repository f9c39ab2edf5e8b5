"""Page and download answers stay the same, address for address, across refactorings.

A fixed set of addresses is answered by the app on the small Sweden of ``testkit/world.py`` and
compared with the answers recorded in ``answers/``. Page answers are compared as JSON with sorted
keys (Dash's property order is not part of the answer); the time of the load, which changes
with every run, and the digest that addresses the loaded boundary files are masked. Everything
else must match byte for byte.

To record new answers after a deliberate change of what the app shows::

    LEVANDE_RECORD_ANSWERS=1 pytest tests/integration/dashboard/test_answers_unchanged.py

and review the diff of ``answers/`` like any other change.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from testkit.dash_routes import route_body
from testkit.sample_catalogue import write_sample_catalogue
from testkit.seeded import seeded_client

pytestmark = pytest.mark.integration

ANSWERS = Path(__file__).with_name("answers")
RECORD = os.environ.get("LEVANDE_RECORD_ANSWERS") == "1"
LOAD_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(\+00:00|Z)?")
#: Boundary files are addressed by a digest of their load, which changes with every load too.
BOUNDARY_VERSION = re.compile(r"([?&]v=)[0-9a-f]{6,}")

PAGES = [
    ("/", ""),
    ("/", "?lang=en"),
    ("/omrade/FA01", ""),
    ("/omrade/FA06", "?lang=en"),
    ("/indikator/trangboddhet", ""),
    ("/indikator/trangboddhet", "?tab=map&year=2019"),
    ("/indikator/trangboddhet", "?tab=table&sort=-value&lang=en"),
    ("/indikator/sjalvskattad-halsa", "?tab=about"),
    ("/indikator/folkmangd", "?kommun=0114&gender=1"),
    ("/indikator/finns-inte", ""),
    ("/kommun/0180", ""),
    ("/kommun/0114", "?lang=en&peers=county"),
    ("/lan/01", ""),
    ("/jamfor", "?places=0114,0180&indikator=trangboddhet"),
    ("/jamfor", "?places=0180&add_ind=Trångboddhet"),
    ("/sok", "?q=upp"),
    ("/data", ""),
    ("/data", "?lang=en"),
    ("/tillganglighet", ""),
    ("/inte/en/sida", ""),
]

DOWNLOADS = [
    "/ladda-ner/trangboddhet.csv",
    "/ladda-ner/folkmangd.csv?lang=en&kommun=0114",
    "/ladda-ner/profil/0180.csv",
    "/ladda-ner/jamfor.csv?places=0114,0180&indikator=trangboddhet",
    "/ladda-ner/finns-inte.csv",
    "/platser.json",
    "/indikatorer.json",
    "/geo/kommun.json",
    "/healthz",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    folder = tmp_path_factory.mktemp("answers")
    with seeded_client(folder, write_sample_catalogue) as (test_client, _):
        yield test_client


def _file_name(address: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", address).strip("_") or "root"


def _compare(name: str, answer: str) -> None:
    path = ANSWERS / f"{name}.txt"
    if RECORD:
        ANSWERS.mkdir(exist_ok=True)
        path.write_text(answer, encoding="utf-8")
        return
    assert path.exists(), f"no recorded answer {path.name}; record with LEVANDE_RECORD_ANSWERS=1"
    expected = path.read_text(encoding="utf-8")
    assert answer == expected, f"the answer for {name} changed (see {path})"


@pytest.mark.parametrize(("path", "query"), PAGES, ids=[p + q for p, q in PAGES])
def test_page_answer_is_unchanged(client: FlaskClient, path: str, query: str) -> None:
    response = client.post("/_dash-update-component", json=route_body(path, query))
    canonical = json.dumps(response.get_json(), sort_keys=True, indent=1, ensure_ascii=False)
    masked = BOUNDARY_VERSION.sub(r"\1<version>", LOAD_TIME.sub("<time>", canonical))
    answer = f"{response.status_code}\n{masked}\n"
    _compare("page_" + _file_name(path + query), answer)


@pytest.mark.parametrize("address", DOWNLOADS)
def test_download_answer_is_unchanged(client: FlaskClient, address: str) -> None:
    response = client.get(address)
    head = f"{response.status_code} {response.headers.get('Content-Type')}\n"
    _compare("get_" + _file_name(address), head + response.get_data(as_text=True))
