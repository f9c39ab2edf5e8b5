"""Where an indicator's numbers come from: source, freshness, and how to reproduce them.

The "reproduce this number" requests are built the way the ETL asks the sources, so what the
About tab shows returns exactly the stored values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue, Indicator, ScbRequestPart
from levande.indicators.core.failures import StepFailure, recorded_failure
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.catalogue import load_catalogue
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    EtlRunItem,
    SourceState,
)

KOLADA_MAX_IDS = 25
"""Kolada accepts at most this many ids in one path segment (years included)."""


# --- about: source, freshness, reproduce ---------------------------------------------------


@shareable
@dataclass(frozen=True)
class SourceRequest:
    """One request that reproduces stored values at the source.

    Attributes:
        method: ``GET`` or ``POST``.
        url: the full URL.
        body: the JSON body of a POST, pretty-printed; None for GET.
        scope: what the request returns (``all`` or a level such as ``lan``).
    """

    method: str
    url: str
    body: str | None
    scope: str


@shareable
@dataclass(frozen=True)
class AboutInfo:
    """What the About tab shows of an indicator's source and freshness."""

    source: str
    source_id: str
    table_id: str | None
    source_title: str | None
    source_link: str
    source_updated: datetime | None
    publication_date: str | None
    last_fetched: datetime | None
    last_checked: datetime | None
    last_error: str | None
    requests: tuple[SourceRequest, ...]
    computed_from: tuple[str, ...] = ()
    """For an indicator computed from small areas: the titles of the area values it reads."""
    last_failure: StepFailure | None = None
    """Why the latest refresh failed, while it is failing: for saying it in plain words."""


def kolada_kpi_link(kpi_id: str) -> str:
    """The page of a KPI in Kolada's free search, for people rather than programs."""
    return f"https://www.kolada.se/verktyg/fri-sokning/?kpis={quote(kpi_id)}"


def scb_table_link(source_id: str, table_id: str | None, scb_api_url: str) -> str:
    """A link to an SCB table: the Statistikdatabasen page for a v1 path, else its metadata."""
    if "/" in source_id:
        path = "__".join(source_id.split("/")[:-1])
        name = source_id.split("/")[-1]
        return f"https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__{path}/{name}/"
    tab = table_id or source_id
    return f"{scb_api_url.rstrip('/')}/tables/{quote(tab)}/metadata?lang=sv"


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def kolada_requests(
    info: Indicator,
    years: Iterable[str],
    group_ids: Sequence[str],
    kolada_api_url: str,
) -> tuple[SourceRequest, ...]:
    """The Kolada API v3 URLs that return the stored values of a KPI.

    The ETL asks for every municipality and region by year, and, for KPIs published only for
    municipalities, for the groups whose unweighted means stand for counties and the nation.
    Kolada takes at most 25 ids in one segment, so long year lists become several URLs.
    """
    base = kolada_api_url.rstrip("/")
    year_list = sorted({y[:4] for y in years if y[:4].isdigit()})
    out: list[SourceRequest] = []
    for chunk in _chunks(year_list, KOLADA_MAX_IDS):
        out.append(
            SourceRequest(
                "GET", f"{base}/data/kpi/{info.source_id}/year/{','.join(chunk)}", None, "all"
            )
        )
    if group_ids and info.municipal_mean_levels:
        for groups in _chunks(sorted(group_ids), KOLADA_MAX_IDS):
            for chunk in _chunks(year_list, KOLADA_MAX_IDS):
                out.append(
                    SourceRequest(
                        "GET",
                        f"{base}/data/kpi/{info.source_id}/municipality/{','.join(groups)}"
                        f"/year/{','.join(chunk)}",
                        None,
                        "municipal_mean",
                    )
                )
    return tuple(out)


