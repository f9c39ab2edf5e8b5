"""The Kolada client over real HTTP against the fake Kolada v3 server on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest

from levande.etl.sources.http import HttpClient, RateLimiter, SourceError
from levande.etl.sources.kolada import KoladaClient, KoladaValue
from levande.indicators.core.failures import FailureKind
from testkit.fakes.kolada import FakeKolada, FakeKpi, FakePoint
from testkit.fakes.server import Fault, Reply

pytestmark = pytest.mark.integration

TODAY = date(2026, 3, 23)
MUNICIPALITIES = [f"{1400 + i:04d}" for i in range(60)]
YEARS = [2019, 2020, 2021]


def value_of(i: int, year: int, gender: str = "T") -> float:
    """A distinct value per unit, year and gender."""
    return round(10 + i * 0.5 + (year - 2000) * 0.01 + "TKM".index(gender) * 0.001, 6)


@pytest.fixture
def fake() -> Iterator[FakeKolada]:
    with FakeKolada(today=lambda: TODAY) as server:
        server.add_municipality("0000", "Riket", "L")
        server.add_municipality("0014", "Västra Götalandsregionen", "L")
        for unit in MUNICIPALITIES:
            server.add_municipality(unit, f"Kommun {unit}")
        server.add_kpi(
            FakeKpi(
                "N00945",
                "Invånare 25-64 år med eftergymnasial utbildning, andel (%)",
                description="Antal invånare 25-64 år med eftergymnasial utbildning. Källa: SCB.",
                is_divided_by_gender=True,
                municipality_type="A",
                auspice="X",
                operating_area="Utbildning",
                publication_date="2026-04-15",
                prel_publication_date=None,
                publ_period="2025",
            )
        )
        server.add_kpi(FakeKpi("N07907", "Trångboddhet, andel (%)"))
        server.add_group("G92786", "Liknande kommuner", ["1400", "1401"])
        for i, unit in enumerate(MUNICIPALITIES):
            for year in YEARS:
                for gender in ("T", "K", "M"):
                    server.add_point(
                        FakePoint(
                            "N00945",
                            unit,
                            year,
                            gender,
                            value_of(i, year, gender),
                            changed_on=date(2025, 6, 1),
                        )
                    )
        yield server


def make_client(url: str, *, per_page: int = 5000, max_retries: int = 2) -> KoladaClient:
    http = HttpClient(
        "kolada",
        timeout=2.0,
        max_retries=max_retries,
        backoff_factor=0.01,
        backoff_max=0.05,
        retry_after_cap=2.0,
        limiter=RateLimiter(1000, 1.0),
    )
    return KoladaClient(url, http, per_page=per_page)


@pytest.fixture
def client(fake: FakeKolada) -> Iterator[KoladaClient]:
    kolada = make_client(fake.url)
    yield kolada
    kolada.http.close()


def data_paths(fake: FakeKolada) -> list[str]:
    return [r.path for r in fake.requests if r.path.startswith("/data/")]


# -- metadata and paging ---------------------------------------------------------------------


def test_kpis_are_parsed(client: KoladaClient) -> None:
    kpis = {k.id: k for k in client.kpis()}

    kpi = kpis["N00945"]
    assert kpi.title == "Invånare 25-64 år med eftergymnasial utbildning, andel (%)"
    assert kpi.is_divided_by_gender is True
    assert kpi.municipality_type == "A"
    assert kpi.operating_area == "Utbildning"
    assert kpi.publication_date == date(2026, 4, 15)
    assert kpi.prel_publication_date is None
    assert kpi.publ_period == "2025"
    assert kpi.auspice == "X"
    assert kpi.raw["perspective"] == ""
    assert kpis["N07907"].is_divided_by_gender is False


def test_kpis_by_id_are_fetched_25_at_a_time(client: KoladaClient, fake: FakeKolada) -> None:
    ids = [f"N{n:05d}" for n in range(30)]
    for kpi_id in ids:
        fake.add_kpi(FakeKpi(kpi_id, f"KPI {kpi_id}"))

    kpis = client.kpis(ids)

    assert [k.id for k in kpis] == ids
    assert [len(r.path.split("/")[-1].split(",")) for r in fake.requests] == [25, 5]


def test_pages_are_followed_to_the_end(fake: FakeKolada) -> None:
    kolada = make_client(fake.url, per_page=10)

    units = kolada.municipalities()

    assert len(units) == 62
    assert units[0].id == "0000" and units[0].type == "L"
    assert {u.type for u in units} == {"K", "L"}
    pages = [r.param("page") for r in fake.requests]
    assert pages == [None, "2", "3", "4", "5", "6", "7"]
    assert all(r.param("per_page") == "10" for r in fake.requests)


def test_municipality_groups_have_members(client: KoladaClient) -> None:
    groups = client.municipality_groups()

    assert [(g.id, g.title) for g in groups] == [("G92786", "Liknande kommuner")]
    assert [(m.id, m.title) for m in groups[0].members] == [
        ("1400", "Kommun 1400"),
        ("1401", "Kommun 1401"),
    ]


def test_a_next_url_that_loops_is_refused(client: KoladaClient, fake: FakeKolada) -> None:
    looping = Reply.json(
        {
            "values": [{"id": "0000", "title": "Riket", "type": "L"}],
            "count": 1,
            "next_url": f"{fake.url}/municipality?per_page=5000",
            "previous_url": None,
        }
    )
    fake.add_fault(Fault.answer(looping), path_contains="/municipality")

    with pytest.raises(SourceError, match="pagination loops"):
        client.municipalities()


def test_an_answer_without_values_is_refused(client: KoladaClient, fake: FakeKolada) -> None:
    fake.add_fault(Fault.answer(Reply.json({"detail": "ok"})), path_contains="/kpi")

    with pytest.raises(SourceError, match="no 'values' list"):
        client.kpis()


# -- data ------------------------------------------------------------------------------------


def test_data_for_60_municipalities_is_chunked_25_25_10(
    client: KoladaClient, fake: FakeKolada
) -> None:
    values = list(client.data(["N00945"], MUNICIPALITIES, [2020]))

    segments = [
        p.split("/municipality/")[1].split("/year/")[0].split(",") for p in data_paths(fake)
    ]
    assert [len(s) for s in segments] == [25, 25, 10]
    assert [u for s in segments for u in s] == MUNICIPALITIES
    assert all(p.endswith("/year/2020") for p in data_paths(fake))
    assert len(values) == 60 * 3
    by_key = {(v.municipality, v.period, v.gender): v.value for v in values}
    assert by_key[("1437", 2020, "K")] == value_of(37, 2020, "K")


def test_every_combination_of_chunks_is_asked_for(client: KoladaClient, fake: FakeKolada) -> None:
    kpis = ["N00945", *(f"N9{n:04d}" for n in range(29))]  # 30 KPIs: 25 + 5

    list(client.data(kpis, MUNICIPALITIES, YEARS))

    paths = data_paths(fake)
    assert len(paths) == 2 * 3
    for path in paths:
        for segment in path.split("/")[3::2]:
            assert len(segment.split(",")) <= 25


def test_data_by_kpi_and_year_only(client: KoladaClient, fake: FakeKolada) -> None:
    values = list(client.data(["N00945"], years=[2021]))

    assert data_paths(fake) == ["/data/kpi/N00945/year/2021"]
    assert len({v.municipality for v in values}) == 60
    assert {v.period for v in values} == {2021}


def test_data_values_are_typed(client: KoladaClient) -> None:
    values = list(client.data(["N00945"], ["1400"], [2019]))

    assert sorted(values, key=lambda v: v.gender) == [
        KoladaValue("N00945", "1400", 2019, g, value_of(0, 2019, g), None, 1, False)
        for g in ("K", "M", "T")
    ]


def test_group_values_carry_their_member_count(client: KoladaClient) -> None:
    values = [v for v in client.data(["N00945"], ["G92786"], [2020]) if v.gender == "T"]

    assert len(values) == 1
    assert values[0].count == 2
    assert values[0].value == pytest.approx((value_of(0, 2020) + value_of(1, 2020)) / 2)


def test_from_date_returns_changes_and_deletions(client: KoladaClient, fake: FakeKolada) -> None:
    fake.set_value("N00945", "1400", 2021, 55.5, changed_on=date(2026, 3, 1))
    fake.delete_value("N00945", "1401", 2021, changed_on=date(2026, 3, 2))
    fake.set_value("N00945", "1402", 2022, 12.25, changed_on=date(2026, 3, 3))

    changed = list(client.data(["N00945"], MUNICIPALITIES[:5], [*YEARS, 2022], date(2026, 2, 1)))
    current = list(client.data(["N00945"], MUNICIPALITIES[:5], [2021]))

    first, second = (r for r in fake.requests if r.path.startswith("/data/"))
    assert (first.param("from_date"), second.param("from_date")) == ("2026-02-01", None)
    assert sorted((v.municipality, v.period, v.gender, v.value, v.is_deleted) for v in changed) == [
        ("1400", 2021, "T", 55.5, False),
        ("1401", 2021, "T", None, True),
        ("1402", 2022, "T", 12.25, False),
    ]
    assert ("1401", "T") not in {(v.municipality, v.gender) for v in current}
    assert len(current) == 5 * 3 - 1


def test_deletion_spelled_is_deleted_is_understood(client: KoladaClient, fake: FakeKolada) -> None:
    answer = Reply.json(
        {
            "values": [
                {
                    "kpi": "N00945",
                    "municipality": "0180",
                    "period": "2020",
                    "values": [
                        {"count": 1, "gender": "T", "status": "", "value": None, "is_deleted": 1},
                        {"count": 1, "gender": "K", "status": "B", "value": 31.5},
                    ],
                }
            ],
            "count": 1,
            "next_url": None,
            "previous_url": None,
        }
    )
    fake.add_fault(Fault.answer(answer), path_contains="/data/")

    values = list(client.data(["N00945"], ["0180"], [2020], date(2026, 1, 1)))

    assert values == [
        KoladaValue("N00945", "0180", 2020, "T", None, None, 1, True),
        KoladaValue("N00945", "0180", 2020, "K", 31.5, "B", 1, False),
    ]


def test_an_unknown_gender_is_refused(client: KoladaClient, fake: FakeKolada) -> None:
    answer = Reply.json(
        {
            "values": [
                {
                    "kpi": "N00945",
                    "municipality": "0180",
                    "period": 2020,
                    "values": [{"count": 1, "gender": "F", "status": "", "value": 1}],
                }
            ],
            "count": 1,
        }
    )
    fake.add_fault(Fault.answer(answer), path_contains="/data/")

    with pytest.raises(SourceError, match="unknown gender 'F'"):
        list(client.data(["N00945"], ["0180"], [2020]))


def test_data_pages_are_followed(fake: FakeKolada) -> None:
    kolada = make_client(fake.url, per_page=7)

    values = list(kolada.data(["N00945"], MUNICIPALITIES[:20], [2020]))

    assert len(values) == 20 * 3
    assert len(data_paths(fake)) == 3  # 20 records at 7 per page


def test_data_needs_two_parts(client: KoladaClient) -> None:
    with pytest.raises(ValueError, match="municipality_ids or years"):
        client.data(["N00945"])


def test_more_than_25_ids_in_a_segment_is_refused_by_the_server(
    client: KoladaClient, fake: FakeKolada
) -> None:
    url = f"{fake.url}/data/kpi/N00945/municipality/{','.join(MUNICIPALITIES[:26])}"

    with pytest.raises(SourceError) as caught:
        client.http.get_json(url)

    assert caught.value.status == 400
    assert caught.value.kind is FailureKind.HTTP
    assert "Too many ids in the municipality segment: 26" in caught.value.reason
    assert len(fake.requests) == 1  # a 400 is not retried


# -- politeness and failures -----------------------------------------------------------------


def test_rate_limited_answer_is_retried(client: KoladaClient, fake: FakeKolada) -> None:
    fake.add_fault(
        Fault.rate_limited(retry_after="1", body="Too many requests"), path_contains="/kpi"
    )

    started = time.monotonic()
    kpis = client.kpis()

    assert time.monotonic() - started >= 0.95
    assert len(kpis) == 2
    assert len(fake.requests) == 2


def test_server_error_on_a_later_page_is_retried(fake: FakeKolada) -> None:
    kolada = make_client(fake.url, per_page=25)
    fake.add_fault(Fault.server_error(502), path_contains="/municipality", times=2)

    assert len(kolada.municipalities()) == 62


def test_truncated_page_is_a_source_error(client: KoladaClient, fake: FakeKolada) -> None:
    fake.add_fault(Fault.truncated(0.7), path_contains="/data/")

    with pytest.raises(SourceError, match="truncated JSON") as caught:
        list(client.data(["N00945"], MUNICIPALITIES[:3], [2020]))
    assert caught.value.kind is FailureKind.DATA


def test_counters_count_every_page(fake: FakeKolada) -> None:
    kolada = make_client(fake.url, per_page=10)
    before = kolada.http.snapshot()

    kolada.municipalities()
    after = kolada.http.snapshot()

    assert (after - before).requests == 7
    assert after.bytes_received == fake.bytes_sent > 0
    kolada.http.reset()
    assert kolada.http.snapshot().requests == 0
