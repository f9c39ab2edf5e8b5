"""Client for SCB's Statistikdatabasen through PxWebApi 2.0, and a JSON-stat 2.0 parser.

What the ETL needs from SCB, and why it is done this way:

- ``/config`` publishes the call limit and the cell limit; they are read at run time (the
  published numbers disagree between pages) and the SCB limiter of the runtime is set from them.
- ``/tables/{id}`` is cheap and carries ``updated``; jobs compare it with what they loaded last
  time and skip unchanged tables.
- Data is fetched with POST ``/tables/{id}/data`` (JSON body ``{"selection": [...]}``), which
  keeps long selections out of the URL. A selection larger than ``maxDataCells`` is split on
  its largest variable other than the contents variable, and split further if the server still
  answers "Too many cells selected"; the parts are merged back into one dataset.
- Table ids: the catalogue may still name a table by its PxWeb v1 path; the table search maps
  it to the v2 ``TAB`` id, matching the subject path the search returns.
"""

from __future__ import annotations

import itertools
import logging
import math
import operator
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

from levande.etl.sources.http import HttpClient, SourceError, SourceStatusError

logger = logging.getLogger(__name__)

SOURCE = "scb"
CONTENTS_CODE = "ContentsCode"
_TABLE_ID = re.compile(r"^TAB\d+$", re.IGNORECASE)
_MAX_SEARCH_PAGES = 10
LIMIT_BEFORE_CONFIG = (10, 10.0)
"""Calls per window seconds until ``/config`` has been read: scb.se publishes 10 per 10 s."""


@dataclass(frozen=True, slots=True)
class ScbLimits:
    """The limits SCB announces at ``/config``."""

    max_data_cells: int
    max_calls: int
    time_window: int
    """Seconds in which at most ``max_calls`` calls are allowed."""


@dataclass(frozen=True, slots=True)
class ScbTable:
    """The cheap per-table record of ``/tables/{id}``, used for change detection."""

    id: str
    label: str
    updated: datetime | None
    """When the figures were last updated (aware, UTC)."""
    discontinued: bool
    variable_names: tuple[str, ...] = ()
    first_period: str | None = None
    last_period: str | None = None
    time_unit: str | None = None
    paths: tuple[tuple[str, ...], ...] = ()
    """Subject-tree paths as id tuples, e.g. ``("BE", "BE0101", "BE0101A")``."""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ScbUnit:
    """Unit of a contents value: base (e.g. ``antal``, ``procent``) and published decimals."""

    base: str
    decimals: int | None


@dataclass(frozen=True, slots=True)
class ScbVariable:
    """One variable of a table as the metadata describes it."""

    code: str
    label: str
    values: tuple[str, ...]
    """Value codes in table order."""
    value_labels: Mapping[str, str]
    elimination: bool
    """Whether the variable may be left out of a selection."""
    elimination_value_code: str | None
    is_time: bool
    is_contents: bool
    codelists: tuple[str, ...]
    """Ids of the codelists (value sets, aggregations) offered for the variable."""
    units: Mapping[str, ScbUnit]
    """For the contents variable: unit per value code."""


