"""Data status ``/data``: freshness of every indicator and the health of each source, drawn.

Public: anyone may see when data was fetched, whether it is stale, what the latest runs did
and why a source failed, in plain words (never an exception's text, an internal address or a
setting's name). Refresh buttons are on the operations page (``/data/operator``), behind the
operator token. Everything here is a pure function of
:class:`~levande.dashboard.data_status.data.DataStatusData`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from dash import dcc, html

from levande.dashboard.api.spec import DOCS_PATH
from levande.dashboard.components import attrs
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.runs import history_table, plain_failure
from levande.dashboard.components.schedule import schedule_table
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import source_name
from levande.dashboard.data_status.data import DataStatusData, Freshness
from levande.dashboard.data_status.files import file_href
from levande.dashboard.i18n import format_datetime, format_number, t
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang
from levande.indicators.reads.bulk import CHECKSUMS

PATH = "/data"


def stale_text(reasons: list[str], max_age: float | None, lang: str) -> str:
    """Why an indicator is stale, in words."""
    parts = []
    for reason in reasons:
        if reason == "refresh_overdue":
            parts.append(t("stale_refresh_overdue", lang, hours=f"{max_age or 0:g}"))
        else:
            parts.append(t(f"stale_{reason}", lang))
    return "; ".join(parts)


def _when(stamp: Any, lang: str, missing: str = "data_never") -> str:
    # Missing stamps come out of a DataFrame as NaT, which is a datetime too.
    if isinstance(stamp, datetime) and not pd.isna(stamp):
        return format_datetime(stamp, lang)
    return t(missing, lang)


def publication_text(stamp: Any, now: datetime, lang: str) -> str:
    """When the source publishes: "publicerad 2026-03-01", or a planned date as planned.

    Kolada announces its next publication in advance; a date still to come is not a
    publication yet. A date without a time of day (stored at midnight UTC) is shown as a date.
    """
    if not isinstance(stamp, datetime) or pd.isna(stamp):
        return t("unknown_time", lang)
    utc = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
    utc = utc.astimezone(UTC)
    date_only = (utc.hour, utc.minute, utc.second, utc.microsecond) == (0, 0, 0, 0)
    shown = f"{utc:%Y-%m-%d}" if date_only else format_datetime(utc, lang)
    key = "published_past" if utc <= now else "published_planned"
    return t(key, lang, when=shown)


def sources_table(sources: Sequence[Mapping[str, Any]] | None, lang: str) -> Any:
    """The health of each source; without a catalogue, a sentence saying it cannot be read."""
    if sources is None:
        return html.P(t("goal_missing", lang))
    rows = [
        [
            source_name(entry["source"], lang),
            t("data_healthy" if entry["healthy"] else "data_unhealthy", lang),
            _when(entry["last_success_at"], lang),
            _when(entry["last_failure_at"], lang),
            plain_failure(entry["last_failure"], lang) if entry.get("last_failure") else "",
        ]
        for entry in sources
    ]
    columns = [
        Column(t(k, lang))
        for k in (
            "data_source",
            "data_health",
            "data_last_success",
            "data_last_failure",
            "data_last_error",
        )
    ]
    return data_table(t("data_sources_caption", lang), columns, rows, table_id="source-health")


def indicators_table(freshness: Freshness, lang: str, only_stale: bool) -> Any:
    """Freshness per indicator, stale ones flagged in words (not colour alone)."""
    now = freshness.now or datetime.now(UTC)
    frame, titles = freshness.frame, freshness.titles
    stale_count = int(frame["stale"].sum()) if len(frame) else 0
    rows = []
    for row in frame.to_dict("records"):
        if only_stale and not row["stale"]:
            continue
        state = (
            html.Span(
                [
                    t("data_stale", lang),
                    " – ",
                    stale_text(row["stale_reasons"], row["max_age_hours"], lang),
                ],
                className="stale",
            )
            if row["stale"]
            else html.Span(t("data_fresh", lang), className="fresh")
        )
        rows.append(
            [
                dcc.Link(
                    titles.get(row["indicator_id"], row["indicator_id"]),
                    href=with_lang(f"/indikator/{row['indicator_id']}", lang),
                ),
                f"{source_name(row['source'], lang)} {row['source_id']}",
                publication_text(row["source_published"], now, lang),
                _when(row["last_success_at"], lang),
                _when(row["next_refresh"], lang),
                str(row["observations"]),
                state,
            ]
        )
    columns = [
        Column(t("data_indicator", lang)),
        Column(t("data_source", lang)),
        Column(t("data_published", lang)),
        Column(t("data_fetched", lang)),
        Column(t("data_next", lang)),
        Column(t("data_rows", lang), numeric=True),
        Column(t("data_state", lang)),
    ]
    caption = t("data_indicators_caption", lang, stale=stale_count, total=len(frame))
    return data_table(caption, columns, rows, table_id="indicator-freshness")


def _size(size: int, lang: str) -> str:
    megabytes = size / 1_000_000
    if megabytes >= 1:
        return t("open_data_mb", lang, size=format_number(megabytes, 1, lang))
    return t("open_data_kb", lang, size=format_number(max(size / 1000, 0.1), 1, lang))


def open_data_section(manifest: Mapping[str, Any] | None, lang: str) -> Any:
    """The open data: the API's documentation and the bulk files with sizes and checksums."""
    api = html.P(dcc.Link(t("open_data_api_link", lang), href=with_lang(DOCS_PATH, lang)))
    body: list[Any] = [html.H2(t("open_data_heading", lang), id="open-data-heading"), api]
    files = manifest.get("files") if manifest else None
    if manifest is None or not isinstance(files, list) or not files:
        body.append(html.P(t("open_data_not_built", lang)))
    else:
        built = _when(_parse_stamp(manifest.get("built_at")), lang)
        body.append(html.P(t("open_data_intro", lang, when=built)))
        items = [
            html.Li(
                [
                    html.A(str(f["name"]), href=file_href(str(f["name"]))),
                    f" ({_size(int(f['size']), lang)}) ",
                    html.Span(t("open_data_checksum", lang) + " "),
                    html.Code(str(f["sha256"])),
                ]
            )
            for f in files
        ]
        items.append(html.Li(html.A(t("open_data_checksums", lang), href=file_href(CHECKSUMS))))
        body.append(html.Ul(items, id="open-data-files"))
    return html.Section(body, **attrs({"aria-labelledby": "open-data-heading"}))


