"""The about view drawn from hand-made data: definition, source, explanation, reproduction."""

from __future__ import annotations

from dataclasses import replace

from levande.dashboard.indicator.about import render_about
from levande.dashboard.indicator.data import AboutView
from levande.indicators.reads import about as provenance
from tests.unit.dashboard import samples
from tests.unit.dashboard.indicator.sample_data import indicator_data
from tests.unit.dashboard.tree import find, text


def test_definition_source_and_status_explained() -> None:
    view = AboutView("Stockholm", samples.explanation())
    words = text(render_about(indicator_data(view, tab="about"), view))
    assert find(render_about(indicator_data(view), view), "definition").children == (
        "Andel trångbodda."
    )
    assert "Lägre värde är bättre" in words and "10,0 procent år 2030" in words
    assert "Kolada N07907" in words and "2026-02-20" in words
    assert "Status för Stockholm, totalt" in words
    assert "2018: 15,3 procent" in words and "2020: 14,8 procent" in words
    assert "0,25, 0,75, 1,00" in words  # a target's thresholds are plain numbers


def test_growth_thresholds_are_percentages() -> None:
    view = AboutView("Riket", samples.explanation(kind="trend", thresholds=(0.01, None, 0.02)))
    words = text(render_about(indicator_data(view, tab="about"), view))
    assert "+1,0\u00a0%, +2,0\u00a0%" in words  # a no-break space before the sign


def test_a_manual_status_says_what_was_computed_and_why() -> None:
    manual = {
        "status": "deterioration",
        "comment_sv": "Statistiken bröts 2019.",
        "comment_en": "The series broke in 2019.",
    }
    info = samples.indicator(manual_status=manual)
    exp = samples.explanation(manual=True, computed_status="deterioration")
    view = AboutView("Riket", exp)
    words = text(render_about(indicator_data(view, info=info, tab="about"), view))
    assert "den beräknade statusen var Försämring" in words
    assert "Statistiken bröts 2019." in words


def test_without_explanation_or_requests() -> None:
    view = AboutView("Riket", None)
    data = indicator_data(view, tab="about", info=samples.indicator(target=None))
    words = text(render_about(data, view))
    assert "Inget målvärde" in words
    assert "Ingen status har beräknats för den här serien." in words


def test_kolada_requests_and_scb_posts_reproduce_the_numbers() -> None:
    view = AboutView("Riket", None)
    words = text(render_about(indicator_data(view, tab="about"), view))
    assert "https://api.kolada.se/v3/data/kpi/N07907/year/2018,2019,2020" in words
    body = '{"query": []}'
    scb = samples.about(
        source="scb",
        requests=(provenance.SourceRequest("POST", "https://scb.example/tab", body, "lan"),),
    )
    data = indicator_data(view, tab="about")
    words = text(render_about(replace(data, about=scb), view))
    assert "POST https://scb.example/tab" in words and body in words
    assert "Län" in words


def test_a_planned_publication_is_said_as_planned_and_not_as_an_update() -> None:
    from datetime import UTC, datetime

    from levande.dashboard.indicator.common import source_of

    view = AboutView("Riket", None)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    past = replace(indicator_data(view, tab="about"), now=now)
    assert "publicerad 2026-02-20" in text(render_about(past, view))
    assert "Uppdaterad hos källan 2026-02-20." in text(source_of(past))
    planned = replace(past, about=samples.about(publication_date="2026-04-15"))
    words = text(render_about(planned, view))
    assert "nästa publicering (planerad) 2026-04-15" in words
    assert "publicerad 2026-04-15" not in words
    assert "2026-04-15" not in text(source_of(planned))  # not an update yet
