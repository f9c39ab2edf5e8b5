"""Every page, in both languages, speaks to readers: no text meant for maintainers.

Each address the dashboard answers is asked of the app on a seeded database, in Swedish and in
English, and every text a reader can see or hear (children, titles, labels, alternative
texts, figure texts) is checked for what belongs in ``maintainer_notes`` or the docs:
repository paths, environment variables, requests to check something, working titles,
reconstructed wordings, commands, catalogue settings and the catalogue's raw sub-goal ids.

Two worlds are asked: the small Sweden of ``testkit/world.py`` loaded through the ETL with a
catalogue shaped like the strategy's (so every tab has data), and the shipped catalogue
synced into an empty database (so every real focus area, context group, old address and
indicator's About tab is read once).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dash
import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.core.catalogue import Catalogue, load_catalogue, maintainer_phrase
from levande.indicators.core.local_data import LocalKind, parse_dataset
from levande.indicators.core.settings import Settings
from levande.indicators.store import local_data as local_store
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.sync import sync_catalogue
from testkit.dash_routes import route_body
from testkit.sample_catalogue import write_strategy_sample
from testkit.seeded import seeded_client

pytestmark = pytest.mark.integration

SHIPPED_CONFIG = Path(__file__).resolve().parents[3] / "config"
LANGS = ("sv", "en")

#: Props whose strings a reader sees or hears; everything else (ids, hrefs, classes) is not text.
TEXT_PROPS = frozenset(
    {"children", "title", "alt", "aria-label", "label", "placeholder", "text", "hovertemplate"}
)

#: What maintainer_phrase() leaves to the pages: commands and the product's placeholders.
EXTRA = (
    (re.compile(r"\blevande (?:up|db|config|etl|catalogue|serve)\b"), "gives a command"),
    (re.compile(r"\bFokusområde (?:FA\d\d|[a-z-]+)\b|\bFocus area (?:FA\d\d|[a-z-]+)\b"),
     "labels an area by its id"),
    (re.compile(r"\bpillar\b|\bpelare\b", re.IGNORECASE), "names a pillar"),
)  # fmt: skip


def maintainer_text(text: str, catalogue: Catalogue) -> str | None:
    """Why ``text`` would speak to maintainers on a public page, or None."""
    why = maintainer_phrase(text)
    if why:
        return why
    for pattern, reason in EXTRA:
        found = pattern.search(text)
        if found:
            return f"{reason} ({found.group(0)!r})"
    for subgoal in catalogue.subgoals:
        if re.search(rf"(?<![\w/-]){re.escape(subgoal.id)}(?![\w-])", text):
            return f"labels a sub-goal by its id ({subgoal.id!r})"
    return None


#: Components whose text is the source's own request, shown verbatim to reproduce a number.
VERBATIM = frozenset({"Code", "Pre"})


def visible_texts(node: Any, key: str | None = None) -> Iterator[str]:
    """Every string of a Dash answer that a reader sees or hears, except verbatim requests."""
    if isinstance(node, dict) and node.get("type") in VERBATIM:
        return
    if isinstance(node, str):
        if key in TEXT_PROPS:
            yield node
    elif isinstance(node, list):
        for item in node:
            yield from visible_texts(item, key)
    elif isinstance(node, dict):
        for child_key, value in node.items():
            # Inside a text prop, nested components and lists keep the text key.
            inherited = key if key in TEXT_PROPS and child_key in ("props", "children") else None
            yield from visible_texts(value, inherited or child_key)


def problems_on(client: FlaskClient, catalogue: Catalogue, address: str) -> list[str]:
    """The maintainer texts on one page (empty when the page speaks to readers only)."""
    path, _, query = address.partition("?")
    response = client.post("/_dash-update-component", json=route_body(path, f"?{query}"))
    assert response.status_code == 200, address
    body = response.get_json()
    found = []
    texts = list(visible_texts(body))
    for text in texts:
        why = maintainer_text(text, catalogue)
        if why:
            found.append(f"{address}: {why} in {text[:120]!r}")
    doubled = doubled_source_label(texts)
    if doubled:
        found.append(f"{address}: says a source label twice in {doubled[:120]!r}")
    if "Traceback" in response.get_data(as_text=True):
        found.append(f"{address}: shows a traceback")
    return found


LABEL = r"(?:Källa|Källor|Source|Sources)"
#: A source label said twice: in one text ("Källa: Källa: SCB", "Källa: SCB · Källa: Kolada").
DOUBLED = re.compile(rf"\b{LABEL}:?\s*{LABEL}:|\b{LABEL}:[^.]*·\s*{LABEL}:")


def doubled_source_label(texts: list[str]) -> str | None:
    """The first text that says a source label twice, in itself or after a lone label."""
    for before, text in zip(["", *texts], texts, strict=False):
        if DOUBLED.search(text):
            return text
        if re.fullmatch(rf"\s*{LABEL}:?\s*", before) and re.match(rf"\s*{LABEL}:", text):
            return f"{before} {text}"
    return None


def test_a_doubled_source_label_is_found() -> None:
    assert doubled_source_label(["Källa: Källa: Kolada. Senast hämtad"]) is not None
    assert doubled_source_label(["Källa: Kolada · Källa: SCB. Senast hämtad"]) is not None
    assert doubled_source_label(["Källa", "Källa: Kolada"]) == "Källa Källa: Kolada"
    assert doubled_source_label(["Källor: ", "Källa: SCB · Källa: Kolada"]) is not None
    assert doubled_source_label(["Källa: Kolada. Senast hämtad 2026-03-01.", "Källa"]) is None
    assert doubled_source_label(["Källor: ", "SCB · Kolada"]) is None


def with_lang(address: str, lang: str) -> str:
    if lang == "sv":
        return address
    return address + ("&" if "?" in address else "?") + "lang=en"


# --- the seeded world ---------------------------------------------------------------------

SEEDED_PAGES = [
    "/",
    "/omrade/FA01",
    "/omrade/FA06",
    "/omrade/forutsattningar",
    "/omrade/FA09",  # an old address: leads to the context group that replaced it
    "/omrade/finns-inte",
    "/indikator/trangboddhet",
    "/indikator/trangboddhet?tab=map&year=2019",
    "/indikator/trangboddhet?tab=table",
    "/indikator/trangboddhet?tab=about&kommun=0180",
    "/indikator/trangboddhet?tab=download",
    "/indikator/livskvalitet-kommunindex?tab=about",
    "/indikator/folkmangd?tab=about&kommun=0114",
    "/indikator/finns-inte",
    "/kommun/0180",
    "/kommun/0114?peers=county&print=1",
    "/kommun/0180/lokal",
    "/kommun/0180/omraden",
    "/kommun/0180/lokal?compare=0180R004",
    "/kommun/0114/lokal",
    "/lan/01",
    "/jamfor",
    "/jamfor?places=0114,0180&indikator=trangboddhet",
    "/sok",
    "/sok?q=upp",
    "/data",
    "/data/korning/1",
    "/data/korning/999999",
    "/data/operator",
    "/tillganglighet",
    "/metod",
    "/api",
    "/finns/inte",
]


def _publish_local_example(engine: Engine) -> None:
    """The documentation's example of Platskompassen results, published for Stockholm."""
    example = Path(__file__).parents[3] / "docs" / "examples" / "platskompassen.csv"
    local_store.publish(
        engine,
        local_store.Publisher(local_store.OPERATOR, None),
        local_store.DatasetFile(
            municipality="0180",
            slug="platskompassen-2026",
            kind=LocalKind.PLATSKOMPASSEN,
            title="Platskompassen Norra Djurgården",
            method="Enkät och dialog på plats, maj 2026.",
            rows=parse_dataset(
                example.read_text(encoding="utf-8"), LocalKind.PLATSKOMPASSEN, "0180"
            ),
        ),
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FlaskClient, Catalogue]]:
    with seeded_client(tmp_path_factory.mktemp("public-text"), write_strategy_sample) as seeded:
        _publish_local_example(context_of(seeded[0].application).engine)
        yield seeded


