"""``levande local`` as a municipality and an operator use it: import, list, withdraw, tokens.

The example files of ``docs/local-data.md`` are the ones published here, so the documentation
cannot drift from what the command accepts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from levande.cli.local import EXIT_REFUSED
from levande.cli.render import EXIT_INVALID
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.world import seed_kolada, seed_scb, write_boundaries
from tests.integration.levande.cli.conftest import Invoke

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).parents[4] / "docs" / "examples"
OPERATOR = "operator-secret"


@pytest.fixture
def env(db_url: str, sample_config: Path, cli: Invoke) -> Iterator[dict[str, str]]:
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        env = {
            "LEVANDE_DATABASE_URL": db_url,
            "LEVANDE_CONFIG_DIR": str(sample_config),
            "LEVANDE_SCB_API_URL": scb.url,
            "LEVANDE_KOLADA_API_URL": kolada.url,
            "LEVANDE_ADMIN_TOKEN": OPERATOR,
            "LEVANDE_HTTP_MAX_RETRIES": "1",
        }
        assert cli("db", "upgrade", env=env).exit_code == 0
        loaded = cli("etl", "run", "--source", "regions", env=env)
        assert loaded.exit_code == 0, loaded.stderr
        yield env


def _import(cli: Invoke, env: dict[str, str], *extra: str) -> tuple[int, str, str]:
    result = cli(
        "local", "import", str(EXAMPLES / "platskompassen.csv"), "--municipality", "0180",
        "--kind", "platskompassen", "--dataset", "platskompassen-2026",
        "--title", "Platskompassen Norra Djurgården", "--method", "Enkät, maj 2026.", *extra,
        env=env,
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_a_municipality_publishes_its_own_data_only(cli: Invoke, env: dict[str, str]) -> None:
    issued = cli("local", "token", "issue", "-m", "0180", "--label", "Stockholm stad", env=env)
    assert issued.exit_code == 0, issued.stderr
    token = issued.stdout.strip()
    stockholm = {**env, "LEVANDE_PUBLISH_TOKEN": token}

    code, out, err = _import(cli, stockholm)
    assert code == 0, err
    assert "version 1: 7 rows, 1 withheld" in out
    code, out, _ = _import(cli, stockholm)
    assert "version 2" in out
    listed = cli("local", "list", "-m", "0180", env=env)
    assert "platskompassen-2026\tplatskompassen\tversion 2\t7 rows" in listed.stdout
    assert "by Stockholm stad" in listed.stdout

    # Stockholm's token reaches Uppsala's data in no way.
    uppsala = str(EXAMPLES / "area-measure.csv")
    refused = cli(
        "local", "import", uppsala, "-m", "0380", "--kind", "measure", "-d", "bibliotek",
        "--title", "t", "--method", "m", env=stockholm,
    )  # fmt: skip
    assert refused.exit_code == EXIT_REFUSED
    assert "0180 only, not 0380" in refused.stderr
    assert token not in refused.stderr + refused.stdout
    assert cli("local", "withdraw", "-m", "0380", "-d", "x", env=stockholm).exit_code == (
        EXIT_REFUSED
    )

    withdrawn = cli("local", "withdraw", "-m", "0180", "-d", "platskompassen-2026", env=stockholm)
    assert withdrawn.exit_code == 0, withdrawn.stderr
    assert "no local data published for 0180" in cli("local", "list", "-m", "0180", env=env).stdout

    revoked = cli("local", "token", "revoke", "-m", "0180", "--label", "Stockholm stad", env=env)
    assert revoked.exit_code == 0
    assert _import(cli, stockholm)[0] == EXIT_REFUSED


def test_the_operator_token_publishes_for_any_municipality(
    cli: Invoke, env: dict[str, str]
) -> None:
    operator = {**env, "LEVANDE_PUBLISH_TOKEN": OPERATOR}
    result = cli(
        "local", "import", str(EXAMPLES / "area-measure.csv"), "-m", "0180", "--kind", "measure",
        "-d", "bibliotek", "--title", "Avstånd till bibliotek", "--method", "Nätverksanalys",
        env=operator,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "version 1: 3 rows" in result.stdout


def test_an_invalid_file_lists_every_problem_and_stores_nothing(
    cli: Invoke, env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "area_code,survey_date,theme,mean_score,respondents\n"
        "0180C1010,2026-05-12,trygghet,9,40\n"
        "0380C1010,2026-05-12,trygghet,4,40\n",
        encoding="utf-8",
    )
    operator = {**env, "LEVANDE_PUBLISH_TOKEN": OPERATOR}
    result = cli(
        "local", "import", str(bad), "-m", "0180", "--kind", "platskompassen", "-d", "p",
        "--title", "t", "--method", "m", env=operator,
    )  # fmt: skip
    assert result.exit_code == EXIT_INVALID
    assert "row 1, column 'mean_score'" in result.stderr
    assert "row 2, column 'area_code': '0380C1010' is not an area of municipality 0180" in (
        result.stderr
    )
    assert "nothing was published (2 problem(s))" in result.stderr
    assert "no local data published" in cli("local", "list", "-m", "0180", env=env).stdout


def test_the_answers_come_in_swedish_when_asked(
    cli: Invoke, env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "area_code,survey_date,theme,mean_score,respondents\n0380C1010,12/5/2026,trygghet,4,40\n",
        encoding="utf-8",
    )
    operator = {**env, "LEVANDE_PUBLISH_TOKEN": OPERATOR}
    result = cli(
        "local", "import", str(bad), "-m", "0180", "--kind", "platskompassen", "-d", "p",
        "--title", "t", "--method", "m", "--lang", "sv", env=operator,
    )  # fmt: skip
    assert result.exit_code == EXIT_INVALID
    assert "rad 1, kolumn 'area_code': '0380C1010' är inte ett område i kommun 0180" in (
        result.stderr
    )
    assert "rad 1, kolumn 'survey_date': '12/5/2026' är inte ett datum — skriv ÅÅÅÅ-MM-DD" in (
        result.stderr
    )
    assert "inget publicerades (2 problem)" in result.stderr
    refused = cli(
        "local", "withdraw", "-m", "0180", "-d", "p", "--lang", "sv",
        env={**env, "LEVANDE_PUBLISH_TOKEN": "wrong"},
    )  # fmt: skip
    assert refused.exit_code == EXIT_REFUSED
    assert "nyckeln gäller inte (okänd eller återkallad)" in refused.stderr
    wrong = cli("local", "withdraw", "-m", "0180", "-d", "p", "--lang", "fi", env=operator)
    assert wrong.exit_code != 0 and "fi" in wrong.stderr


def test_a_dry_run_needs_no_token(cli: Invoke, env: dict[str, str]) -> None:
    code, out, err = _import(cli, env, "--dry-run")
    assert code == 0, err
    assert "valid, 7 rows (dry run: nothing stored)" in out


def _areas_file(folder: Path, *squares: tuple[str, float]) -> Path:
    """Named local areas, each a 0.2° square from (x, 0.2): in the test world's degrees."""
    features = [
        {
            "type": "Feature",
            "properties": {"area_code": name, "name": name.title()},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 0.2], [x + 0.2, 0.2], [x + 0.2, 0.4], [x, 0.4], [x, 0.2]]],
            },
        }
        for name, x in squares
    ]
    path = folder / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_named_areas_must_lie_inside_the_municipality(
    cli: Invoke, env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "measure.csv"
    data.write_text("area_code,measure,unit,year,value\ninne,Avstånd,meter,2025,300\n")
    operator = {**env, "LEVANDE_PUBLISH_TOKEN": OPERATOR}

    def publish(areas: Path) -> tuple[int, str, str]:
        result = cli(
            "local", "import", str(data), "-m", "0180", "--kind", "measure", "-d", "avstand",
            "--title", "t", "--method", "m", "--areas", str(areas), env=operator,
        )  # fmt: skip
        return result.exit_code, result.stdout, result.stderr

    # Before the boundaries are loaded the position cannot be checked, and the command says so.
    code, _, err = publish(_areas_file(tmp_path, ("inne", 1.2)))
    assert code == 0 and "boundary is not loaded" in err

    kommun_url, lan_url = write_boundaries(tmp_path / "geo")  # 0180 is the square x 1..2
    geo = {**env, "LEVANDE_GEO_MUNICIPALITIES_URL": kommun_url, "LEVANDE_GEO_COUNTIES_URL": lan_url}
    loaded = cli("etl", "run", "--source", "boundaries", env=geo)
    assert loaded.exit_code == 0, loaded.stderr

    code, _, err = publish(_areas_file(tmp_path, ("inne", 1.2), ("ute", 0.2)))
    assert code == EXIT_INVALID
    assert "row 2, column 'geometry': the area lies (partly) outside the municipality" in err
    assert "boundary is not loaded" not in err
    code, out, err = publish(_areas_file(tmp_path, ("inne", 1.2)))
    assert code == 0 and "version 2" in out and "boundary" not in err
