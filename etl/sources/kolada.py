"""Client for the Kolada API v3 (key figures of Swedish municipalities and regions).

What the ETL needs from Kolada, and why it is done this way:

- Every list answer is paginated in an envelope ``{values, count, next_url, previous_url}``;
  the client asks for large pages (``per_page``) and follows ``next_url`` until it is empty,
  refusing to loop if the server hands back a URL it already served.
- A path segment may name at most 25 ids (KPIs, municipalities or years), so id lists are cut
  into groups of 25 and every combination of groups is requested.
- ``from_date`` makes a data query return only what changed since that day, deletions
  included (``isdeleted`` in v3), which is how incremental refreshes stay cheap.
- Kolada publishes no rate limit; the client throttles itself to
  ``settings.kolada_calls_per_second`` through the limiter its runtime hands it.
"""

from __future__ import annotations

import itertools
import logging
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast
from urllib.parse import urljoin

from levande.etl.sources.http import HttpClient, SourceError

logger = logging.getLogger(__name__)

SOURCE = "kolada"
MAX_IDS_PER_SEGMENT = 25
DEFAULT_PER_PAGE = 5000
MAX_PAGES = 10_000
GENDERS = ("T", "K", "M")

Gender = Literal["T", "K", "M"]


@dataclass(frozen=True, slots=True)
class KoladaKpi:
    """A key figure (KPI) and the metadata the catalogue and the schedule use."""

    id: str
    title: str
    description: str
    is_divided_by_gender: bool
    municipality_type: str | None
    """``K`` municipalities, ``L`` regions, ``A`` both."""
    operating_area: str | None
    publication_date: date | None
    prel_publication_date: date | None
    publ_period: str | None
    auspice: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class KoladaMunicipality:
    """A municipality (type ``K``), a region (``L``) or the whole country (``0000``, ``L``)."""

    id: str
    title: str
    type: str


@dataclass(frozen=True, slots=True)
class KoladaGroupMember:
    """One member of a municipality group."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class KoladaGroup:
    """A municipality group (id like ``G92786``); its values are unweighted member means."""

    id: str
    title: str
    members: tuple[KoladaGroupMember, ...]


@dataclass(frozen=True, slots=True)
class KoladaValue:
    """One value of a KPI for one municipality, year and gender (``T`` total, ``K``, ``M``)."""

    kpi: str
    municipality: str
    period: int
    gender: Gender
    value: float | None
    status: str | None
    count: int | None
    """How many units the value covers (above 1 only for groups)."""
    is_deleted: bool
    """True when a ``from_date`` query reports that the value was withdrawn."""


@dataclass(slots=True)
class KoladaColumns:
    """Kolada values as parallel columns: what :class:`KoladaValue` holds that the ETL uses.

    A full load reads about a million values; keeping them as six lists instead of one object
    each is what keeps the parse and the normalisation cheap. The KPI and the group ``count``
    are left out: the ETL asks for one KPI at a time and stores no counts.
    """

    municipality: list[str] = field(default_factory=list)
    period: list[int] = field(default_factory=list)
    gender: list[str] = field(default_factory=list)
    value: list[float | None] = field(default_factory=list)
    status: list[str | None] = field(default_factory=list)
    is_deleted: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.municipality)

    def extend(self, other: KoladaColumns) -> None:
        """Add the values of ``other`` at the end."""
        self.municipality.extend(other.municipality)
        self.period.extend(other.period)
        self.gender.extend(other.gender)
        self.value.extend(other.value)
        self.status.extend(other.status)
        self.is_deleted.extend(other.is_deleted)

    @classmethod
    def of(cls, values: Iterable[KoladaValue]) -> KoladaColumns:
        """Columns holding ``values``, in order."""
        out = cls()
        for item in values:
            out.municipality.append(item.municipality)
            out.period.append(item.period)
            out.gender.append(item.gender)
            out.value.append(item.value)
            out.status.append(item.status)
            out.is_deleted.append(item.is_deleted)
        return out


def chunked(ids: Sequence[str], size: int = MAX_IDS_PER_SEGMENT) -> list[list[str]]:
    """Cut ids into groups of at most ``size``, keeping their order."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