def test_every_page_of_the_app_is_asked() -> None:
    """The list above covers every page the app registers, so a new page is checked too."""
    create_app(Settings(database_url="sqlite://"), make_engine("sqlite://"))
    templates = {p.get("path_template") or p["path"] for p in dash.page_registry.values()}
    asked = {address.partition("?")[0] for address in SEEDED_PAGES}

    def covered(template: str) -> bool:
        pattern = re.sub(r"<[^>]+>", "[^/]+", template)
        return any(re.fullmatch(pattern, path) for path in asked)

    assert [t for t in sorted(templates) if t != "/404" and not covered(t)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_speaks_to_maintainers(seeded: tuple[FlaskClient, Catalogue], lang: str) -> None:
    client, catalogue = seeded
    problems = [p for a in SEEDED_PAGES for p in problems_on(client, catalogue, with_lang(a, lang))]
    assert problems == []


def test_the_pages_show_what_the_catalogue_says_for_readers(
    seeded: tuple[FlaskClient, Catalogue],
) -> None:
    """The checks above read real pages: the goal, the context group and the method are there."""
    client, _ = seeded
    seen = {
        address: " ".join(
            visible_texts(
                client.post("/_dash-update-component", json=route_body(*_split(address))).get_json()
            )
        )
        for address in ("/", "/omrade/FA09", "/metod", "/indikator/trangboddhet?tab=about")
    }
    assert "Regeringens pressmeddelande om strategin" in seen["/"]
    assert "Förutsättningar och sammanhang" in seen["/"]
    assert "Adressen har flyttat" in seen["/omrade/FA09"]
    assert "Måttliga framsteg" in seen["/metod"]
    assert "Källans egen titel" in seen["/indikator/trangboddhet?tab=about"]
    assert (
        "Trångboddhet i flerbostadshus, enligt norm 2" in seen["/indikator/trangboddhet?tab=about"]
    )


def _split(address: str) -> tuple[str, str]:
    path, _, query = address.partition("?")
    return path, f"?{query}" if query else ""


@pytest.mark.parametrize(
    "text",
    [
        "Metod för status: docs/method.md",
        "Kör `levande up` för att ladda den.",
        "Operatörsfunktionerna är avstängda (ingen LEVANDE_ADMIN_TOKEN är satt).",
        "Namnet är ett arbetsnamn tills det stämts av.",
        "The name is a working title.",
        "Formuleringen är rekonstruerad.",
        "A reconstructed wording.",
        "Kontrollera koden mot SCB.",
        "Se config/focus_areas.yaml.",
        "Fokusområde FA01",
        "Focus area trygghet",
        "Delmål FA01-D1: Livskvaliteten ökar.",
        "Pelare: levande",
    ],
)
def test_each_check_catches_what_it_is_for(text: str, tmp_path: Path) -> None:
    catalogue = load_catalogue(write_strategy_sample(tmp_path / "config"))
    assert maintainer_text(text, catalogue) is not None


def test_reader_texts_pass(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_strategy_sample(tmp_path / "config"))
    for text in (
        "Delmål 1: Livskvaliteten ökar.",
        "Fokusområde",
        "Ladda ner trangboddhet.csv",
        "Källa: Kolada",
        "Metod för status",
    ):
        assert maintainer_text(text, catalogue) is None, text


# --- the shipped catalogue ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FlaskClient, Catalogue]]:
    folder = tmp_path_factory.mktemp("public-text-shipped")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    catalogue = load_catalogue(SHIPPED_CONFIG)
    sync_catalogue(engine, catalogue)
    app = create_app(Settings(database_url=url, config_dir=SHIPPED_CONFIG, cache="off"), engine)
    client = app.server.test_client()
    client.get("/")
    try:
        yield client, catalogue
    finally:
        engine.dispose()


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_catalogue_speaks_to_readers_on_every_page(
    shipped: tuple[FlaskClient, Catalogue], lang: str
) -> None:
    client, catalogue = shipped
    addresses = ["/", "/metod"]
    addresses += [f"/omrade/{fa.id}" for fa in catalogue.focus_areas]
    addresses += [f"/omrade/{g.id}" for g in catalogue.context_groups]
    addresses += [f"/omrade/{old}" for old in catalogue.redirects]
    addresses += [f"/indikator/{ind.id}?tab=about" for ind in catalogue.indicators]
    problems = [p for a in addresses for p in problems_on(client, catalogue, with_lang(a, lang))]
    assert problems == []