@dataclass(frozen=True, slots=True)
class ScbMetadata:
    """Table metadata from ``/tables/{id}/metadata`` (JSON-stat 2.0 without values)."""

    table_id: str
    label: str
    updated: datetime | None
    source: str | None
    notes: tuple[str, ...]
    variables: tuple[ScbVariable, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def variable(self, code: str) -> ScbVariable:
        """The variable with this code (case-insensitive, as the server matches codes).

        Raises:
            KeyError: when the table has no such variable.
        """
        for var in self.variables:
            if var.code.lower() == code.lower():
                return var
        raise KeyError(code)

    @property
    def contents_variable(self) -> ScbVariable | None:
        """The contents (metric) variable, usually ``ContentsCode``."""
        return next((v for v in self.variables if v.is_contents), None)

    @property
    def time_variable(self) -> ScbVariable | None:
        """The time variable, usually ``Tid``."""
        return next((v for v in self.variables if v.is_time), None)


@dataclass(frozen=True, slots=True)
class ScbCell:
    """One published cell: its value code per dimension, the value and the status symbol."""

    codes: dict[str, str]
    value: float | None
    status: str | None


@dataclass(frozen=True, slots=True)
class ScbDimension:
    """One dimension of a dataset: id, label and category codes in dataset order."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]


class ScbDataset:
    """Cells of a JSON-stat 2.0 dataset, dense and row-major (last dimension fastest).

    Values are Python floats exactly as parsed from the JSON, never rounded; ``None`` is a
    missing value, usually with a status symbol such as ``".."``.
    """

    def __init__(
        self,
        *,
        label: str,
        updated: datetime | None,
        source: str | None,
        table_id: str | None,
        dimensions: Sequence[ScbDimension],
        values: Sequence[float | None],
        status: Mapping[int, str],
        present: Sequence[bool] | None = None,
    ) -> None:
        """Wrap parsed cells; ``present`` marks which cells exist (all when ``None``)."""
        self.label = label
        self.updated = updated
        self.source = source
        self.table_id = table_id
        self.dimensions = tuple(dimensions)
        self._values = list(values)
        self._status = dict(status)
        self._present = list(present) if present is not None else None
        expected = math.prod(len(d.codes) for d in self.dimensions)
        if len(self._values) != expected:
            raise ValueError(f"{len(self._values)} values for {expected} cells")

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        """Dimension ids in dataset order."""
        return tuple(d.id for d in self.dimensions)

    def dimension(self, dim_id: str) -> ScbDimension:
        """The dimension with this id."""
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)

    def __len__(self) -> int:
        if self._present is None:
            return len(self._values)
        return sum(self._present)

    def rows(self) -> Iterator[ScbCell]:
        """One cell per combination of categories, in row-major order."""
        ids = self.dimension_ids
        present = self._present
        for i, combo in enumerate(itertools.product(*(d.codes for d in self.dimensions))):
            if present is not None and not present[i]:
                continue
            yield ScbCell(dict(zip(ids, combo, strict=True)), self._values[i], self._status.get(i))

    def cell(self, **codes: str) -> ScbCell | None:
        """The cell at these codes (one keyword per dimension), or None if absent."""
        index = 0
        for dim in self.dimensions:
            try:
                position = dim.codes.index(codes[dim.id])
            except (KeyError, ValueError):
                return None
            index = index * len(dim.codes) + position
        if self._present is not None and not self._present[index]:
            return None
        return ScbCell(
            {d.id: codes[d.id] for d in self.dimensions},
            self._values[index],
            self._status.get(index),
        )

    @classmethod
    def merge(
        cls, parts: Sequence[ScbDataset], order: Mapping[str, Sequence[str]] | None = None
    ) -> ScbDataset:
        """Combine datasets of one table fetched in parts into one dataset.

        Args:
            parts: Datasets with the same dimension ids.
            order: Table order of the codes per dimension (from the metadata); merged
                categories follow it, codes it does not know come last.

        Raises:
            SourceError: when the parts do not have the same dimensions.
        """
        if not parts:
            raise ValueError("nothing to merge")
        if len(parts) == 1:
            return parts[0]
        first = parts[0]
        ids = first.dimension_ids
        for part in parts[1:]:
            if part.dimension_ids != ids:
                raise SourceError(
                    SOURCE,
                    first.table_id or "",
                    None,
                    f"parts of one query came back with different dimensions: "
                    f"{list(ids)} and {list(part.dimension_ids)}",
                )
        dims: list[ScbDimension] = []
        for position, dim_id in enumerate(ids):
            seen: dict[str, str] = {}
            for part in parts:
                dim = part.dimensions[position]
                for code in dim.codes:
                    seen.setdefault(code, dim.labels.get(code, code))
            rank = {code: i for i, code in enumerate((order or {}).get(dim_id, ()))}
            first_seen = {code: i for i, code in enumerate(seen)}
            codes = sorted(seen, key=lambda c: (rank.get(c, len(rank)), first_seen[c]))
            dims.append(ScbDimension(dim_id, first.dimensions[position].label, tuple(codes), seen))
        sizes = [len(d.codes) for d in dims]
        total = math.prod(sizes)
        values: list[float | None] = [None] * total
        present = [False] * total
        status: dict[int, str] = {}
        strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
        for part in parts:
            mapped = [
                [dims[i].codes.index(code) * strides[i] for code in part.dimensions[i].codes]
                for i in range(len(dims))
            ]
            for flat, offsets in enumerate(itertools.product(*mapped)):
                if part._present is not None and not part._present[flat]:
                    continue
                target = sum(offsets)
                values[target] = part._values[flat]
                present[target] = True
                mark = part._status.get(flat)
                if mark is not None:
                    status[target] = mark
                else:
                    status.pop(target, None)
        updated = max((p.updated for p in parts if p.updated is not None), default=None)
        return cls(
            label=first.label,
            updated=updated,
            source=first.source,
            table_id=first.table_id,
            dimensions=dims,
            values=values,
            status=status,
            present=None if all(present) else present,
        )


# -- parsing -------------------------------------------------------------------------------


def parse_updated(text: Any) -> datetime | None:
    """Parse an ``updated`` timestamp as an aware UTC datetime (naive ones are taken as UTC).

    SCB writes ``2026-06-08T06:00:00Z``; the spec's examples add 7 fractional digits.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_jsonstat2(doc: Any, *, url: str = "") -> ScbDataset:
    """Parse a JSON-stat 2.0 dataset (the ``json-stat2`` output of PxWebApi).

    Handles ``value`` as a list (dense, row-major, last dimension fastest) or as a dict
    ``{"index": value}`` (the sparse form of JSON-stat), and ``status`` as a dict, a list or
    a single string for all cells. Checks the structure so that a changed or broken answer
    fails loudly instead of shifting values onto the wrong categories.

    Args:
        doc: The decoded JSON document.
        url: Where it came from, for the error message.

    Raises:
        SourceError: naming what does not fit (e.g. "size does not match value").
    """
    where = url or "json-stat2 document"

    def fail(reason: str) -> NoReturn:
        raise SourceError(SOURCE, where, None, f"bad JSON-stat 2.0: {reason}")

    if not isinstance(doc, dict):
        fail(f"expected an object, got {type(doc).__name__}")
    if "dataset" in doc and "id" not in doc:
        fail("this is JSON-stat 1.x (a 'dataset' wrapper); ask for outputFormat=json-stat2")
    if doc.get("class", "dataset") != "dataset":
        fail(f"class is {doc.get('class')!r}, not 'dataset'")
    ids = doc.get("id")
    sizes = doc.get("size")
    dims = doc.get("dimension")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        fail("'id' must be a list of strings")
    if not isinstance(sizes, list) or not all(_is_int(s) and s >= 0 for s in sizes):
        fail("'size' must be a list of non-negative integers")
    if len(ids) != len(sizes):
        fail(f"'id' has {len(ids)} entries but 'size' has {len(sizes)}")
    if len(set(ids)) != len(ids):
        fail(f"'id' repeats a dimension: {ids}")
    if not isinstance(dims, dict):
        fail("'dimension' must be an object")
    dimensions: list[ScbDimension] = []
    for dim_id, size in zip(ids, sizes, strict=True):
        dim = dims.get(dim_id)
        if not isinstance(dim, dict):
            fail(f"dimension {dim_id!r} is listed in 'id' but missing from 'dimension'")
        category = dim.get("category")
        if not isinstance(category, dict):
            fail(f"dimension {dim_id!r} has no category")
        codes = _category_codes(category, dim_id, fail)
        if len(codes) != size:
            fail(f"dimension {dim_id!r} has {len(codes)} categories but size says {size}")
        raw_labels = category.get("label")
        labels = raw_labels if isinstance(raw_labels, dict) else {}
        dimensions.append(
            ScbDimension(
                dim_id,
                str(dim.get("label") or dim_id),
                tuple(codes),
                {code: str(labels.get(code, code)) for code in codes},
            )
        )
    total = math.prod(sizes)
    values = _parse_values(doc.get("value"), total, fail)
    status = _parse_status(doc.get("status"), total, fail)
    extension = doc.get("extension")
    px = extension.get("px") if isinstance(extension, dict) else None
    table_id = px.get("tableid") if isinstance(px, dict) else None
    return ScbDataset(
        label=str(doc.get("label") or ""),
        updated=parse_updated(doc.get("updated")),
        source=doc.get("source") if isinstance(doc.get("source"), str) else None,
        table_id=table_id if isinstance(table_id, str) else None,
        dimensions=dimensions,
        values=values,
        status=status,
    )


_Fail = Callable[[str], NoReturn]


def _obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (optional parts of a document)."""
    return value if isinstance(value, dict) else {}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _category_codes(category: dict[str, Any], dim_id: str, fail: _Fail) -> list[str]:
    index = category.get("index")
    if isinstance(index, list):
        if not all(isinstance(code, str) for code in index):
            fail(f"category index of {dim_id!r} must list strings")
        return list(index)
    if isinstance(index, dict):
        if set(map(type, index.values())) <= {int}:  # the usual: positions, no call per code
            positions = sorted(index.items(), key=operator.itemgetter(1))
        else:
            positions = sorted(index.items(), key=lambda item: item[1] if _is_int(item[1]) else -1)
        if [pos for _, pos in positions] != list(range(len(positions))):
            fail(f"category index of {dim_id!r} is not the positions 0..{len(positions) - 1}")
        return [str(code) for code, _ in positions]
    labels = category.get("label")
    # JSON-stat lets a single-category dimension omit the index.
    if index is None and isinstance(labels, dict) and len(labels) == 1:
        return [str(next(iter(labels)))]
    fail(f"dimension {dim_id!r} has no category index")


_PLAIN_NUMBERS = frozenset({int, float, type(None)})


def _number(value: Any, position: int, fail: _Fail) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(f"value[{position}] is not a number: {value!r}")
    return float(value)


def _parse_values(raw: Any, total: int, fail: _Fail) -> list[float | None]:
    if isinstance(raw, list):
        if len(raw) != total:
            fail(f"size does not match value: the sizes give {total} cells, value has {len(raw)}")
        if set(map(type, raw)) <= _PLAIN_NUMBERS:  # what _number accepts, without a call each
            return [None if v is None else float(v) for v in raw]
        return [_number(v, i, fail) for i, v in enumerate(raw)]
    if isinstance(raw, dict):
        values: list[float | None] = [None] * total
        for key, value in raw.items():
            position = _position(key, total, "value", fail)
            values[position] = _number(value, position, fail)
        return values
    fail("'value' must be a list or an object")


def _parse_status(raw: Any, total: int, fail: _Fail) -> dict[int, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {i: raw for i in range(total)} if raw else {}
    if isinstance(raw, list):
        if len(raw) != total:
            fail(f"status list has {len(raw)} entries for {total} cells")
        return {i: str(s) for i, s in enumerate(raw) if s not in (None, "")}
    if isinstance(raw, dict):
        status: dict[int, str] = {}
        for key, symbol in raw.items():
            if symbol not in (None, ""):
                status[_position(key, total, "status", fail)] = str(symbol)
        return status
    fail("'status' must be a string, a list or an object")


def _position(key: Any, total: int, what: str, fail: _Fail) -> int:
    try:
        position = int(key)
    except (TypeError, ValueError):
        fail(f"{what} key {key!r} is not a cell index")
    if not 0 <= position < total:
        fail(f"{what} key {key!r} is outside the {total} cells")
    return position


def parse_table(doc: Any, *, url: str = "") -> ScbTable:
    """Parse a ``Table`` record (from ``/tables/{id}`` or one entry of ``/tables``)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        raise SourceError(SOURCE, url, None, "expected a table record with an 'id'")
    paths: list[tuple[str, ...]] = []
    for path in doc.get("paths") or []:
        if isinstance(path, list):
            paths.append(tuple(str(p.get("id")) for p in path if isinstance(p, dict)))
    return ScbTable(
        id=doc["id"],
        label=str(doc.get("label") or ""),
        updated=parse_updated(doc.get("updated")),
        discontinued=bool(doc.get("discontinued")),
        variable_names=tuple(str(n) for n in doc.get("variableNames") or []),
        first_period=doc.get("firstPeriod"),
        last_period=doc.get("lastPeriod"),
        time_unit=doc.get("timeUnit"),
        paths=tuple(paths),
        raw=doc,
    )


def parse_metadata(doc: Any, *, table_id: str = "", url: str = "") -> ScbMetadata:
    """Parse ``/tables/{id}/metadata`` (JSON-stat 2.0 with an empty ``value``)."""
    where = url or "metadata document"

    def fail(reason: str) -> NoReturn:
        raise SourceError(SOURCE, where, None, f"bad table metadata: {reason}")

    if not isinstance(doc, dict):
        fail("expected an object")
    ids = doc.get("id")
    dims = doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(dims, dict):
        fail("'id' and 'dimension' are required")
    role = _obj(doc.get("role"))
    time_ids = set(role.get("time") or [])
    metric_ids = set(role.get("metric") or [])
    variables: list[ScbVariable] = []
    for code in ids:
        dim = dims.get(code)
        if not isinstance(dim, dict) or not isinstance(dim.get("category"), dict):
            fail(f"variable {code!r} has no category")
        category = dim["category"]
        codes = _category_codes(category, code, fail)
        labels = _obj(category.get("label"))
        extension = _obj(dim.get("extension"))
        units: dict[str, ScbUnit] = {}
        for value_code, unit in _obj(category.get("unit")).items():
            if isinstance(unit, dict):
                decimals = unit.get("decimals")
                units[value_code] = ScbUnit(
                    str(unit.get("base") or ""), decimals if _is_int(decimals) else None
                )
        codelists = tuple(
            str(c["id"])
            for c in extension.get("codelists") or []
            if isinstance(c, dict) and "id" in c
        )
        elimination_code = extension.get("eliminationValueCode")
        variables.append(
            ScbVariable(
                code=code,
                label=str(dim.get("label") or code),
                values=tuple(codes),
                value_labels={c: str(labels.get(c, c)) for c in codes},
                elimination=bool(extension.get("elimination", False)),
                elimination_value_code=elimination_code
                if isinstance(elimination_code, str)
                else None,
                is_time=code in time_ids,
                is_contents=code in metric_ids or (not metric_ids and code == CONTENTS_CODE),
                codelists=codelists,
                units=units,
            )
        )
    found_id = _obj(_obj(doc.get("extension")).get("px")).get("tableid")
    notes = doc.get("note")
    return ScbMetadata(
        table_id=found_id if isinstance(found_id, str) else table_id,
        label=str(doc.get("label") or ""),
        updated=parse_updated(doc.get("updated")),
        source=doc.get("source") if isinstance(doc.get("source"), str) else None,
        notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (),
        variables=tuple(variables),
        raw=doc,
    )


# -- selection expressions -----------------------------------------------------------------

_COUNT_EXPR = re.compile(r"^(TOP|BOTTOM)\((\d+)(?:,(\d+))?\)$", re.IGNORECASE)
_BOUND_EXPR = re.compile(r"^(FROM|TO)\((.+)\)$", re.IGNORECASE)
_RANGE_EXPR = re.compile(r"^RANGE\(([^,]+),([^,]+)\)$", re.IGNORECASE)


def expand_value_codes(
    requested: Sequence[str], codes: Sequence[str], *, is_time: bool = False
) -> list[str]:
    """Expand codes and selection expressions against a variable's codes, in table order.

    Follows PxWebApi 2.0: ``*`` and ``?`` wildcards, ``TOP(n[,offset])`` and
    ``BOTTOM(n[,offset])`` (for time variables TOP counts from the latest period),
    ``RANGE(a,b)``, ``FROM(a)`` and ``TO(a)``, optionally in ``[...]`` brackets. Plain codes
    not in ``codes`` are kept (the server will name them in its error); they come last.
    """
    position = {code: i for i, code in enumerate(codes)}
    picked: set[str] = set()
    unknown: list[str] = []
    for raw in requested:
        expr = raw.strip()
        if expr.startswith("[") and expr.endswith("]"):
            expr = expr[1:-1].strip()
        if "(" not in expr and "*" not in expr and "?" not in expr:
            # A plain code (no expression can match it): thousands of area codes per request.
            if expr in position:
                picked.add(expr)
            elif expr not in unknown:
                unknown.append(expr)
            continue
        count = _COUNT_EXPR.match(expr)
        bound = _BOUND_EXPR.match(expr)
        span = _RANGE_EXPR.match(expr)
        if count:
            n, offset = int(count.group(2)), int(count.group(3) or 0)
            from_end = (count.group(1).upper() == "TOP") == is_time
            ordered = list(codes)[::-1] if from_end else list(codes)
            picked.update(ordered[offset : offset + n])
        elif span and span.group(1).strip() in position and span.group(2).strip() in position:
            lo, hi = sorted((position[span.group(1).strip()], position[span.group(2).strip()]))
            picked.update(codes[lo : hi + 1])
        elif bound and bound.group(2).strip() in position:
            at = position[bound.group(2).strip()]
            picked.update(codes[at:] if bound.group(1).upper() == "FROM" else codes[: at + 1])
        elif "*" in expr or "?" in expr:
            regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in expr)
            pattern = re.compile(f"^{regex}$")
            picked.update(code for code in codes if pattern.match(code))
        elif expr in position:
            picked.add(expr)
        elif expr not in unknown:
            unknown.append(expr)
    return [code for code in codes if code in picked] + unknown


