"""The SCB client over real HTTP against the fake PxWebApi 2.0 server on loopback."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import formatdate

import pytest

from levande.etl.sources.http import HttpClient, RateLimiter, SourceError
from levande.etl.sources.scb import ScbClient, ScbDataset, ScbLimits, parse_jsonstat2
from testkit.fakes.scb import FakeCodelist, FakeScb, FakeTable, FakeVariable
from testkit.fakes.server import Fault, Reply

pytestmark = pytest.mark.integration

REGIONS = ["00", "01", "0114", "0180", "03", "0380"]
YEARS = [str(y) for y in range(2015, 2025)]
CONTENTS = ["BE0101N1", "BE0101N2"]
UPDATED = datetime(2026, 2, 21, 7, 0, tzinfo=UTC)


def population_table() -> FakeTable:
    """TAB638-like: region x sex x contents x year, with one suppressed cell."""
    table = FakeTable(
        id="TAB638",
        label="Folkmängden efter region, kön och år",
        variables=[
            FakeVariable(
                "Region",
                "region",
                REGIONS,
                {"00": "Riket", "0180": "Stockholm", "0380": "Uppsala"},
                elimination=True,
                codelists={"vs_RegionKommun07": FakeCodelist("Kommuner", ["0114", "0180", "0380"])},
            ),
            FakeVariable("Kon", "kön", ["1", "2"], {"1": "män", "2": "kvinnor"}, elimination=True),
            FakeVariable(
                "ContentsCode",
                "tabellinnehåll",
                CONTENTS,
                {"BE0101N1": "Folkmängd", "BE0101N2": "Folkökning"},
                contents=True,
                units={"BE0101N1": ("antal", 0), "BE0101N2": ("antal", 0)},
            ),
            FakeVariable("Tid", "år", YEARS, time=True),
        ],
        updated=UPDATED,
        paths=[
            [("BE", "Befolkning"), ("BE0101", "Befolkningsstatistik"), ("BE0101A", "Folkmängd")]
        ],
        legacy_id="BefolkningNy",
    )
    for r, region in enumerate(REGIONS):
        for s, sex in enumerate(["1", "2"]):
            for c, contents in enumerate(CONTENTS):
                for year in YEARS:
                    # Distinct, non-round values so that any misplaced cell shows.
                    value = (r + 1) * 100_000 + (s + 1) * 10_000 + int(year) + c * 0.25
                    table.cells[(region, sex, contents, year)] = value
    table.cells[("0114", "1", "BE0101N2", "2020")] = None
    table.status[("0114", "1", "BE0101N2", "2020")] = ".."
    return table


@pytest.fixture
def fake() -> Iterator[FakeScb]:
    with FakeScb(max_data_cells=150_000, max_calls=1000, time_window=10) as server:
        server.add_table(population_table())
        yield server


def make_client(
    url: str, *, timeout: float = 2.0, max_retries: int = 2, limiter: RateLimiter | None = None
) -> ScbClient:
    http = HttpClient(
        "scb",
        timeout=timeout,
        max_retries=max_retries,
        backoff_factor=0.01,
        backoff_max=0.05,
        retry_after_cap=2.0,
        limiter=limiter or RateLimiter(1000, 1.0),
    )
    return ScbClient(url, http)


@pytest.fixture
def client(fake: FakeScb) -> Iterator[ScbClient]:
    scb = make_client(fake.url)
    yield scb
    scb.http.close()


def data_requests(fake: FakeScb) -> list[dict[str, list[str]]]:
    """The selections posted to /data, as {variable: valueCodes}."""
    return [
        {item["variableCode"]: item["valueCodes"] for item in r.json()["selection"]}
        for r in fake.requests
        if r.path.endswith("/data")
    ]


def expected_cells(
    table: FakeTable, selection: dict[str, list[str]]
) -> dict[tuple[str, ...], object]:
    names = [v.code for v in table.variables]
    out: dict[tuple[str, ...], object] = {}
    for key, value in table.cells.items():
        codes = dict(zip(names, key, strict=True))
        if all(codes[n] in selection[n] for n in selection):
            out[tuple(codes[n] for n in names if n in selection)] = value
    return out


def as_dict(ds: ScbDataset) -> dict[tuple[str, ...], object]:
    return {tuple(r.codes.values()): r.value for r in ds.rows()}


# -- config, limiter, tables, metadata -------------------------------------------------------


def test_config_sets_limits_and_the_rate_limiter() -> None:
    with FakeScb(max_data_cells=5000, max_calls=3, time_window=1) as server:
        server.add_table(population_table())
        limiter = RateLimiter(100, 10.0)
        scb = make_client(server.url, limiter=limiter)

        limits = scb.config()
        assert scb.config() is limits  # cached: one /config call
        started = time.monotonic()
        for _ in range(4):
            scb.table("TAB638")
        elapsed = time.monotonic() - started

    assert limits == ScbLimits(max_data_cells=5000, max_calls=3, time_window=1)
    assert (limiter.max_calls, limiter.window_seconds) == (3, 1.0)
    assert [r.path for r in server.requests].count("/config") == 1
    # /config plus four table calls at 3 calls per second: the fourth call waits ~1 s.
    assert elapsed >= 0.9


def test_limiter_reconfiguration_releases_waiting_threads() -> None:
    limiter = RateLimiter(1, 60.0)
    limiter.acquire()
    done: list[float] = []
    worker = threading.Thread(target=lambda: done.append(limiter.acquire()))
    worker.start()
    time.sleep(0.2)
    assert not done  # blocked: one call per minute

    limiter.reconfigure(5, 1.0)
    worker.join(timeout=2)

    assert len(done) == 1 and done[0] < 2


def test_table_reports_updated_as_utc_and_sees_revisions(client: ScbClient, fake: FakeScb) -> None:
    before = client.table("TAB638")
    fake.set_cell("TAB638", ("0180", "1", "BE0101N1", "2024"), 1.5)
    after = client.table("TAB638")

    assert before.id == "TAB638"
    assert before.updated == UPDATED
    assert before.discontinued is False
    assert before.variable_names == ("region", "kön", "tabellinnehåll", "år")
    assert before.paths == (("BE", "BE0101", "BE0101A"),)
    assert after.updated is not None and after.updated > UPDATED
    assert after.updated.tzinfo is not None


def test_metadata_describes_variables(client: ScbClient) -> None:
    meta = client.metadata("TAB638")

    assert meta.table_id == "TAB638"
    assert meta.updated == UPDATED
    assert [v.code for v in meta.variables] == ["Region", "Kon", "ContentsCode", "Tid"]
    region = meta.variable("Region")
    assert region.values == tuple(REGIONS)
    assert region.value_labels["0180"] == "Stockholm"
    assert region.elimination is True
    assert region.codelists == ("vs_RegionKommun07",)
    assert meta.variable("Tid").is_time
    assert not meta.variable("Region").is_time
    assert meta.contents_variable is not None and meta.contents_variable.code == "ContentsCode"
    assert meta.contents_variable.units["BE0101N1"].base == "antal"


def test_metadata_with_a_codelist_has_its_codes(client: ScbClient, fake: FakeScb) -> None:
    meta = client.metadata("TAB638", {"Region": "vs_RegionKommun07"})

    assert meta.variable("Region").values == ("0114", "0180", "0380")
    assert fake.requests[-1].param("codelist[Region]") == "vs_RegionKommun07"


# -- v1 path resolution ----------------------------------------------------------------------


def test_v1_path_resolves_to_the_table_id_and_is_cached(client: ScbClient, fake: FakeScb) -> None:
    first = client.resolve_table_id("BE/BE0101/BE0101A/BefolkningNy")
    again = client.resolve_table_id("/START/BE/BE0101/BE0101A/BefolkningNy/")

    assert first == again == "TAB638"
    searches = [r for r in fake.requests if r.path == "/tables"]
    assert len(searches) == 1
    assert searches[0].param("query") == "BefolkningNy"

    # Another client (another run) keeps nothing of this one and asks the source afresh.
    assert make_client(fake.url).resolve_table_id("BE/BE0101/BE0101A/BefolkningNy") == "TAB638"
    assert len([r for r in fake.requests if r.path == "/tables"]) == 2


def test_v1_path_in_another_folder_is_not_found(client: ScbClient) -> None:
    with pytest.raises(SourceError, match="no v2 table for v1 path") as caught:
        client.resolve_table_id("HE/HE0110/HE0110F/BefolkningNy")

    assert "TAB638" in caught.value.reason  # it says where the name was found instead


def test_v1_path_matching_several_tables_is_ambiguous(client: ScbClient, fake: FakeScb) -> None:
    folder = [("BO", "Boende"), ("BO0104", "Bostadsbestånd"), ("BO0104D", "Lägenheter")]
    for table_id in ("TAB900", "TAB901"):
        fake.add_table(
            FakeTable(
                table_id,
                f"Bostadsbestånd {table_id}",
                [FakeVariable("Tid", "år", YEARS, time=True)],
                UPDATED,
                paths=[folder],
            )
        )

    with pytest.raises(SourceError, match="ambiguous") as caught:
        client.resolve_table_id("BO/BO0104/BO0104D/Bostadsbestånd")

    assert "TAB900" in caught.value.reason and "TAB901" in caught.value.reason


def test_unknown_v1_name_is_not_found(client: ScbClient) -> None:
    with pytest.raises(SourceError, match="found nothing"):
        client.resolve_table_id("BE/BE0101/BE0101A/FinnsInte")


# -- data and splitting ----------------------------------------------------------------------

FULL = {"Region": REGIONS, "Kon": ["1", "2"], "ContentsCode": CONTENTS, "Tid": YEARS}


def test_fetch_returns_exact_values_and_status(client: ScbClient, fake: FakeScb) -> None:
    ds = client.fetch("TAB638", FULL)

    assert len(data_requests(fake)) == 1
    assert as_dict(ds) == expected_cells(fake.table("TAB638"), FULL)
    cell = ds.cell(Region="0114", Kon="1", ContentsCode="BE0101N2", Tid="2020")
    assert cell is not None and (cell.value, cell.status) == (None, "..")
    assert ds.cell(Region="0180", Kon="2", ContentsCode="BE0101N2", Tid="2024").value == (  # type: ignore[union-attr]
        4 * 100_000 + 2 * 10_000 + 2024 + 0.25
    )


def test_fetch_splits_under_max_cells_and_merges(fake: FakeScb) -> None:
    fake.max_data_cells = 50  # 240 cells asked for
    scb = make_client(fake.url)

    ds = scb.fetch("TAB638", FULL)

    sent = data_requests(fake)
    assert len(sent) > 1
    for selection in sent:
        assert math.prod(len(v) for v in selection.values()) <= 50
        assert selection["ContentsCode"] == CONTENTS  # the contents variable is never split
    assert as_dict(ds) == expected_cells(fake.table("TAB638"), FULL)
    assert ds.dimension("Region").codes == tuple(REGIONS)
    assert ds.dimension("Tid").codes == tuple(YEARS)


def test_expressions_are_kept_or_expanded_never_cut(fake: FakeScb) -> None:
    fake.max_data_cells = 25
    scb = make_client(fake.url)

    # 6 regions x 2 contents x TOP(5) years = 60 cells: Region is split, TOP(5) is kept.
    ds = scb.fetch("TAB638", {"Region": ["*"], "ContentsCode": CONTENTS, "Tid": ["TOP(5)"]})

    sent = data_requests(fake)
    assert len(sent) == 3
    assert all(s["Tid"] == ["TOP(5)"] for s in sent)
    assert sorted(code for s in sent for code in s["Region"]) == sorted(REGIONS)
    assert ds.dimension("Tid").codes == tuple(YEARS[-5:])
    assert len(ds) == 60

    fake.clear_requests()
    # One region x 2 contents x all 10 years = 20 cells > 8: the wildcard year list is split
    # as explicit codes.
    fake.max_data_cells = 8
    make_client(fake.url).fetch(
        "TAB638", {"Region": ["00"], "ContentsCode": CONTENTS, "Tid": ["*"]}
    )
    sent = data_requests(fake)
    assert all("*" not in s["Tid"] for s in sent)
    assert [code for s in sent for code in s["Tid"]] == YEARS


def test_too_many_cells_answer_halves_and_retries() -> None:
    # The server announces 1000 cells but refuses anything above 40.
    with FakeScb(max_data_cells=40, announced_max_data_cells=1000) as server:
        server.add_table(population_table())
        scb = make_client(server.url)

        ds = scb.fetch("TAB638", FULL)
        sent = data_requests(server)

    assert as_dict(ds) == expected_cells(server.table("TAB638"), FULL)
    assert math.prod(len(v) for v in sent[0].values()) == 240
    refused = [s for s in sent if math.prod(len(v) for v in s.values()) > 40]
    accepted = [s for s in sent if math.prod(len(v) for v in s.values()) <= 40]
    assert refused and accepted
    assert sum(math.prod(len(v) for v in s.values()) for s in accepted) == 240


def test_forbidden_too_many_values_answer_is_also_split(client: ScbClient, fake: FakeScb) -> None:
    forbidden = Reply.json({"error": "Too many values selected"}, 403)
    fake.add_fault(Fault.answer(forbidden), path_contains="/data")

    ds = client.fetch("TAB638", FULL)

    assert len(data_requests(fake)) == 3  # refused, then two halves
    assert as_dict(ds) == expected_cells(fake.table("TAB638"), FULL)


def test_codelists_are_sent_with_the_selection(client: ScbClient, fake: FakeScb) -> None:
    ds = client.fetch(
        "TAB638",
        {"Region": ["*"], "ContentsCode": ["BE0101N1"], "Tid": ["2024"]},
        codelists={"Region": "vs_RegionKommun07"},
    )

    body = next(r for r in fake.requests if r.path.endswith("/data")).json()
    assert {"variableCode": "Region", "valueCodes": ["*"], "codelist": "vs_RegionKommun07"} in (
        body["selection"]
    )
    assert ds.dimension("Region").codes == ("0114", "0180", "0380")


def test_eliminated_variables_are_left_out(client: ScbClient) -> None:
    ds = client.fetch("TAB638", {"Region": ["00"], "ContentsCode": ["BE0101N1"], "Tid": ["2024"]})

    assert ds.dimension_ids == ("Region", "ContentsCode", "Tid")
    # Kon summed by the server: men + women.
    assert [r.value for r in ds.rows()] == [(110_000 + 2024) + (120_000 + 2024)]


def test_unknown_variable_is_refused_before_any_data_call(client: ScbClient, fake: FakeScb) -> None:
    with pytest.raises(SourceError, match="has no variable 'Alder'"):
        client.fetch("TAB638", {"Alder": ["0"], "Tid": ["2024"]})

    assert data_requests(fake) == []


def test_unknown_value_gives_the_servers_reason_without_retry(
    client: ScbClient, fake: FakeScb
) -> None:
    with pytest.raises(SourceError, match="Non-existent value") as caught:
        client.fetch("TAB638", {"Region": ["9999"], "ContentsCode": CONTENTS, "Tid": ["2024"]})

    assert caught.value.status == 400
    assert len(data_requests(fake)) == 1


def test_unknown_table_is_a_404_with_the_problem_title(client: ScbClient, fake: FakeScb) -> None:
    with pytest.raises(SourceError) as caught:
        client.table("TAB0")

    assert caught.value.status == 404
    assert "Non-existent table" in caught.value.reason
    assert caught.value.url.endswith("/tables/TAB0?lang=sv")
    assert len(fake.requests) == 1


# -- retries, timeouts and broken answers ----------------------------------------------------

SMALL = {"Region": ["00"], "ContentsCode": ["BE0101N1"], "Tid": ["2024"]}


def test_429_waits_for_retry_after_then_succeeds(client: ScbClient, fake: FakeScb) -> None:
    client.config()
    fake.add_fault(Fault.rate_limited(retry_after="1"), path_contains="/data")
    before = client.http.snapshot()

    started = time.monotonic()
    ds = client.fetch("TAB638", SMALL)
    elapsed = time.monotonic() - started

    assert elapsed >= 0.95
    assert len(data_requests(fake)) == 2
    assert len(ds) == 1
    assert (client.http.snapshot() - before).requests == 3  # metadata + 429 + retry


def test_retry_after_as_an_http_date_is_honoured(client: ScbClient, fake: FakeScb) -> None:
    client.config()
    client.metadata("TAB638")
    fake.add_fault(
        Fault.rate_limited(retry_after=formatdate(time.time() + 2, usegmt=True)),
        path_contains="/data",
    )

    started = time.monotonic()
    client.fetch("TAB638", SMALL)

    # The date has one-second resolution: the wait is 1-2 s, capped at retry_after_cap (2 s).
    assert 0.9 <= time.monotonic() - started <= 3.0


def test_retry_after_is_capped(fake: FakeScb) -> None:
    capped = HttpClient("scb", timeout=2, max_retries=1, retry_after_cap=0.1)
    scb = ScbClient(fake.url, capped)
    fake.add_fault(Fault.rate_limited(retry_after="3600"), path_contains="/config")

    started = time.monotonic()
    scb.config()

    assert time.monotonic() - started < 2


def test_server_errors_are_retried_until_success(client: ScbClient, fake: FakeScb) -> None:
    fake.add_fault(Fault.server_error(503), path_contains="/data", times=2)

    ds = client.fetch("TAB638", SMALL)

    assert len(data_requests(fake)) == 3
    assert len(ds) == 1


def test_exhausted_retries_raise_with_the_last_status(client: ScbClient, fake: FakeScb) -> None:
    fake.add_fault(Fault.server_error(500, "database down"), path_contains="/data", times=5)

    with pytest.raises(SourceError) as caught:
        client.fetch("TAB638", SMALL)

    assert caught.value.status == 500
    assert "after 3 attempts" in caught.value.reason
    assert "database down" in caught.value.reason
    assert len(data_requests(fake)) == 3  # max_retries=2


def test_429_without_end_raises_source_error(fake: FakeScb) -> None:
    scb = make_client(fake.url, max_retries=1)
    fake.add_fault(Fault.rate_limited(retry_after="0"), path_contains="/config", times=5)

    with pytest.raises(SourceError, match="HTTP 429 Too Many Requests after 2 attempts"):
        scb.config()


def test_slow_answer_times_out(fake: FakeScb) -> None:
    scb = make_client(fake.url, timeout=0.3, max_retries=1)
    fake.add_fault(Fault.slow(1.0), path_contains="/config", times=2)

    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out") as caught:
        scb.config()

    assert caught.value.status is None
    assert time.monotonic() - started < 2.5
    assert [r.path for r in fake.requests] == ["/config", "/config"]


def test_one_slow_answer_is_retried(fake: FakeScb) -> None:
    scb = make_client(fake.url, timeout=0.3, max_retries=1)
    fake.add_fault(Fault.slow(1.0), path_contains="/config")

    assert scb.config().max_data_cells == 150_000


def test_truncated_json_is_a_source_error(client: ScbClient, fake: FakeScb) -> None:
    client.metadata("TAB638")
    fake.add_fault(Fault.truncated(0.6), path_contains="/data")

    with pytest.raises(SourceError, match="truncated JSON"):
        client.fetch("TAB638", SMALL)


def test_connection_cut_mid_body_is_a_source_error(client: ScbClient, fake: FakeScb) -> None:
    fake.add_fault(Fault.cut_connection(0.5), path_contains="/tables/TAB638")

    with pytest.raises(SourceError, match=r"cut short|connection broke"):
        client.table("TAB638")


def test_malformed_json_is_a_source_error(client: ScbClient, fake: FakeScb) -> None:
    client.metadata("TAB638")
    fake.add_fault(Fault.malformed(), path_contains="/data")

    with pytest.raises(SourceError, match="malformed JSON"):
        client.fetch("TAB638", SMALL)


def test_bom_prefixed_answers_are_parsed(client: ScbClient, fake: FakeScb) -> None:
    fake.add_fault(Fault.bom(), path_contains="/config")
    fake.add_fault(Fault.bom(), path_contains="/data")

    ds = client.fetch("TAB638", SMALL)

    assert [r.value for r in ds.rows()] == [110_000 + 2024 + 120_000 + 2024]


def test_counters_follow_requests_and_bytes(client: ScbClient, fake: FakeScb) -> None:
    client.fetch("TAB638", FULL)
    counted = client.http.snapshot()

    assert counted.requests == len(fake.requests) == 3  # config, metadata, data
    assert counted.bytes_received == fake.bytes_sent > 0

    assert client.http.reset() == counted
    assert (client.http.requests, client.http.bytes_received) == (0, 0)


# -- the change feed and the fake's other doors ----------------------------------------------


def test_past_days_search_lists_only_recently_updated_tables() -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    with FakeScb(now=lambda: now) as server:
        server.add_table(population_table())  # updated 2026-02-21: 8 days before
        old = population_table()
        old.id, old.updated = "TAB100", datetime(2025, 1, 1, tzinfo=UTC)
        server.add_table(old)
        scb = make_client(server.url)

        recent = scb.search_tables(past_days=10)
        week = scb.search_tables(past_days=7)
        everything = scb.search_tables()

    assert [t.id for t in recent] == ["TAB638"]
    assert week == []
    assert sorted(t.id for t in everything) == ["TAB100", "TAB638"]
    assert server.requests[0].param("pastDays") == "10"


def test_search_follows_pages(fake: FakeScb) -> None:
    for n in range(5):
        table = population_table()
        table.id = f"TAB70{n}"
        fake.add_table(table)
    scb = make_client(fake.url)

    tables = scb.search_tables("BefolkningNy", page_size=2)

    assert len(tables) == 6
    assert [r.param("pageNumber") for r in fake.requests] == ["1", "2", "3"]


def test_get_data_answers_like_post(client: ScbClient, fake: FakeScb) -> None:
    url = f"{fake.url}/tables/TAB638/data"
    params = {
        "lang": "sv",
        "outputFormat": "json-stat2",
        "valuecodes[Region]": "00,0180",
        "valuecodes[ContentsCode]": "BE0101N1",
        "valuecodes[Tid]": "[RANGE(2020,2022)]",
        "valuecodes[Kon]": "*",
    }
    selection = {
        "Region": ["00", "0180"],
        "Kon": ["1", "2"],
        "ContentsCode": ["BE0101N1"],
        "Tid": ["2020", "2021", "2022"],
    }

    by_get = parse_jsonstat2(client.http.get_json(url, params))
    by_post = client.fetch("TAB638", selection)

    assert as_dict(by_get) == as_dict(by_post) == expected_cells(fake.table("TAB638"), selection)


def test_fake_refuses_unknown_variables_and_missing_mandatory_ones(
    client: ScbClient, fake: FakeScb
) -> None:
    url = f"{fake.url}/tables/TAB638/data"
    unknown = {"selection": [{"variableCode": "Alder", "valueCodes": ["0"]}]}
    missing = {"selection": [{"variableCode": "Region", "valueCodes": ["00"]}]}

    with pytest.raises(SourceError, match="Non-existent variable"):
        client.http.post_json(url, unknown)
    with pytest.raises(SourceError, match="Missing selection for mandantory variable"):
        client.http.post_json(url, missing)


def test_withdrawn_cell_reads_as_null_and_bumps_updated(client: ScbClient, fake: FakeScb) -> None:
    fake.delete_cell(
        "TAB638", {"Region": "00", "Kon": "1", "ContentsCode": "BE0101N1", "Tid": "2024"}
    )

    ds = client.fetch(
        "TAB638", {"Region": ["00"], "Kon": ["1"], "ContentsCode": ["BE0101N1"], "Tid": ["2024"]}
    )

    assert [(r.value, r.status) for r in ds.rows()] == [(None, None)]
    assert client.table("TAB638").updated > UPDATED  # type: ignore[operator]