class KoladaClient:
    """Reads KPIs, municipalities, groups and data from Kolada API v3."""

    def __init__(
        self, base_url: str, http: HttpClient, *, per_page: int = DEFAULT_PER_PAGE
    ) -> None:
        """Create a client.

        Args:
            base_url: API root, e.g. ``https://api.kolada.se/v3``.
            http: HTTP client to use, with the runtime's Kolada limiter
                (``kolada_calls_per_second``; ``levande.etl.sources.Sources`` builds both).
            per_page: Items per page to ask for (Kolada allows up to 5000).
        """
        if not 1 <= per_page <= DEFAULT_PER_PAGE:
            raise ValueError(f"per_page must be 1..{DEFAULT_PER_PAGE}, got {per_page}")
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.per_page = per_page

    # -- paging ---------------------------------------------------------------------------

    def _items(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[Any]:
        """Every item of every page of a list answer, following ``next_url``."""
        for page in self._pages(path, params):
            yield from page

    def _pages(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[list[Any]]:
        """The ``values`` list of every page of a list answer, following ``next_url``."""
        url = f"{self.base_url}{path}"
        query: dict[str, str] | None = {"per_page": str(self.per_page), **(params or {})}
        seen: set[str] = set()
        pages = 0
        while True:
            response, content = self.http.request("GET", url, params=query)
            served = response.url or url
            doc = self.http.decode_json(content, served, response.status_code)
            if not isinstance(doc, dict) or not isinstance(doc.get("values"), list):
                raise SourceError(
                    SOURCE, served, response.status_code, "answer has no 'values' list"
                )
            seen.add(served)
            pages += 1
            yield doc["values"]
            next_url = doc.get("next_url")
            if not next_url:
                return
            if not isinstance(next_url, str):
                raise SourceError(SOURCE, served, 200, f"next_url is not a URL: {next_url!r}")
            url = urljoin(served, next_url)
            query = None
            if url in seen:
                raise SourceError(
                    SOURCE, served, 200, f"pagination loops: next_url {url} was already served"
                )
            if pages >= MAX_PAGES:
                raise SourceError(SOURCE, served, 200, f"more than {MAX_PAGES} pages; giving up")

    # -- metadata -------------------------------------------------------------------------

    def kpis(self, ids: Sequence[str] | None = None) -> list[KoladaKpi]:
        """KPI metadata: all KPIs, or the given ids (fetched 25 at a time)."""
        if ids is None:
            return [_parse_kpi(item) for item in self._items("/kpi")]
        out: list[KoladaKpi] = []
        for chunk in chunked(_unique(ids)):
            out.extend(_parse_kpi(item) for item in self._items("/kpi/" + ",".join(chunk)))
        return out

    def municipalities(self) -> list[KoladaMunicipality]:
        """All municipalities, regions and the country (``0000``)."""
        out = []
        for item in self._items("/municipality"):
            record = _record(item, "municipality", ("id", "title", "type"))
            out.append(
                KoladaMunicipality(str(record["id"]), str(record["title"]), str(record["type"]))
            )
        return out

    def municipality_groups(self) -> list[KoladaGroup]:
        """All municipality groups with their members."""
        out = []
        for item in self._items("/municipality_groups"):
            record = _record(item, "municipality group", ("id", "title"))
            members = tuple(
                KoladaGroupMember(str(m["id"]), str(m.get("title") or ""))
                for m in record.get("members") or []
                if isinstance(m, dict) and "id" in m
            )
            out.append(KoladaGroup(str(record["id"]), str(record["title"]), members))
        return out

    # -- data -----------------------------------------------------------------------------

    def data(
        self,
        kpi_ids: Sequence[str],
        municipality_ids: Sequence[str] | None = None,
        years: Sequence[int | str] | None = None,
        from_date: date | None = None,
    ) -> Iterator[KoladaValue]:
        """Values of KPIs, one per gender breakdown of each data record.

        Kolada needs at least two of the three parts (KPIs, municipalities, years); each list
        is cut into groups of 25 and every combination of groups is one paginated query.

        Args:
            kpi_ids: KPI ids, e.g. ``["N00945"]``.
            municipality_ids: Municipality, region or group ids; ``None`` for all.
            years: Years; ``None`` for all.
            from_date: Only values changed on or after this day, deletions included.

        Raises:
            ValueError: when both municipality_ids and years are None.
            SourceError: when Kolada refuses a query or answers something unexpected.
        """
        if municipality_ids is None and years is None:
            raise ValueError("Kolada needs municipality_ids or years besides the KPI ids")
        segments: list[tuple[str, list[list[str]]]] = [("kpi", chunked(_unique(kpi_ids)))]
        if municipality_ids is not None:
            segments.append(("municipality", chunked(_unique(municipality_ids))))
        if years is not None:
            segments.append(("year", chunked(_unique([str(y) for y in years]))))
        params = {"from_date": from_date.isoformat()} if from_date is not None else {}
        return self._data_values(segments, params)

    def data_columns(
        self,
        kpi_ids: Sequence[str],
        municipality_ids: Sequence[str] | None = None,
        years: Sequence[int | str] | None = None,
        from_date: date | None = None,
    ) -> KoladaColumns:
        """The values :meth:`data` yields, as columns: the same values, checks and errors.

        Each page is parsed column by column instead of one object per value, which makes a
        full national load several times cheaper in CPU.
        """
        if municipality_ids is None and years is None:
            raise ValueError("Kolada needs municipality_ids or years besides the KPI ids")
        segments: list[tuple[str, list[list[str]]]] = [("kpi", chunked(_unique(kpi_ids)))]
        if municipality_ids is not None:
            segments.append(("municipality", chunked(_unique(municipality_ids))))
        if years is not None:
            segments.append(("year", chunked(_unique([str(y) for y in years]))))
        params = {"from_date": from_date.isoformat()} if from_date is not None else {}
        out = KoladaColumns()
        if any(not groups for _, groups in segments):
            return out
        names = [name for name, _ in segments]
        for combo in itertools.product(*(groups for _, groups in segments)):
            path = "/data" + "".join(
                f"/{name}/{','.join(ids)}" for name, ids in zip(names, combo, strict=True)
            )
            for page in self._pages(path, params):
                out.extend(_parse_data_page(page, path))
        return out

    def _data_values(
        self, segments: list[tuple[str, list[list[str]]]], params: Mapping[str, str]
    ) -> Iterator[KoladaValue]:
        if any(not groups for _, groups in segments):
            return
        names = [name for name, _ in segments]
        for combo in itertools.product(*(groups for _, groups in segments)):
            path = "/data" + "".join(
                f"/{name}/{','.join(ids)}" for name, ids in zip(names, combo, strict=True)
            )
            for item in self._items(path, params):
                yield from _parse_data_record(item, path)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(str(i).strip() for i in ids if str(i).strip()))


def _record(item: Any, what: str, required: Sequence[str]) -> dict[str, Any]:
    if not isinstance(item, dict) or any(key not in item for key in required):
        raise SourceError(
            SOURCE, "", None, f"{what} record lacks {', '.join(required)}: {str(item)[:200]}"
        )
    return item


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        logger.debug("unparsable Kolada date %r", value)
        return None


def _optional_str(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value)


def _parse_kpi(item: Any) -> KoladaKpi:
    record = _record(item, "KPI", ("id", "title"))
    return KoladaKpi(
        id=str(record["id"]),
        title=str(record["title"]),
        description=str(record.get("description") or ""),
        is_divided_by_gender=bool(record.get("is_divided_by_gender")),
        municipality_type=_optional_str(record.get("municipality_type")),
        operating_area=_optional_str(record.get("operating_area")),
        publication_date=_date(record.get("publication_date")),
        prel_publication_date=_date(record.get("prel_publication_date")),
        publ_period=_optional_str(record.get("publ_period")),
        auspice=_optional_str(record.get("auspice", record.get("auspices"))),
        raw=record,
    )


def _parse_data_record(item: Any, path: str) -> Iterator[KoladaValue]:
    record = _record(item, "data", ("kpi", "municipality", "period"))
    try:
        period = int(record["period"])
    except (TypeError, ValueError):
        raise SourceError(
            SOURCE, path, None, f"period is not a year: {record['period']!r}"
        ) from None
    values = record.get("values")
    if not isinstance(values, list):
        raise SourceError(SOURCE, path, None, f"data record without a 'values' list: {record}")
    for entry in values:
        if not isinstance(entry, dict):
            raise SourceError(SOURCE, path, None, f"value entry is not an object: {entry!r}")
        gender = entry.get("gender")
        if gender not in GENDERS:
            raise SourceError(SOURCE, path, None, f"unknown gender {gender!r} (expected T, K, M)")
        raw_value = entry.get("value")
        if raw_value is not None and (
            isinstance(raw_value, bool) or not isinstance(raw_value, int | float)
        ):
            raise SourceError(SOURCE, path, None, f"value is not a number: {raw_value!r}")
        count = entry.get("count")
        deleted = entry.get("isdeleted", entry.get("is_deleted", False))
        yield KoladaValue(
            kpi=str(record["kpi"]),
            municipality=str(record["municipality"]),
            period=period,
            gender=cast(Gender, gender),
            value=None if raw_value is None else float(raw_value),
            status=_optional_str(entry.get("status")),
            count=count if isinstance(count, int) and not isinstance(count, bool) else None,
            is_deleted=bool(deleted),
        )


_NUMBER_TYPES = frozenset({int, float, type(None)})


def _parse_data_page(items: list[Any], path: str) -> KoladaColumns:
    """One page of data records as columns, with the checks of :func:`_parse_data_record`.

    Every check runs over a whole column at once. When one fails, or a value has a type the
    fast checks do not know (a subclass of int, say), the page is parsed again record by
    record, which raises exactly the error the record-wise parser raises, or accepts what
    it accepts.
    """
    try:
        if not all(
            isinstance(r, dict) and "kpi" in r and "municipality" in r and "period" in r
            for r in items
        ):
            raise _SlowPath
        periods = [int(r["period"]) for r in items]
        lists = [r.get("values") for r in items]
        if not all(isinstance(v, list) for v in lists):
            raise _SlowPath
        entries = [e for v in lists for e in v]
        if not set(map(type, entries)) <= {dict}:  # a dict subclass takes the slow path
            raise _SlowPath
        genders = [e.get("gender") for e in entries]
        if not set(genders) <= _GENDER_SET:
            raise _SlowPath
        raw_values = [e.get("value") for e in entries]
        if not {type(v) for v in raw_values} <= _NUMBER_TYPES:
            raise _SlowPath
    except (_SlowPath, TypeError, ValueError, OverflowError):
        out = KoladaColumns()
        for item in items:
            for value in _parse_data_record(item, path):
                out.municipality.append(value.municipality)
                out.period.append(value.period)
                out.gender.append(value.gender)
                out.value.append(value.value)
                out.status.append(value.status)
                out.is_deleted.append(value.is_deleted)
        return out
    municipalities = [str(r["municipality"]) for r in items]
    return KoladaColumns(
        municipality=[m for m, v in zip(municipalities, lists, strict=True) for _ in v],
        period=[p for p, v in zip(periods, lists, strict=True) for _ in v],
        gender=genders,
        value=_floats(raw_values),
        status=_statuses(entries),
        is_deleted=_deleted(entries),
    )


_NONE = type(None)


def _floats(raw: list[Any]) -> list[float | None]:
    """``float(v)`` of each number, None kept; the list itself when it holds floats only."""
    if set(map(type, raw)) <= {float, _NONE}:
        return raw  # float(v) is v for a float
    return [None if v is None else float(v) for v in raw]


def _statuses(entries: list[dict[str, Any]]) -> list[str | None]:
    """Each entry's status as :func:`_optional_str` reads it, worked out once per distinct text.

    A page repeats a handful of statuses (mostly empty) over thousands of values.
    """
    raw = [e.get("status") for e in entries]
    if not set(map(type, raw)) <= {str, _NONE}:
        return [None if st is None else _optional_str(st) for st in raw]
    read = {st: None if st is None else _optional_str(st) for st in set(raw)}
    return [read[st] for st in raw]


def _deleted(entries: list[dict[str, Any]]) -> list[bool]:
    """Each entry's ``isdeleted`` (or ``is_deleted``) as a bool, False when it has neither."""
    flags: list[Any] = [e.get("isdeleted") for e in entries]
    if set(map(type, flags)) == {bool}:
        return flags  # every entry has isdeleted, a bool: bool(flag) is flag
    if set(map(type, flags)) == {_NONE} and not any(map(_HAS_IS_DELETED, entries)):
        return [False] * len(entries)  # absent or null everywhere, and no is_deleted either
    return [bool(e.get("isdeleted", e.get("is_deleted", False))) for e in entries]


_HAS_IS_DELETED = operator.methodcaller("__contains__", "is_deleted")


_GENDER_SET = frozenset(GENDERS)


class _SlowPath(Exception):
    """A page the column-wise checks leave to the record-wise parser."""
