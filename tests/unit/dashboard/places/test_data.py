"""The place pages, their parts, downloads and routes on testkit/profile_world.py's database."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import dash
import pandas as pd
import pytest
from flask.testing import FlaskClient

from levande.dashboard.app import create_app
from levande.dashboard.context import AppContext
from levande.dashboard.places import layout
from levande.dashboard.places.data import peer_choice
from levande.dashboard.places.downloads import PROFILE_COLUMNS, compare_frame, profile_frame
from levande.dashboard.places.params import CompareState, ProfileState
from levande.dashboard.places.sections import change_text, missing_text, position_text
from levande.indicators.core.settings import Settings
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.dash_routes import route
from testkit.profile_world import GAVLE, loaded_profile_world
from testkit.sample_catalogue import write_sample_catalogue
from tests.unit.dashboard.tree import find, has_id, of_type, text

pytestmark = pytest.mark.integration

LIVS = "livskvalitet-kommunindex"


@pytest.fixture(scope="module")
def place_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    folder = tmp_path_factory.mktemp("place-pages")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with loaded_profile_world(engine, config, folder):
        pass
    try:
        yield AppContext(engine, Settings(database_url=url, config_dir=config))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def place_client(place_ctx: AppContext) -> FlaskClient:
    app: dash.Dash = create_app(place_ctx.settings, place_ctx.engine)
    client: FlaskClient = app.server.test_client()
    client.get("/")
    return client


def _place(ctx: AppContext, code: str) -> dims.RegionInfo:
    region = dims.region(ctx.reader, code)
    assert region is not None
    return region


# --- parts -------------------------------------------------------------------------------------


def test_position_text_is_polarity_aware_and_says_what_it_is(place_ctx: AppContext) -> None:
    livs = dims.indicator(place_ctx.reader, LIVS)
    folk = dims.indicator(place_ctx.reader, "folkmangd")
    assert livs is not None and folk is not None
    assert position_text(p.Position(3, 5, 3), livs, "sv") == "Kvartil 3 · rang 3 av 5"
    assert position_text(p.Position(1, 1, None), livs, "en") == "Rank 1 of 1"
    assert position_text(p.Position(2, 5, None), folk, "sv").endswith("(ingen bedömning)")
    assert position_text(p.NO_POSITION, livs, "sv") == "–"


def test_change_and_missing_texts(place_ctx: AppContext) -> None:
    gavle = _place(place_ctx, GAVLE)
    peers = p.peer_set(place_ctx.reader, gavle, "skr", gavle.skr_group_id)
    prof = p.profile(place_ctx.reader, gavle, peers)
    livs = prof.row(LIVS)
    halsa = prof.row("sjalvskattad-halsa")
    trang = prof.row("trangboddhet")
    assert livs is not None and halsa is not None and trang is not None
    assert change_text(livs, "sv") == "+0,5 sedan 2019"
    assert change_text(halsa, "sv") == "–"
    assert missing_text(halsa, gavle, "sv").endswith("(källans tecken Saknas)")
    assert "genomfördes" in missing_text(trang, gavle, "sv")


def test_peer_choice_names_and_explains_each_group(place_ctx: AppContext) -> None:
    ctx = place_ctx
    gavle = _place(ctx, GAVLE)
    default = peer_choice(ctx, gavle, ProfileState("kommun", GAVLE))
    assert (default.value, default.label) == ("G92790", "B3 Större stad")
    assert "2 kommuner" in default.description
    county = peer_choice(ctx, gavle, ProfileState("kommun", GAVLE, peer="lan"))
    assert county.label == "Kommunerna i Gävleborgs län"
    assert county.peers.members == (GAVLE, "2181")
    custom = peer_choice(ctx, gavle, ProfileState("kommun", GAVLE, "en", "custom", ("0180",)))
    assert custom.label == "Custom group" and custom.peers.members == ("0180", GAVLE)
    other = peer_choice(ctx, gavle, ProfileState("kommun", GAVLE, peer="G92787"))
    assert "Gävle hör inte till gruppen" in other.description
    vasby = peer_choice(ctx, _place(ctx, "0114"), ProfileState("kommun", "0114"))
    assert vasby.value == "lan"  # no SKR group: the county is the default
    lan = peer_choice(ctx, _place(ctx, "21"), ProfileState("lan", "21"))
    assert lan.label == "Alla län" and len(lan.peers.members) == 3


# --- pages -------------------------------------------------------------------------------------


def test_municipality_profile_page(place_ctx: AppContext) -> None:
    page = layout.kommun_layout_for(place_ctx, code=GAVLE)
    assert not has_id(page, "friendly-error")
    assert find(page, "place-name").children == "Gävle"
    words = text(page)
    assert "Positionen är relativ." in words
    for fa in dims.focus_areas(place_ctx.reader):
        assert has_id(page, f"fa-{fa.id}") and has_id(page, f"strip-{fa.id}")
    row = text(find(page, "table-FA01-D1"))
    assert "66,0 index (2020)" in row and "Kvartil 3 · rang 3 av 5" in row
    assert "ovägt medel av kommunerna" in row  # riket and county are municipal means
    assert "66,9" in row and "66,3" in row  # 66.9 and 66.25, display rounding only
    assert "2 av 3 som saknas" not in words
    assert "Visa de 3 som saknas och varför" in words
    changes = text(find(page, "changes-table"))
    assert "rang" in changes and "rang 2" in changes and "rang 3" in changes
    coverage = text(find(page, "coverage-table"))
    assert "Delmål 1" in coverage and "FA06-D1" not in coverage  # never a raw id as a label
    images = of_type(find(page, "table-FA01-D1"), "Img")
    assert images and images[0].alt.startswith("Gävle 2018–2020: från 65,0 index till 66,0 index")
    assert find(page, "page-meta").data["title"].startswith("Profil: Gävle")


def test_print_view_has_no_controls_and_opens_the_details(place_ctx: AppContext) -> None:
    page = layout.kommun_layout_for(place_ctx, code=GAVLE, print="1")
    assert not has_id(page, "state-form") and not has_id(page, "place-search")
    assert has_id(page, "print-header") and has_id(page, "print-back")
    assert all(d.open for d in of_type(page, "Details"))
    normal = layout.kommun_layout_for(place_ctx, code=GAVLE)
    assert has_id(normal, "state-form") and has_id(normal, "print-view")


def test_profile_in_english_with_a_custom_group(place_ctx: AppContext) -> None:
    page = layout.kommun_layout_for(
        place_ctx, code=GAVLE, peer="custom", peers="0180,0114,9999", lang="en"
    )
    words = text(page)
    assert "The position is relative." in words and "Custom group" in words
    assert has_id(page, "url-notice") and "9999" in text(find(page, "url-notice"))
    assert text(find(page, "peer-members")) == "Gävle, Stockholm, Upplands Väsby"
    assert has_id(page, "remove-peer-0180") and has_id(page, "compare-group")
    assert find(page, "permalink").href == ("/kommun/2180?lang=en&peer=custom&peers=0180%2C0114")


def test_county_profile_page(place_ctx: AppContext) -> None:
    page = layout.lan_layout_for(place_ctx, code="21")
    assert find(page, "place-name").children == "Gävleborgs län"
    assert not has_id(page, "state-form")  # a county is compared with all counties
    assert "Gävle" in text(find(page, "county-municipalities"))
    assert "Kvartil 3 · rang 2 av 3" in text(find(page, "table-FA01-D1"))


@pytest.mark.parametrize(
    ("render", "code", "message"),
    [
        ("kommun", "9999", "Det finns ingen kommun med koden 9999."),
        ("lan", "99", "Det finns inget län med koden 99."),
        ("lan", GAVLE, "Menade du Gävle (kommun)?"),
        ("kommun", "<script>", "Det finns ingen kommun med koden <script>."),
        ("kommun", "", "Det finns ingen kommun med koden ."),
    ],
)
def test_unknown_places_are_friendly(
    place_ctx: AppContext, render: str, code: str, message: str
) -> None:
    fn = layout.kommun_layout_for if render == "kommun" else layout.lan_layout_for
    page = fn(place_ctx, code=code)
    assert has_id(page, "friendly-error") and message in text(page)


def test_search_page(place_ctx: AppContext) -> None:
    page = layout.search_layout_for(place_ctx, q="gavle")
    assert [n.id for n in of_type(find(page, "search-results"), "Li")] == [
        f"result-{GAVLE}",
        "result-21",
    ]
    assert has_id(layout.search_layout_for(place_ctx, q="zzz"), "search-none")
    directory = find(layout.search_layout_for(place_ctx), "directory")
    assert "Sandviken" in text(directory)
    assert find(page, "place-q").value == "gavle"


def test_compare_page(place_ctx: AppContext) -> None:
    page = layout.compare_layout_for(place_ctx, places=f"0180,{GAVLE}", ind=f"trangboddhet,{LIVS}")
    assert has_id(page, "chart-trangboddhet") and has_id(page, f"chart-{LIVS}")
    figure = find(page, f"chart-{LIVS}").figure
    assert [t.name for t in figure.data] == ["Stockholm", "Gävle"]
    table = text(find(page, f"table-{LIVS}"))
    assert "75,0" in table and "66,0" in table
    trang = text(find(page, "table-trangboddhet"))
    assert "saknas" in trang  # Gävle has no overcrowding values
    assert has_id(page, "download-compare-csv")
    riket = layout.compare_layout_for(place_ctx, places="00,01", ind=LIVS)
    assert "*" in text(find(riket, f"table-{LIVS}"))  # municipal means are marked
    empty = layout.compare_layout_for(place_ctx)
    assert has_id(empty, "compare-empty") and not has_id(empty, "download-compare-csv")


def test_compare_adds_the_peer_groups_median_in_one_click(place_ctx: AppContext) -> None:
    page = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS)
    add = find(page, "compare-add-peer")
    assert "B3 Större stad" in text(add)  # Gävle's SKR group
    assert add.href == f"/jamfor?places={GAVLE}&ind={LIVS}&peer=G92790"
    assert find(page, "compare-add-riket").href == f"/jamfor?places=00%2C{GAVLE}&ind={LIVS}"
    chosen = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, peer="G92790")
    figure = find(chosen, f"chart-{LIVS}").figure
    assert [t.name for t in figure.data] == ["Gävle", "Median, B3 Större stad"]
    members = p.compare_series(place_ctx.reader, (LIVS,), ("0380", GAVLE))
    expected = members.groupby("period")["value"].median()
    assert list(figure.data[1].y) == [float(v) for v in expected]  # the members' stored values
    table = find(chosen, f"table-{LIVS}")
    header = [text(c) for c in of_type(table, "Th")[:3]]
    assert header == ["År", "Gävle", "Median, B3 Större stad"]
    assert not has_id(chosen, "compare-add-peer")
    assert find(chosen, "compare-remove-peer").href == f"/jamfor?places={GAVLE}&ind={LIVS}"
    typed = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, add_place="sandviken")
    assert [c.id for c in of_type(find(typed, "chosen-places"), "A")] == [
        f"remove-places-{GAVLE}", "remove-places-2181",
    ]  # the typed name, without JavaScript, is the place  # fmt: skip
    upper = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, add_place="SANDVIKEN ")
    assert has_id(upper, "remove-places-2181")
    nowhere = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, add_place="Atlantis")
    assert "Atlantis" in text(find(nowhere, "url-notice"))
    unknown = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, peer="G0")
    assert "Jämförelsegruppen G0 finns inte." in text(unknown)


# --- downloads and routes ------------------------------------------------------------------------


def test_profile_frame_is_unrounded_and_self_describing(place_ctx: AppContext) -> None:
    gavle = _place(place_ctx, GAVLE)
    prof = p.profile(place_ctx.reader, gavle, p.peer_set(place_ctx.reader, gavle, "county", None))
    frame = profile_frame(prof, "Kommunerna i Gävleborgs län", "sv")
    assert list(frame.columns) == PROFILE_COLUMNS
    livs = frame.set_index("indicator_id").loc[LIVS]
    assert livs["county_value"] == 66.25 and livs["riket_value"] == pytest.approx(66.9)
    assert livs["riket_aggregation"] == MUNICIPAL_MEAN
    assert (livs["peer_rank"], livs["peer_rank_of"], livs["peer_quartile"]) == (2, 2, 4)
    halsa = frame.set_index("indicator_id").loc["sjalvskattad-halsa"]
    assert pd.isna(halsa["value"]) and halsa["status_symbol"] == "Saknas"
    assert halsa["missing_reason"] == "suppressed"


def test_compare_file_holds_the_peer_groups_median_as_drawn(place_ctx: AppContext) -> None:
    state = CompareState((GAVLE,), (LIVS,), "sv", peer="G92790")
    frame, decimals = compare_frame(place_ctx, state)
    median = frame[frame["region_code"] == "G92790"]
    members = p.compare_series(place_ctx.reader, (LIVS,), ("0380", GAVLE))
    expected = members.groupby("period")["value"].median()
    assert list(median["period"]) == list(expected.index)
    assert list(median["value"]) == [float(v) for v in expected]  # unrounded, as stored
    assert set(median["region_name"]) == {"Median, B3 Större stad"}
    assert set(median["region_level"]) == {"group"} and set(median["aggregation"]) == {
        "peer_median"
    }
    assert len(decimals) == len(frame)
    csv_text = place_client_csv(place_ctx, f"places={GAVLE}&ind={LIVS}&peer=G92790")
    assert "Median, B3 Större stad" in csv_text


def place_client_csv(ctx: AppContext, query: str) -> str:
    client = create_app(ctx.settings, ctx.engine).server.test_client()
    response = client.get(f"/ladda-ner/jamfor.csv?{query}")
    assert response.status_code == 200
    return str(response.get_data(as_text=True))


def test_compare_frame(place_ctx: AppContext) -> None:
    frame, decimals = compare_frame(place_ctx, CompareState(("00", "0180"), (LIVS,), "en"))
    assert set(decimals) == {1}
    assert set(frame["region_name"]) == {"Sweden", "Stockholm"}
    riket = frame[frame.region_code == "00"]
    assert set(riket["aggregation"]) == {MUNICIPAL_MEAN}
    assert set(frame["unit"]) == {"index"} and set(frame["source"]) == {"Kolada"}


@pytest.mark.parametrize(
    ("pathname", "search"),
    [
        (f"/kommun/{GAVLE}", ""),
        (f"/kommun/{GAVLE}", "?peer=custom&peers=0180,0114,0380&lang=en"),
        (f"/kommun/{GAVLE}", "?peer=%3Cscript%3E&peers=%00&print=%22"),
        ("/kommun/9999", ""),
        ("/kommun/", ""),
        ("/kommun/a/b", ""),
        ("/lan/21", "?print=1"),
        ("/lan/99", ""),
        ("/sok", "?q=%C3%A5%C3%A4%C3%B6&q=x"),
        ("/jamfor", "?places=0180,00,01&ind=trangboddhet&ind=folkmangd"),
        ("/jamfor", "?places=,,,&ind=%3Cb%3E"),
    ],
)
def test_routes_never_fail(place_client: FlaskClient, pathname: str, search: str) -> None:
    status, payload = route(place_client, pathname, search)
    assert status == 200
    assert "Traceback" not in json.dumps(payload)


def test_download_routes(place_client: FlaskClient) -> None:
    response = place_client.get(f"/ladda-ner/profil/{GAVLE}.csv?peer=lan&lang=en")
    assert response.status_code == 200
    assert "profil_2180_lan.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0]["indicator_id"] == LIVS
    assert (
        rows[0]["value"] == "66.0"
        and rows[0]["peer_group"] == "The municipalities of Gävleborgs län"
    )
    swedish = place_client.get(f"/ladda-ner/profil/{GAVLE}.csv?peer=lan").data
    assert swedish.startswith(b"\xef\xbb\xbf")  # the byte-order mark Swedish Excel reads
    rows = list(csv.DictReader(io.StringIO(swedish.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["indikator_id"] == LIVS and rows[0]["värde"] == "66,0"
    xlsx = place_client.get(f"/ladda-ner/profil/{GAVLE}.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert place_client.get("/ladda-ner/profil/9999.csv").status_code == 404
    assert place_client.get(f"/ladda-ner/profil/{GAVLE}.pdf").status_code == 404
    compared = place_client.get(f"/ladda-ner/jamfor.csv?places=0180,{GAVLE}&ind={LIVS}&lang=en")
    assert compared.status_code == 200
    rows = list(csv.DictReader(io.StringIO(compared.get_data(as_text=True))))
    assert {r["region_code"] for r in rows} == {"0180", GAVLE}
    assert place_client.get("/ladda-ner/jamfor.txt").status_code == 404
    # The indicator downloads are untouched by the comparison's route.
    assert place_client.get(f"/ladda-ner/{LIVS}.csv").status_code == 200


def test_places_json(place_client: FlaskClient) -> None:
    response = place_client.get("/platser.json?v=1")
    assert response.status_code == 200 and response.cache_control.max_age == 31_536_000
    items = json.loads(response.get_data(as_text=True))
    gavle = next(i for i in items if i["code"] == GAVLE)
    assert gavle == {"code": GAVLE, "name": "Gävle", "level": "kommun", "county": "Gävleborgs län"}
    assert all(i["level"] in ("kommun", "lan") for i in items)


def test_indicators_json(place_client: FlaskClient, place_ctx: AppContext) -> None:
    response = place_client.get("/indikatorer.json?v=1")
    assert response.status_code == 200 and response.cache_control.max_age == 31_536_000
    assert response.mimetype == "application/json"
    items = json.loads(response.get_data(as_text=True))
    livs = next(i for i in items if i["code"] == LIVS)
    assert livs == {
        "code": LIVS,
        "name": "Livskvalitet – kommunindex",
        "name_en": "Quality of life – municipal index",
        "area": "Livskvalitet som draglok för Sveriges städer",
        "area_en": "Quality of life as the driving force of Sweden's cities",
    }
    assert [i["code"] for i in items] == [i.id for i in dims.indicators(place_ctx.reader)]
    unversioned = place_client.get("/indikatorer.json")
    assert unversioned.cache_control.max_age == 300
    assert unversioned.get_data(as_text=True) == response.get_data(as_text=True)


@pytest.mark.parametrize(
    "typed",
    [
        "Livskvalitet – kommunindex",  # the Swedish title, as the picker shows it
        "livskvalitet – KOMMUNINDEX ",  # case and spaces do not matter
        "Quality of life – municipal index",  # the English title
        LIVS,  # the id
    ],
)
def test_a_typed_indicator_title_is_the_indicator(place_ctx: AppContext, typed: str) -> None:
    page = layout.compare_layout_for(place_ctx, places=GAVLE, add_ind=typed)
    assert [c.id for c in of_type(find(page, "chosen-ind"), "A")] == [f"remove-ind-{LIVS}"]
    assert has_id(page, f"chart-{LIVS}") and not has_id(page, "url-notice")


def test_a_typed_title_of_no_indicator_is_said_once(place_ctx: AppContext) -> None:
    page = layout.compare_layout_for(place_ctx, places=GAVLE, ind=LIVS, add_ind="Fiskar i sjön")
    notice = text(find(page, "url-notice"))
    assert "Det finns ingen indikator med id eller namn Fiskar i sjön." in notice
    assert [c.id for c in of_type(find(page, "chosen-ind"), "A")] == [f"remove-ind-{LIVS}"]


def test_shared_navigation_leads_to_the_place_pages(place_ctx: AppContext) -> None:
    page = layout.search_layout_for(place_ctx)
    hrefs = [n.href for n in of_type(page, "Link")]
    assert "/sok" in hrefs and "/jamfor" in hrefs


def test_indicator_ranking_links_to_profiles(place_ctx: AppContext) -> None:
    from levande.dashboard.indicator import layout as indicator

    page = indicator.layout_for(place_ctx, indicator_id=LIVS, tab="table")
    links = [n.href for n in of_type(find(page, "ranking-table"), "Link")]
    assert f"/kommun/{GAVLE}" in links


@pytest.mark.parametrize("schema", [True, False])
def test_place_pages_on_an_empty_or_missing_database(
    tmp_path: Path, place_ctx: AppContext, schema: bool
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = make_engine(url)
    if schema:
        upgrade_schema(engine)
    ctx = AppContext(engine, Settings(database_url=url))
    try:
        pages = [
            layout.kommun_layout_for(ctx, code=GAVLE),
            layout.lan_layout_for(ctx, code="21", print="1"),
            layout.search_layout_for(ctx, q="gavle"),
            layout.compare_layout_for(ctx, places="0180", ind=LIVS),
        ]
        for page in pages:
            words = text(page)
            assert "Traceback" not in words
            if not schema:
                assert "Uppgifterna går inte att läsa just nu" in words
        if schema:
            assert "Det finns ingen kommun med koden 2180." in text(pages[0])
            assert has_id(pages[2], "search-none") and has_id(pages[2], "directory")
            assert has_id(pages[3], "url-notice")
    finally:
        engine.dispose()
