"""The about view: definition, source and freshness, "explain this status", "reproduce this".

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData` and the
:class:`~levande.dashboard.indicator.data.AboutView` of the chosen place. Every number on the
page can be traced here: how its status was computed and the exact requests that fetch it
from the source again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dash import html

from levande.dashboard.components.facts import facts_list
from levande.dashboard.components.runs import plain_failure
from levande.dashboard.components.shell import method_link
from levande.dashboard.components.source import credit_name, publication_text
from levande.dashboard.components.status import status_badge, status_text
from levande.dashboard.components.values import (
    breakdown_label,
    direction_text,
    source_name,
    unit_of,
    value_text,
)
from levande.dashboard.i18n import format_datetime, format_number, format_percent, pick, t
from levande.dashboard.indicator.common import target_text
from levande.dashboard.indicator.data import AboutView, IndicatorData
from levande.indicators.reads import about as provenance


def explain(data: IndicatorData, view: AboutView) -> list[Any]:
    """How the chosen place's status came about: base, latest, target, growth, thresholds."""
    info, state, lang = data.info, data.state, data.lang
    out: list[Any] = [
        html.H3(t("explain_heading", lang), id="explain-heading"),
        html.P(
            t(
                "explain_for",
                lang,
                region=view.region,
                breakdown=breakdown_label(state.breakdown, lang).lower(),
            )
        ),
    ]
    exp = view.explanation
    if exp is None:
        out.append(html.P(t("explain_none", lang)))
        return out

    def val(v: float | None) -> str:
        return value_text(info, v, lang) if v is not None else ""

    thresholds = ""
    if any(x is not None for x in exp.thresholds):
        if exp.kind == "target":
            thresholds = ", ".join(
                format_number(x, 2, lang) for x in exp.thresholds if x is not None
            )
        else:
            thresholds = ", ".join(
                format_percent(x, lang, 1) for x in exp.thresholds if x is not None
            )
    items: list[tuple[str, Any]] = [
        (t("status_label", lang), status_badge(exp.status, lang, manual=exp.manual)),
        (
            t("explain_base", lang),
            f"{exp.base_period}: {val(exp.base_value)}" if exp.base_period else "",
        ),
        (
            t("explain_latest", lang),
            f"{exp.latest_period}: {val(exp.latest_value)}" if exp.latest_period else "",
        ),
        (
            t("explain_target", lang),
            t("target_text", lang, value=val(exp.target_value), year=exp.target_year)
            if exp.target_value is not None
            else "",
        ),
        (
            t("explain_observed", lang),
            t("explain_per_year", lang, value=format_percent(exp.observed_cagr, lang))
            if exp.observed_cagr is not None
            else "",
        ),
        (
            t("explain_required", lang),
            t("explain_per_year", lang, value=format_percent(exp.required_cagr, lang))
            if exp.required_cagr is not None
            else "",
        ),
        (
            t("explain_score", lang),
            format_number(exp.score, 3, lang) if exp.score is not None else "",
        ),
        (t("explain_thresholds", lang), thresholds),
        (t("explain_points", lang), str(exp.n_points) if exp.n_points is not None else ""),
        (t("explain_reason", lang), t(f"reason_{exp.reason}", lang) if exp.reason else ""),
    ]
    out.append(facts_list(items))
    if exp.manual and exp.computed_status:
        out.append(
            html.P(t("explain_manual", lang, computed=status_text(exp.computed_status, lang)))
        )
        manual = info.manual_status
        comment = pick(manual.comment_sv, manual.comment_en, lang) if manual else None
        if comment:
            out.append(html.P(comment))
    out.append(html.P([t("explain_method", lang), " ", method_link(lang), "."], className="muted"))
    return out


def reproduce(about: provenance.AboutInfo | None, lang: str) -> list[Any]:
    """The requests that fetch the stored values from the source again."""
    out: list[Any] = [html.H3(t("reproduce_heading", lang), id="reproduce-heading")]
    if about is not None and about.computed_from:
        inputs = ", ".join(about.computed_from)
        out.append(html.P(t("reproduce_computed", lang, inputs=inputs), id="reproduce-computed"))
        return out
    if about is None or not about.requests:
        out.append(html.P(t("reproduce_none", lang)))
        return out
    if about.source == "kolada":
        plain = [r for r in about.requests if r.scope == "all"]
        means = [r for r in about.requests if r.scope != "all"]
        out.append(html.P(t("reproduce_kolada", lang)))
        out.append(
            html.Ul([html.Li(html.A(html.Code(r.url), href=r.url, className="url")) for r in plain])
        )
        if means:
            out.append(html.P(t("reproduce_kolada_mean", lang)))
            out.append(
                html.Ul(
                    [html.Li(html.A(html.Code(r.url), href=r.url, className="url")) for r in means]
                )
            )
        return out
    out.append(html.P(t("reproduce_scb", lang)))
    for r in about.requests:
        if r.scope != "all":
            out.append(html.H4(t("reproduce_scb_level", lang, level=t(f"level_{r.scope}", lang))))
        out.append(html.P(html.Code(f"POST {r.url}", className="url")))
        out.append(html.Pre(html.Code(r.body or ""), className="code", tabIndex="0"))
    return out


def failure_words(about: provenance.AboutInfo, lang: str) -> str:
    """Why the latest refresh failed, in plain words; empty while refreshes succeed."""
    if not about.last_error:
        return ""
    if about.last_failure is None:
        return t("last_fetch_failed", lang)
    return plain_failure(about.last_failure, lang)


def source_facts(data: IndicatorData, about: provenance.AboutInfo) -> Any:
    """Where the numbers come from and when they were published and fetched."""
    lang = data.lang
    updated = (
        format_datetime(about.source_updated, lang)
        if about.source_updated is not None
        else publication_text(about.publication_date, data.now or datetime.now(UTC), lang)
    )
    items: list[tuple[str, Any]] = [
        (t("source", lang), credit_name(data.credit)),
        (t("source_id", lang), f"{source_name(about.source)} {about.source_id}"),
        (
            t("source_table", lang),
            about.table_id if about.table_id and about.table_id != about.source_id else "",
        ),
        (t("source_title", lang), data.source_title or about.source_title or ""),
        (
            t("source_link", lang),
            html.A(about.source_link, href=about.source_link, className="url"),
        ),
        (t("source_updated", lang), updated),
        (t("last_fetched", lang), format_datetime(about.last_fetched, lang)),
        (t("last_error", lang), failure_words(about, lang)),
    ]
    return facts_list(items)


def render_about(data: IndicatorData, view: AboutView) -> list[Any]:
    """Definition, source, freshness, "explain this status" and "reproduce this number"."""
    info, lang = data.info, data.lang
    out: list[Any] = [
        html.H2(t("about_heading", lang)),
        html.H3(t("definition", lang)),
        html.P(pick(info.description_sv, info.description_en, lang), id="definition"),
        facts_list(
            [
                (t("unit", lang), unit_of(info, lang)),
                (t("direction", lang), direction_text(info, lang)),
                (t("target", lang), target_text(info, lang) or t("no_target", lang)),
                (t("notes", lang), pick(info.notes_sv, info.notes_en, lang)),
            ]
        ),
        html.H3(t("source", lang)),
    ]
    if data.about is not None:
        out.append(source_facts(data, data.about))
    out += explain(data, view)
    out += reproduce(data.about, lang)
    return out