def _parse_stamp(raw: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        return None


def render_data_status(data: DataStatusData) -> Content:
    """The data-status page."""
    lang, only_stale = data.lang, data.params.only_stale
    children: list[Any] = [html.H1(t("data_title", lang))]
    notice = problems_notice(data.params.problems, lang, PATH)
    if notice is not None:
        children.append(notice)
    children.append(html.P(t("data_intro", lang)))
    children.append(
        html.Section(
            [
                html.H2(t("data_sources_heading", lang), id="sources-heading"),
                sources_table(data.sources, lang),
            ],
            **attrs({"aria-labelledby": "sources-heading"}),
        )
    )
    if data.freshness is not None:
        children.append(
            html.Section(
                [
                    html.H2(t("schedule_heading", lang), id="schedule-heading"),
                    schedule_table(data.schedule, lang, data.titles),
                ],
                **attrs({"aria-labelledby": "schedule-heading"}),
            )
        )
    table, _ = history_table(data.runs, lang, data.titles)
    children.append(
        html.Section(
            [html.H2(t("operator_history_heading", lang), id="history-heading"), table],
            **attrs({"aria-labelledby": "history-heading"}),
        )
    )
    if data.freshness is not None:
        toggle = dcc.Link(
            t("data_show_all" if only_stale else "data_only_stale", lang),
            href=with_lang(PATH, lang, {"stale": None if only_stale else "1"}),
            id="stale-toggle",
        )
        children.append(
            html.Section(
                [
                    html.H2(t("data_indicators_heading", lang), id="freshness-heading"),
                    html.P(toggle),
                    indicators_table(data.freshness, lang, only_stale),
                ],
                **attrs({"aria-labelledby": "freshness-heading"}),
            )
        )
    children.append(open_data_section(data.open_data, lang))
    children.append(
        html.P(dcc.Link(t("data_operator_link", lang), href=with_lang("/data/operator", lang)))
    )
    params = {"stale": "1" if only_stale else None}
    return Content(lang, PATH, t("data_title", lang), children, params)