# -- the client ----------------------------------------------------------------------------


@dataclass
class _Part:
    """A piece of a data query: what is sent per variable, and the codes it stands for."""

    sent: dict[str, list[str]]
    codes: dict[str, list[str]]

    @property
    def cells(self) -> int:
        return math.prod(len(c) for c in self.codes.values())


class ScbClient:
    """Reads tables, metadata and data from PxWebApi 2.0."""

    def __init__(self, base_url: str, http: HttpClient, *, lang: str = "sv") -> None:
        """Create a client.

        What it learns (the limits, metadata, v1 paths resolved to ``TAB`` ids) it keeps for
        its own lifetime, one run: the next run asks the source afresh.

        Args:
            base_url: API root, e.g. ``https://statistikdatabasen.scb.se/api/v2``.
            http: HTTP client to use, with the runtime's SCB rate limiter
                (``levande.etl.sources.Sources`` builds both).
            lang: Language of labels (``sv`` or ``en``).
        """
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.lang = lang
        self._limits: ScbLimits | None = None
        self._cell_budget: int | None = None
        self._metadata: dict[tuple[str, tuple[tuple[str, str], ...]], ScbMetadata] = {}
        self._resolved: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- limits ---------------------------------------------------------------------------

    def config(self) -> ScbLimits:
        """The announced limits (read once per client); sets the SCB rate limiter from them."""
        with self._lock:
            if self._limits is not None:
                return self._limits
        url = f"{self.base_url}/config"
        doc = self.http.get_json(url)
        try:
            limits = ScbLimits(
                max_data_cells=int(doc["maxDataCells"]),
                max_calls=int(doc["maxCallsPerTimeWindow"]),
                time_window=int(doc["timeWindow"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(
                SOURCE, url, 200, f"config lacks a usable maxDataCells/maxCalls/timeWindow: {exc}"
            ) from exc
        if min(limits.max_data_cells, limits.max_calls, limits.time_window) < 1:
            raise SourceError(SOURCE, url, 200, f"config announces impossible limits: {limits}")
        if self.http.limiter is not None:
            self.http.limiter.reconfigure(limits.max_calls, limits.time_window)
        logger.info(
            "SCB limits: %d cells per call, %d calls per %d s",
            limits.max_data_cells,
            limits.max_calls,
            limits.time_window,
        )
        with self._lock:
            self._limits = limits
        return limits

    # -- tables and metadata --------------------------------------------------------------

    def table(self, table_id: str) -> ScbTable:
        """The table record; its ``updated`` tells whether the figures changed."""
        url = f"{self.base_url}/tables/{table_id}"
        return parse_table(self.http.get_json(url, {"lang": self.lang}), url=url)

    def search_tables(
        self,
        query: str | None = None,
        *,
        past_days: int | None = None,
        include_discontinued: bool = False,
        page_size: int = 100,
        max_pages: int = _MAX_SEARCH_PAGES,
    ) -> list[ScbTable]:
        """Tables matching a search and/or updated in the last ``past_days`` days.

        ``past_days`` alone is SCB's change feed: the tables whose figures changed recently.
        """
        url = f"{self.base_url}/tables"
        params: dict[str, str] = {"lang": self.lang, "pageSize": str(page_size)}
        if query:
            params["query"] = query
        if past_days is not None:
            params["pastDays"] = str(past_days)
        if include_discontinued:
            params["includeDiscontinued"] = "true"
        tables: list[ScbTable] = []
        page = 1
        while True:
            params["pageNumber"] = str(page)
            doc = self.http.get_json(url, params)
            if not isinstance(doc, dict) or not isinstance(doc.get("tables"), list):
                raise SourceError(SOURCE, url, 200, "table search answer has no 'tables' list")
            tables.extend(parse_table(t, url=url) for t in doc["tables"])
            info = _obj(doc.get("page"))
            total_pages = info.get("totalPages")
            if not isinstance(total_pages, int) or page >= total_pages:
                return tables
            if page >= max_pages:
                logger.warning("table search %r stopped after %d pages", query, max_pages)
                return tables
            page += 1

    def metadata(self, table_id: str, codelists: Mapping[str, str] | None = None) -> ScbMetadata:
        """Variables, value codes, units and notes of a table (cached per client).

        Args:
            table_id: The ``TAB`` id.
            codelists: Codelist to apply per variable, e.g. ``{"Region": "vs_RegionKommun07"}``;
                the value codes are then those of the codelist.
        """
        key = (table_id.upper(), tuple(sorted((codelists or {}).items())))
        with self._lock:
            cached = self._metadata.get(key)
        if cached is not None:
            return cached
        url = f"{self.base_url}/tables/{table_id}/metadata"
        params = {"lang": self.lang}
        for variable, codelist in (codelists or {}).items():
            params[f"codelist[{variable}]"] = codelist
        meta = parse_metadata(self.http.get_json(url, params), table_id=table_id, url=url)
        with self._lock:
            self._metadata[key] = meta
        return meta

    def resolve_table_id(self, v1_path: str) -> str:
        """Map a PxWeb v1 table path (``BE/BE0101/BE0101A/BefolkningNy``) to its ``TAB`` id.

        Searches for the v1 table name and keeps the hits whose subject path equals the v1
        folders; the answer is kept by this client (the ETL also stores it with the
        indicator's source state, so later runs need not search).

        Raises:
            SourceError: when no table, or more than one, matches.
        """
        parts = [p for p in v1_path.strip().strip("/").split("/") if p]
        while parts and parts[0].lower() in ("ssd", "start"):
            parts = parts[1:]
        if not parts:
            raise ValueError(f"not a table path: {v1_path!r}")
        if len(parts) == 1 and _TABLE_ID.match(parts[0]):
            return parts[0].upper()
        key = "/".join(parts).lower()
        with self._lock:
            known = self._resolved.get(key)
        if known is not None:
            return known
        name, folders = parts[-1], [p.lower() for p in parts[:-1]]
        hits = self.search_tables(name, include_discontinued=True)

        def under_folders(table: ScbTable) -> bool:
            return any(
                [p.lower() for p in path[-len(folders) :]] == folders
                for path in table.paths
                if len(path) >= len(folders)
            )

        matches = [t for t in hits if under_folders(t)] if folders else hits
        if len(matches) > 1:
            exact = [t for t in matches if t.id.lower() == name.lower()]
            matches = exact or matches
        where = f"{self.base_url}/tables?query={name}"
        if not matches:
            elsewhere = ", ".join(
                f"{t.id} ({'/'.join(t.paths[0]) if t.paths else '?'})" for t in hits[:5]
            )
            raise SourceError(
                SOURCE,
                where,
                None,
                f"no v2 table for v1 path {v1_path!r}: the search for {name!r} found "
                + (f"only tables elsewhere: {elsewhere}" if hits else "nothing"),
            )
        if len(matches) > 1:
            listed = ", ".join(f"{t.id} {t.label!r}" for t in matches[:5])
            raise SourceError(
                SOURCE,
                where,
                None,
                f"v1 path {v1_path!r} is ambiguous: {len(matches)} tables under "
                f"{'/'.join(parts[:-1])} match ({listed}); name the TAB id instead",
            )
        table_id = matches[0].id
        logger.info("v1 path %s is %s", v1_path, table_id)
        with self._lock:
            self._resolved[key] = table_id
        return table_id

    # -- data -----------------------------------------------------------------------------

    def fetch(
        self,
        table_id: str,
        selection: Mapping[str, Sequence[str]],
        codelists: Mapping[str, str] | None = None,
    ) -> ScbDataset:
        """Fetch the cells of a selection, split into as many calls as the cell limit needs.

        Args:
            table_id: The ``TAB`` id.
            selection: Value codes or selection expressions per variable code; variables left
                out are eliminated by the server (only allowed where the table permits it).
            codelists: Codelist per variable (each must also be in ``selection``).

        Returns:
            One dataset with the cells of every part, categories in table order.

        Raises:
            SourceError: when the server refuses the query or an answer is broken.
            ValueError: when a codelist names a variable that is not selected.
        """
        if not selection:
            raise ValueError("an empty selection would fetch the default selection; be explicit")
        for variable in codelists or {}:
            if variable not in selection:
                raise ValueError(f"codelist for {variable!r}, which is not in the selection")
        limits = self.config()
        meta = self.metadata(table_id, codelists)
        sent: dict[str, list[str]] = {}
        codes: dict[str, list[str]] = {}
        for code, values in selection.items():
            try:
                var = meta.variable(code)
            except KeyError:
                known = ", ".join(v.code for v in meta.variables)
                raise SourceError(
                    SOURCE,
                    f"{self.base_url}/tables/{table_id}",
                    None,
                    f"{table_id} has no variable {code!r} (it has {known})",
                ) from None
            if isinstance(values, str):
                raise ValueError(f"values for {code!r} must be a list, not a string")
            sent[var.code] = list(values)
            codes[var.code] = expand_value_codes(list(values), var.values, is_time=var.is_time)
        contents = meta.contents_variable.code if meta.contents_variable else CONTENTS_CODE
        codelist_by_var = {meta.variable(v).code: c for v, c in (codelists or {}).items()}
        with self._lock:
            budget = min(limits.max_data_cells, self._cell_budget or limits.max_data_cells)
        parts = _plan(_Part(sent, codes), contents, budget)
        if len(parts) > 1:
            logger.info(
                "%s: %d cells over %d calls (limit %d cells per call)",
                table_id,
                _Part(sent, codes).cells,
                len(parts),
                budget,
            )
        datasets: list[ScbDataset] = []
        for part in parts:
            datasets.extend(self._fetch_part(table_id, part, contents, codelist_by_var))
        order = {v.code: v.values for v in meta.variables}
        return ScbDataset.merge(datasets, order)

    def _fetch_part(
        self, table_id: str, part: _Part, contents: str, codelists: Mapping[str, str]
    ) -> list[ScbDataset]:
        url = f"{self.base_url}/tables/{table_id}/data"
        body = {
            "selection": [
                {"variableCode": variable, "valueCodes": values}
                | ({"codelist": codelists[variable]} if variable in codelists else {})
                for variable, values in part.sent.items()
            ]
        }
        params = {"lang": self.lang, "outputFormat": "json-stat2"}
        try:
            doc = self.http.post_json(url, body, params)
        except SourceError as exc:
            if not _too_many_cells(exc):
                raise
            smaller = max(1, part.cells // 2)
            pieces = _plan(part, contents, smaller)
            if len(pieces) < 2:
                raise SourceStatusError(
                    SOURCE,
                    exc.url,
                    exc.status,
                    f"server says too many cells for {part.cells} cells and the query cannot be "
                    f"split further (only {contents} has several values)",
                    detail=exc.detail,
                    attempts=exc.attempts,
                ) from exc
            logger.warning(
                "%s: server refused %d cells as too many; retrying in %d parts",
                table_id,
                part.cells,
                len(pieces),
            )
            with self._lock:
                self._cell_budget = min(self._cell_budget or smaller, smaller)
            return [
                d
                for piece in pieces
                for d in self._fetch_part(table_id, piece, contents, codelists)
            ]
        return [parse_jsonstat2(doc, url=url)]


def _too_many_cells(exc: SourceError) -> bool:
    """Whether an error is SCB refusing a query for its size (400 in v2, 403 in v1 and spec)."""
    if exc.status not in (400, 403):
        return False
    text = f"{exc.detail or ''} {exc.reason}".lower()
    return "too many" in text and ("cell" in text or "value" in text)


def _plan(part: _Part, contents: str, budget: int) -> list[_Part]:
    """Split a query into parts of at most ``budget`` cells.

    Splits the variable with most values other than the contents variable (whose values are
    different measures and are never split), chunking its expanded codes; recurses while a
    part is still too big. A variable that is split is sent as explicit codes, so selection
    expressions such as ``TOP(5)`` are never cut in pieces.
    """
    if part.cells <= budget:
        return [part]
    candidates = [v for v in part.codes if v != contents and len(part.codes[v]) > 1]
    if not candidates:
        return [part]
    variable = max(candidates, key=lambda v: len(part.codes[v]))
    values = part.codes[variable]
    rest = part.cells // len(values)
    per_call = max(1, budget // rest)
    pieces: list[_Part] = []
    for start in range(0, len(values), per_call):
        chunk = values[start : start + per_call]
        sent = dict(part.sent)
        sent[variable] = chunk
        codes = dict(part.codes)
        codes[variable] = chunk
        pieces.extend(_plan(_Part(sent, codes), contents, budget))
    return pieces
