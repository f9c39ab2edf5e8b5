"""A fake Kolada API v3 holding KPIs, municipalities, groups and data points in memory.

It answers ``/kpi``, ``/kpi/{ids}``, ``/municipality``, ``/municipality_groups`` and
``/data/kpi/{ids}/municipality/{ids}/year/{years}`` (any two or all three parts) in the v3
envelope ``{values, count, next_url, previous_url}`` with absolute page URLs, honours
``per_page``/``page`` and ``from_date`` (changed points only, deletions as ``isdeleted: true``
with a null value), computes group values as unweighted member means like Kolada, and refuses
more than 25 ids in one path segment.

Points are indexed kpi -> municipality -> period -> gender, so a query touches only the KPIs
it names; a national load (312 units x 20 years x dozens of KPIs) stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from testkit.fakes.server import FakeServer, RecordedRequest, Reply

MAX_IDS = 25
MAX_PER_PAGE = 5000
GENDER_ORDER = ("K", "M", "T")


@dataclass
class FakeKpi:
    """A KPI record in the v3 field names."""

    id: str
    title: str
    description: str = ""
    is_divided_by_gender: bool = False
    municipality_type: str = "K"
    auspice: str | None = None
    operating_area: str = ""
    perspective: str = ""
    prel_publication_date: str | None = None
    publication_date: str | None = None
    publ_period: str | None = None
    has_ou_data: bool = False


@dataclass(slots=True)
class FakePoint:
    """One value of a KPI for one unit, year and gender, with the day it last changed."""

    kpi: str
    municipality: str
    period: int
    gender: str
    value: float | int | None
    status: str = ""
    count: int = 1
    changed_on: date = date(2020, 1, 1)
    deleted: bool = False


class FakeKolada(FakeServer):
    """The fake Kolada API, served under ``/v3`` like the real one."""

    def __init__(self, *, today: Callable[[], date] | None = None) -> None:
        """Create an empty fake; ``today`` dates changes made through the helpers."""
        super().__init__("/v3")
        self.today = today or date.today
        self.kpis: dict[str, FakeKpi] = {}
        self.municipalities: dict[str, tuple[str, str]] = {}
        self.groups: dict[str, tuple[str, list[str]]] = {}
        self._points: dict[str, dict[str, dict[int, dict[str, FakePoint]]]] = {}
        # Records of recent data queries, so that paging through a large answer builds it
        # once instead of once per page; any change to the data empties it.
        self._query_cache: dict[tuple[str, str | None], list[dict[str, Any]]] = {}

    # -- data helpers ---------------------------------------------------------------------

    def add_kpi(self, kpi: FakeKpi) -> FakeKpi:
        """Add (or replace) a KPI."""
        self.kpis[kpi.id] = kpi
        return kpi

    def add_municipality(self, unit_id: str, title: str, type_: str = "K") -> None:
        """Add a municipality (``K``), region or the country (``L``)."""
        self.municipalities[unit_id] = (title, type_)

    def add_group(self, group_id: str, title: str, members: Iterable[str]) -> None:
        """Add a municipality group with member ids."""
        self.groups[group_id] = (title, list(members))
        self._query_cache.clear()

    def add_point(self, point: FakePoint) -> None:
        """Store a point as given (bulk loading; no date bookkeeping)."""
        self._query_cache.clear()
        by_muni = self._points.setdefault(point.kpi, {})
        by_period = by_muni.setdefault(point.municipality, {})
        by_period.setdefault(point.period, {})[point.gender] = point

    def load(self, points: Iterable[FakePoint]) -> int:
        """Store many points; returns how many."""
        n = 0
        for point in points:
            self.add_point(point)
            n += 1
        return n

    def set_value(
        self,
        kpi: str,
        municipality: str,
        period: int,
        value: float | int | None,
        *,
        gender: str = "T",
        status: str = "",
        changed_on: date | None = None,
    ) -> FakePoint:
        """Publish or revise a value; it counts as changed on ``changed_on`` (default today)."""
        point = FakePoint(
            kpi, municipality, period, gender, value, status, 1, changed_on or self.today()
        )
        self.add_point(point)
        return point

    def delete_value(
        self,
        kpi: str,
        municipality: str,
        period: int,
        *,
        gender: str = "T",
        changed_on: date | None = None,
    ) -> None:
        """Withdraw a value: gone from normal queries, reported by ``from_date`` queries."""
        self._query_cache.clear()
        point = self._points[kpi][municipality][period][gender]
        point.deleted = True
        point.value = None
        point.changed_on = changed_on or self.today()

    def point(self, kpi: str, municipality: str, period: int, gender: str = "T") -> FakePoint:
        """The stored point."""
        return self._points[kpi][municipality][period][gender]

    # -- routing --------------------------------------------------------------------------

    def route(self, request: RecordedRequest) -> Reply:
        """Answer one request as Kolada's API v3 would."""
        if request.method != "GET":
            return Reply.json({"detail": "Method Not Allowed"}, 405)
        parts = [p for p in request.path.split("/") if p]
        if not parts:
            return Reply.json({"detail": "Not Found"}, 404)
        head, rest = parts[0], parts[1:]
        if len(rest) > 1 and head != "data":
            return Reply.json({"detail": "Not Found"}, 404)
        ids = _ids(rest[0]) if rest and head != "data" else None
        if ids is not None and len(ids) > MAX_IDS:
            return _too_many(head, len(ids))
        if head == "kpi":
            items = [asdict(k) for k in self._select(self.kpis, ids)]
            return self._page(request, _filter_title(items, request))
        if head == "municipality":
            items = [
                {"id": mid, "title": title, "type": type_}
                for mid, (title, type_) in self._select_items(self.municipalities, ids)
            ]
            wanted_type = request.param("type") or request.param("region_type")
            if wanted_type:
                items = [i for i in items if i["type"] == wanted_type]
            return self._page(request, _filter_title(items, request))
        if head == "municipality_groups":
            items = [
                {
                    "id": gid,
                    "title": title,
                    "members": [
                        {"id": m, "title": self.municipalities.get(m, (m, "K"))[0]} for m in members
                    ],
                }
                for gid, (title, members) in self._select_items(self.groups, ids)
            ]
            return self._page(request, _filter_title(items, request))
        if head == "data":
            return self._data(request, rest)
        return Reply.json({"detail": "Not Found"}, 404)

    @staticmethod
    def _select(table: dict[str, FakeKpi], ids: list[str] | None) -> list[FakeKpi]:
        if ids is None:
            return list(table.values())
        return [table[i] for i in ids if i in table]

    @staticmethod
    def _select_items(table: dict[str, Any], ids: list[str] | None) -> list[tuple[str, Any]]:
        if ids is None:
            return list(table.items())
        return [(i, table[i]) for i in ids if i in table]

    def _page(self, request: RecordedRequest, items: list[dict[str, Any]]) -> Reply:
        try:
            per_page = int(request.param("per_page") or MAX_PER_PAGE)
            page = int(request.param("page") or 1)
        except ValueError:
            return Reply.json({"detail": "per_page and page must be integers"}, 400)
        if not 1 <= per_page <= MAX_PER_PAGE or page < 1:
            return Reply.json({"detail": f"per_page must be 1..{MAX_PER_PAGE}, page >= 1"}, 400)
        pages = max(1, math.ceil(len(items) / per_page))
        start = (page - 1) * per_page
        values = items[start : start + per_page]

        def page_url(number: int) -> str:
            query = {k: v[0] for k, v in request.query.items() if k != "page"}
            query["page"] = str(number)
            return f"{self.url}{request.path}?{urlencode(query)}"

        return Reply.json(
            {
                "values": values,
                "count": len(values),
                "next_url": page_url(page + 1) if page < pages else None,
                "previous_url": page_url(page - 1) if page > 1 else None,
            }
        )

    # -- data -----------------------------------------------------------------------------

    def _data(self, request: RecordedRequest, rest: list[str]) -> Reply:
        if len(rest) % 2:
            return Reply.json({"detail": "Not Found"}, 404)
        wanted: dict[str, list[str]] = {}
        for name, segment in zip(rest[::2], rest[1::2], strict=True):
            if name not in ("kpi", "municipality", "year") or name in wanted:
                return Reply.json({"detail": "Not Found"}, 404)
            ids = _ids(segment)
            if len(ids) > MAX_IDS:
                return _too_many(name, len(ids))
            wanted[name] = ids
        if len(wanted) < 2 or list(wanted) != [
            n for n in ("kpi", "municipality", "year") if n in wanted
        ]:
            return Reply.json({"detail": "Not Found"}, 404)
        since: date | None = None
        if request.param("from_date"):
            try:
                since = date.fromisoformat(request.param("from_date") or "")
            except ValueError:
                return Reply.json({"detail": "from_date must be YYYY-MM-DD"}, 400)
        try:
            years = [int(y) for y in wanted["year"]] if "year" in wanted else None
        except ValueError:
            return Reply.json({"detail": "years must be integers"}, 400)
        cache_key = (request.path, request.param("from_date"))
        cached = self._query_cache.get(cache_key)
        if cached is not None:
            return self._page(request, cached)
        records = self._query(wanted, years, since)
        if len(self._query_cache) >= 16:
            self._query_cache.clear()
        self._query_cache[cache_key] = records
        return self._page(request, records)

    def _query(
        self, wanted: dict[str, list[str]], years: list[int] | None, since: date | None
    ) -> list[dict[str, Any]]:
        kpis = wanted.get("kpi") or list(self._points)
        units = wanted.get("municipality")
        records: list[dict[str, Any]] = []
        for kpi in kpis:
            by_unit = self._points.get(kpi, {})
            for unit in units if units is not None else list(by_unit):
                if unit in self.groups:
                    records.extend(self._group_records(kpi, unit, years, since))
                    continue
                by_period = by_unit.get(unit)
                if not by_period:
                    continue
                for period in years if years is not None else sorted(by_period):
                    points = by_period.get(period)
                    if points:
                        record = _record(kpi, unit, period, points.values(), since)
                        if record is not None:
                            records.append(record)
        return records

    def _group_records(
        self, kpi: str, group: str, years: list[int] | None, since: date | None
    ) -> list[dict[str, Any]]:
        """Unweighted means over the members, one record per period, like Kolada's groups."""
        by_unit = self._points.get(kpi, {})
        members = self.groups[group][1]
        periods = (
            years if years is not None else sorted({p for m in members for p in by_unit.get(m, {})})
        )
        out = []
        for period in periods:
            sums: dict[str, list[float]] = {}
            latest: dict[str, date] = {}
            for member in members:
                for gender, point in by_unit.get(member, {}).get(period, {}).items():
                    latest[gender] = max(latest.get(gender, point.changed_on), point.changed_on)
                    if not point.deleted and point.value is not None:
                        sums.setdefault(gender, []).append(float(point.value))
            items = []
            for gender in GENDER_ORDER:
                if gender not in sums or (since is not None and latest[gender] < since):
                    continue
                values = sums[gender]
                items.append(
                    {
                        "count": len(values),
                        "gender": gender,
                        "status": "",
                        "value": sum(values) / len(values),
                    }
                )
            if items:
                out.append({"kpi": kpi, "municipality": group, "period": period, "values": items})
        return out


def _record(
    kpi: str, unit: str, period: int, points: Iterable[FakePoint], since: date | None
) -> dict[str, Any] | None:
    items = []
    for point in sorted(points, key=lambda p: GENDER_ORDER.index(p.gender)):
        if since is not None and point.changed_on < since:
            continue
        if point.deleted and since is None:
            continue
        item: dict[str, Any] = {
            "count": point.count,
            "gender": point.gender,
            "status": point.status,
            "value": None if point.deleted else point.value,
        }
        if since is not None:
            item["isdeleted"] = point.deleted
        items.append(item)
    if not items:
        return None
    return {"kpi": kpi, "municipality": unit, "period": period, "values": items}


def _ids(segment: str) -> list[str]:
    return [i for i in segment.split(",") if i]


def _too_many(segment: str, count: int) -> Reply:
    return Reply.json(
        {"detail": f"Too many ids in the {segment} segment: {count}, at most {MAX_IDS} allowed"},
        400,
    )


def _filter_title(items: list[dict[str, Any]], request: RecordedRequest) -> list[dict[str, Any]]:
    title = request.param("title")
    if not title:
        return items
    return [i for i in items if title.lower() in str(i.get("title", "")).lower()]