def scb_requests(info: Indicator, table_id: str, scb_api_url: str) -> tuple[SourceRequest, ...]:
    """The PxWebApi 2.0 POST requests (URL and body) that return the stored values.

    Mirrors how the ETL asks: the catalogue's fixed selection, every period, every region (per
    level with the catalogue's codelists, when it names them) and the gender codes.
    """
    query = info.scb
    if query is None:
        return ()
    url = f"{scb_api_url.rstrip('/')}/tables/{quote(table_id)}/data?lang=sv&outputFormat=json-stat2"

    def body(part: ScbRequestPart) -> str:
        parts: list[dict[str, Any]] = []
        for variable, values in part.selection.items():
            item: dict[str, Any] = {"variableCode": variable, "valueCodes": values}
            if variable == query.region_variable and part.codelist:
                item["codelist"] = part.codelist
            parts.append(item)
        return json.dumps({"selection": parts}, ensure_ascii=False, indent=2)

    return tuple(
        SourceRequest("POST", url, body(part), part.label)
        for part in query.request_parts(gender=info.gender, levels=info.levels)
    )


def _computed_from(info: Indicator, catalogue: Catalogue | None) -> tuple[str, ...]:
    """The Swedish titles of the small-area values an indicator is computed from."""
    comp = info.computed
    if comp is None or catalogue is None:
        return ()
    small = catalogue.small_areas
    ids = [comp.area_indicator, comp.population]
    pair = next((s for s in small.segregation if s.id == comp.segregation), None)
    if pair is not None:
        ids += [pair.group, pair.total]
    titles = {i.id: i.title_sv for i in small.indicators}
    return tuple(titles[i] for i in ids if i in titles)


def about(
    reader: Reader, indicator_id: str, *, kolada_api_url: str, scb_api_url: str
) -> AboutInfo | None:
    """Source, links, freshness and the requests that reproduce an indicator's values."""
    info = dims.indicator(reader, indicator_id)
    if info is None:
        return None
    with reader.connect() as conn, Session(conn, expire_on_commit=False) as session:
        st = session.get(SourceState, indicator_id)
    meta: dict[str, Any] = dict(st.source_meta or {}) if st is not None else {}
    resolved = st.resolved_source_id if st is not None else None
    years = dims.periods(reader, indicator_id)
    computed_from: tuple[str, ...] = ()
    if info.source == "kolada":
        group_levels = set(info.municipal_mean_levels)
        group_ids = [
            r.kolada_group_id
            for r in dims.regions(reader)
            if r.kolada_group_id and r.level in group_levels
        ]
        requests = kolada_requests(info, years, group_ids, kolada_api_url)
        link = kolada_kpi_link(info.source_id)
        title = meta.get("title")
        table_id: str | None = None
    elif info.computed is not None:
        # Computed here from stored small-area values: no request reproduces it at a source;
        # its description says how, and the link is the source's page on the areas.
        catalogue = load_catalogue(reader)
        source = catalogue.sources.get(info.source) if catalogue is not None else None
        requests, table_id, title = (), None, None
        link = source.homepage if source is not None else ""
        computed_from = _computed_from(info, catalogue)
    else:
        table_id = resolved or (info.source_id if info.source_id.startswith("TAB") else None)
        requests = scb_requests(info, table_id, scb_api_url) if table_id else ()
        link = scb_table_link(info.source_id, table_id, scb_api_url)
        title = meta.get("label")
    return AboutInfo(
        source=info.source,
        source_id=info.source_id,
        table_id=table_id,
        source_title=str(title) if title else None,
        source_link=link,
        source_updated=st.source_updated if st is not None else None,
        publication_date=meta.get("publication_date"),
        last_fetched=st.last_success_at if st is not None else None,
        last_checked=st.last_checked_at if st is not None else None,
        last_error=st.last_error if st is not None else None,
        requests=requests,
        computed_from=computed_from,
        last_failure=(
            latest_failure(reader, indicator_id, info.source)
            if st is not None and st.last_error
            else None
        ),
    )


def latest_failure(reader: Reader, indicator_id: str, source: str) -> StepFailure | None:
    """The failure of the indicator's latest failed step, with its source when not recorded."""
    with reader.connect() as conn, Session(conn) as session:
        item = session.scalars(
            select(EtlRunItem)
            .where(EtlRunItem.target == indicator_id, EtlRunItem.outcome == "failed")
            .order_by(EtlRunItem.id.desc())
            .limit(1)
        ).first()
        if item is None:
            return None
        failure = recorded_failure(item.error_kind, item.error, item.error_detail, item.error_facts)
    return failure if failure.source is not None else replace(failure, source=source)
