"""A fake SCB PxWebApi 2.0 server holding tables in memory.

It answers ``/config``, ``/tables`` (with ``query``, ``pastDays`` and paging),
``/tables/{id}``, ``/tables/{id}/metadata`` and ``/tables/{id}/data`` (POST and GET) in the
shapes of the real service: JSON-stat 2.0 with ``extension.px``, problem JSON errors with the
reference server's titles ("Non-existent table", "Too many cells selected"...), and a
``maxDataCells`` limit that it enforces. Helpers revise cells and bump ``updated`` so change
detection can be tested.

Responses are built from plain lists and dicts with one pass over the selected cells, so the
fake also serves national-size tables (312 regions x 20 years x several measures) quickly.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from testkit.fakes.server import FakeServer, RecordedRequest, Reply

Number = int | float


@dataclass
class FakeCodelist:
    """A value set offered for a variable: a subset of its codes under another id."""

    label: str
    values: list[str]
    type: str = "Valueset"


@dataclass
class FakeVariable:
    """One variable of a table, with its value codes in table order."""

    code: str
    label: str
    values: list[str]
    value_labels: dict[str, str] | None = None
    elimination: bool = False
    elimination_value_code: str | None = None
    time: bool = False
    contents: bool = False
    units: dict[str, tuple[str, int]] = field(default_factory=dict)
    """For the contents variable: value code -> (unit base, decimals)."""
    codelists: dict[str, FakeCodelist] = field(default_factory=dict)
    note: list[str] = field(default_factory=list)

    def label_of(self, code: str) -> str:
        """Display text of a value (the code itself unless a label was given)."""
        if self.value_labels and code in self.value_labels:
            return self.value_labels[code]
        return code


@dataclass
class FakeTable:
    """A table: variables, cells keyed by value-code tuples in variable order, and status."""

    id: str
    label: str
    variables: list[FakeVariable]
    updated: datetime
    cells: dict[tuple[str, ...], Number | None] = field(default_factory=dict)
    status: dict[tuple[str, ...], str] = field(default_factory=dict)
    paths: list[list[tuple[str, str]]] = field(default_factory=list)
    """Subject-tree paths, each a list of (id, label) from the top level down."""
    legacy_id: str | None = None
    """The PxWeb v1 table name (e.g. ``BefolkningNy``); the search finds it like SCB's index."""
    description: str = ""
    discontinued: bool = False
    source: str = "SCB"
    notes: list[str] = field(default_factory=list)
    time_unit: str = "Annual"

    def variable(self, code: str) -> FakeVariable | None:
        """The variable with this code (case-insensitive, as the reference server matches)."""
        for var in self.variables:
            if var.code.lower() == code.lower():
                return var
        return None

    def key(self, codes: Mapping[str, str] | tuple[str, ...]) -> tuple[str, ...]:
        """A cell key from a {variable: code} mapping (or a tuple already in order)."""
        if isinstance(codes, tuple):
            if len(codes) != len(self.variables):
                raise ValueError(f"{self.id} has {len(self.variables)} variables")
            return codes
        return tuple(codes[v.code] for v in self.variables)


class FakeScb(FakeServer):
    """The fake SCB API, served under ``/api/v2`` like the real one."""

    def __init__(
        self,
        *,
        max_data_cells: int = 150_000,
        announced_max_data_cells: int | None = None,
        max_calls: int = 1000,
        time_window: int = 10,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """Create an empty fake.

        Args:
            max_data_cells: Cells allowed per data request, enforced with a 400 answer.
            announced_max_data_cells: ``maxDataCells`` to announce in /config when it should
                differ from the enforced limit (SCB's published numbers disagree).
            max_calls: ``maxCallsPerTimeWindow`` announced in /config (not enforced).
            time_window: ``timeWindow`` in seconds announced in /config.
            now: Clock for ``pastDays``; defaults to the real UTC time.
        """
        super().__init__("/api/v2")
        self.max_data_cells = max_data_cells
        self.announced_max_data_cells = announced_max_data_cells
        self.max_calls = max_calls
        self.time_window = time_window
        self.now = now or (lambda: datetime.now(UTC))
        self.tables: dict[str, FakeTable] = {}

    # -- data helpers ---------------------------------------------------------------------

    def add_table(self, table: FakeTable) -> FakeTable:
        """Add (or replace) a table."""
        self.tables[table.id.upper()] = table
        return table

    def table(self, table_id: str) -> FakeTable:
        """The table with this id."""
        return self.tables[table_id.upper()]

    def set_cell(
        self,
        table_id: str,
        codes: Mapping[str, str] | tuple[str, ...],
        value: Number | None,
        status: str | None = None,
        *,
        touch: bool = True,
    ) -> None:
        """Publish or revise one cell; ``touch`` bumps the table's ``updated`` to now."""
        table = self.table(table_id)
        key = table.key(codes)
        table.cells[key] = value
        if status is None:
            table.status.pop(key, None)
        else:
            table.status[key] = status
        if touch:
            self.bump_updated(table_id)

    def delete_cell(
        self, table_id: str, codes: Mapping[str, str] | tuple[str, ...], *, touch: bool = True
    ) -> None:
        """Withdraw one cell (it then reads as null)."""
        table = self.table(table_id)
        key = table.key(codes)
        table.cells.pop(key, None)
        table.status.pop(key, None)
        if touch:
            self.bump_updated(table_id)

    def bump_updated(self, table_id: str, when: datetime | None = None) -> datetime:
        """Set the table's ``updated`` (default: now, but always later than before)."""
        table = self.table(table_id)
        new = when or self.now().replace(microsecond=0)
        if when is None and new <= table.updated:
            new = table.updated + timedelta(seconds=1)
        table.updated = new
        return new

    # -- routing --------------------------------------------------------------------------

    def route(self, request: RecordedRequest) -> Reply:
        """Answer one request as SCB's PxWebApi 2.0 would."""
        parts = [p for p in request.path.split("/") if p]
        if request.method == "GET" and parts == ["config"]:
            return Reply.json(self._config())
        if parts and parts[0] == "tables":
            if len(parts) == 1 and request.method == "GET":
                return self._list_tables(request)
            table = self.tables.get(parts[1].upper()) if len(parts) >= 2 else None
            if table is None:
                return Reply.problem(404, "Non-existent table")
            if len(parts) == 2 and request.method == "GET":
                return Reply.json({"language": "sv", **self._table_record(table)})
            if len(parts) == 3 and parts[2] == "metadata" and request.method == "GET":
                return self._metadata(table, request)
            if len(parts) == 3 and parts[2] == "data" and request.method in ("GET", "POST"):
                return self._data(table, request)
        return Reply.problem(404, "Not found", f"No route for {request.method} {request.path}")

    # -- /config and /tables --------------------------------------------------------------

    def _config(self) -> dict[str, Any]:
        return {
            "apiVersion": "2.2.0",
            "appVersion": "1.0.0",
            "languages": [{"id": "en", "label": "English"}, {"id": "sv", "label": "Svenska"}],
            "defaultLanguage": "sv",
            "maxDataCells": self.announced_max_data_cells or self.max_data_cells,
            "maxCallsPerTimeWindow": self.max_calls,
            "timeWindow": self.time_window,
            "license": "https://creativecommons.org/share-your-work/public-domain/cc0/",
            "sourceReferences": [
                {"language": "en", "text": "Source: Statistics Sweden"},
                {"language": "sv", "text": "Källa: SCB"},
            ],
            "defaultDataFormat": "json-stat2",
            "dataFormats": ["json-stat2", "csv", "px", "xlsx", "html", "json-px"],
            "features": [{"id": "CORS", "params": [{"key": "enabled", "value": "True"}]}],
        }

    def _link(self, rel: str, path: str) -> dict[str, str]:
        return {"rel": rel, "hreflang": "sv", "href": f"{self.url}{path}"}

    def _table_record(self, table: FakeTable) -> dict[str, Any]:
        time_var = next((v for v in table.variables if v.time), None)
        record: dict[str, Any] = {
            "id": table.id,
            "label": table.label,
            "description": table.description,
            "sortCode": table.label,
            "updated": _iso(table.updated),
            "firstPeriod": time_var.values[0] if time_var and time_var.values else None,
            "lastPeriod": time_var.values[-1] if time_var and time_var.values else None,
            "category": "public",
            "variableNames": [v.label for v in table.variables],
            "source": table.source,
            "subjectCode": table.paths[0][0][0] if table.paths and table.paths[0] else "",
            "timeUnit": table.time_unit,
            "paths": [
                [{"id": pid, "label": plabel, "sortCode": plabel} for pid, plabel in path]
                for path in table.paths
            ],
            "links": [
                self._link("self", f"/tables/{table.id}?lang=sv"),
                self._link("metadata", f"/tables/{table.id}/metadata?lang=sv"),
                self._link("data", f"/tables/{table.id}/data?lang=sv&outputFormat=json-stat2"),
            ],
        }
        if table.discontinued:
            record["discontinued"] = True
        return record

    def _list_tables(self, request: RecordedRequest) -> Reply:
        query = (request.param("query") or "").strip()
        past_days = request.param("pastDays")
        include_discontinued = (request.param("includeDiscontinued") or "").lower() == "true"
        try:
            page_number = int(request.param("pageNumber") or 1)
            page_size = int(request.param("pageSize") or 20)
            days = int(past_days) if past_days else None
        except ValueError:
            return Reply.problem(
                400, "Bad Request", "pageNumber, pageSize and pastDays are integers"
            )
        if page_number < 1 or page_size < 1 or (days is not None and days < 1):
            return Reply.problem(
                400, "Bad Request", "pageNumber, pageSize and pastDays must be >= 1"
            )
        since = self.now() - timedelta(days=days) if days is not None else None
        words = [w.lower() for w in re.findall(r"\w+", query)]
        hits: list[tuple[int, str, FakeTable]] = []
        for table in self.tables.values():
            if table.discontinued and not include_discontinued:
                continue
            if since is not None and table.updated < since:
                continue
            score = _search_score(table, words) if words else 1
            if score:
                hits.append((-score, table.id, table))
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        total = len(hits)
        total_pages = max(1, math.ceil(total / page_size))
        if page_number > total_pages:
            return Reply.problem(404, "Non-existent page", "Non-existent page")
        start = (page_number - 1) * page_size
        page_tables = [self._table_record(t) for _, _, t in hits[start : start + page_size]]

        def page_link(rel: str, number: int) -> dict[str, str]:
            extra = f"&query={query}" if query else ""
            extra += f"&pastDays={days}" if days is not None else ""
            return self._link(
                rel, f"/tables/?lang=sv{extra}&pagesize={page_size}&pageNumber={number}"
            )

        page_links = []
        if page_number < total_pages:
            page_links.append(page_link("next", page_number + 1))
        if total_pages > 1:
            page_links.append(page_link("last", total_pages))
        return Reply.json(
            {
                "language": "sv",
                "tables": page_tables,
                "page": {
                    "pageNumber": page_number,
                    "pageSize": page_size,
                    "totalElements": total,
                    "totalPages": total_pages,
                    "links": page_links,
                },
                "links": [page_link("self", page_number)],
            }
        )

    # -- metadata -------------------------------------------------------------------------

    def _metadata(self, table: FakeTable, request: RecordedRequest) -> Reply:
        codelists, problem = _codelist_params(table, request.query)
        if problem is not None:
            return problem
        dims: dict[str, Any] = {}
        for var in table.variables:
            codes = _domain(var, codelists.get(var.code))
            dims[var.code] = self._dimension(var, codes, metadata=True)
        doc = self._dataset(table, [v.code for v in table.variables], dims, [], {})
        doc["size"] = [len(dims[v.code]["category"]["index"]) for v in table.variables]
        return Reply.json(doc)

    def _dimension(self, var: FakeVariable, codes: list[str], *, metadata: bool) -> dict[str, Any]:
        category: dict[str, Any] = {
            "index": {code: i for i, code in enumerate(codes)},
            "label": {code: var.label_of(code) for code in codes},
        }
        if var.units:
            category["unit"] = {
                code: {"base": var.units[code][0], "decimals": var.units[code][1]}
                for code in codes
                if code in var.units
            }
        extension: dict[str, Any] = {"elimination": var.elimination, "show": "value"}
        if var.elimination_value_code is not None:
            extension["eliminationValueCode"] = var.elimination_value_code
        if metadata:
            extension["codelists"] = [
                {
                    "id": cid,
                    "label": cl.label,
                    "type": cl.type,
                    "links": [self._link("metadata", f"/codeLists/{cid}?lang=sv")],
                }
                for cid, cl in var.codelists.items()
            ]
        dim: dict[str, Any] = {"label": var.label, "category": category, "extension": extension}
        if var.note:
            dim["note"] = list(var.note)
        return dim

    def _dataset(
        self,
        table: FakeTable,
        ids: list[str],
        dims: dict[str, Any],
        values: list[Number | None],
        status: dict[str, str],
    ) -> dict[str, Any]:
        by_code = {v.code: v for v in table.variables}
        role: dict[str, list[str]] = {}
        time_ids = [i for i in ids if by_code[i].time]
        metric_ids = [i for i in ids if by_code[i].contents]
        if time_ids:
            role["time"] = time_ids
        if metric_ids:
            role["metric"] = metric_ids
        doc: dict[str, Any] = {
            "version": "2.0",
            "class": "dataset",
            "label": table.label,
            "source": table.source,
            "updated": _iso(table.updated),
        }
        if table.notes:
            doc["note"] = list(table.notes)
        doc["role"] = role
        doc["id"] = ids
        doc["size"] = [len(dims[i]["category"]["index"]) for i in ids]
        doc["dimension"] = dims
        doc["extension"] = {
            "px": {
                "infofile": table.paths[0][-1][0] if table.paths and table.paths[0] else "",
                "tableid": table.id,
                "decimals": 0,
                "official-statistics": True,
                "aggregallowed": False,
                "language": "sv",
                "contents": table.label,
                "heading": metric_ids + time_ids,
                "stub": [i for i in ids if i not in metric_ids and i not in time_ids],
                "matrix": table.id,
            },
        }
        doc["value"] = values
        if status:
            doc["status"] = status
        return doc

    # -- data -----------------------------------------------------------------------------

    def _data(self, table: FakeTable, request: RecordedRequest) -> Reply:
        fmt = request.param("outputFormat") or request.param("outputformat") or "json-stat2"
        if fmt.lower() != "json-stat2":
            return Reply.problem(
                400, "Unsupported output format", f"fake serves json-stat2, not {fmt}"
            )
        selection, codelists, problem = _parse_selection(table, request)
        if problem is not None:
            return problem
        chosen: dict[str, list[str]] = {}
        for var in table.variables:
            domain = _domain(var, codelists.get(var.code))
            if var.code in selection:
                codes, error = _resolve(selection[var.code], domain, var.time)
                if error is not None:
                    return error
                if not codes:
                    return Reply.problem(400, "Illegal selection for mandantory variable")
                chosen[var.code] = codes
            elif selection:
                if not var.elimination:
                    return Reply.problem(400, "Missing selection for mandantory variable")
            else:  # no selection at all: the default selection, here everything
                chosen[var.code] = domain
        kept = [v for v in table.variables if v.code in chosen]
        cells = math.prod(len(chosen[v.code]) for v in kept)
        if cells > self.max_data_cells:
            return Reply.problem(400, "Too many cells selected", "Too many cells selected")
        values, status = _collect(table, chosen)
        dims = {v.code: self._dimension(v, chosen[v.code], metadata=False) for v in kept}
        return Reply.json(self._dataset(table, [v.code for v in kept], dims, values, status))


# -- selection parsing and resolution (the server's side of it) ------------------------------


def _parse_selection(
    table: FakeTable, request: RecordedRequest
) -> tuple[dict[str, list[str]], dict[str, str], Reply | None]:
    selection: dict[str, list[str]] = {}
    codelists: dict[str, str] = {}
    if request.method == "POST" and request.body.strip():
        try:
            body = json.loads(request.body.decode("utf-8-sig"))
        except ValueError:
            return {}, {}, Reply.problem(400, "Bad Request", "The body is not valid JSON")
        items = body.get("selection") if isinstance(body, dict) else None
        if items is None:
            items = []
        if not isinstance(items, list):
            return {}, {}, Reply.problem(400, "Bad Request", "selection must be an array")
        for item in items:
            var = table.variable(str(item.get("variableCode", "")))
            if var is None:
                return {}, {}, Reply.problem(400, "Non-existent variable")
            selection[var.code] = [str(v) for v in item.get("valueCodes") or []]
            if item.get("codelist"):
                codelists[var.code] = str(item["codelist"])
    else:
        for name, values in request.query.items():
            match = re.fullmatch(r"(valuecodes|codelist)\[(.+)\]", name, flags=re.IGNORECASE)
            if not match:
                continue
            var = table.variable(match.group(2))
            if var is None:
                return {}, {}, Reply.problem(400, "Non-existent variable")
            if match.group(1).lower() == "codelist":
                codelists[var.code] = values[0]
            else:
                selection[var.code] = [c for v in values for c in _split_codes(v)]
    for code, codelist_id in codelists.items():
        var = table.variable(code)
        if var is None or codelist_id not in var.codelists:
            return {}, {}, Reply.problem(400, "Non-existent codelist")
    return selection, codelists, None


def _codelist_params(
    table: FakeTable, query: Mapping[str, list[str]]
) -> tuple[dict[str, str], Reply | None]:
    codelists: dict[str, str] = {}
    for name, values in query.items():
        match = re.fullmatch(r"codelist\[(.+)\]", name, flags=re.IGNORECASE)
        if not match:
            continue
        var = table.variable(match.group(1))
        if var is None:
            return {}, Reply.problem(400, "Non-existent variable")
        if values[0] not in var.codelists:
            return {}, Reply.problem(400, "Non-existent codelist")
        codelists[var.code] = values[0]
    return codelists, None


def _split_codes(text: str) -> list[str]:
    """Split a GET ``valuecodes`` list on commas outside ``[...]`` brackets."""
    out: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return [c.strip() for c in out if c.strip()]


def _domain(var: FakeVariable, codelist_id: str | None) -> list[str]:
    if codelist_id is None:
        return list(var.values)
    wanted = set(var.codelists[codelist_id].values)
    return [code for code in var.values if code in wanted]


_COUNT = re.compile(r"^(TOP|BOTTOM)\((\d+)(?:,(\d+))?\)$", re.IGNORECASE)
_ONE = re.compile(r"^(FROM|TO)\((.+)\)$", re.IGNORECASE)
_RANGE = re.compile(r"^RANGE\(([^,]+),([^,]+)\)$", re.IGNORECASE)


def _resolve(
    requested: Iterable[str], domain: list[str], is_time: bool
) -> tuple[list[str], Reply | None]:
    """Resolve codes and selection expressions to codes in domain order."""
    position = {code: i for i, code in enumerate(domain)}
    picked: set[str] = set()
    for raw in requested:
        expr = raw.strip()
        if expr.startswith("[") and expr.endswith("]"):
            expr = expr[1:-1].strip()
        count = _COUNT.match(expr)
        one = _ONE.match(expr)
        rng = _RANGE.match(expr)
        if count:
            n, offset = int(count.group(2)), int(count.group(3) or 0)
            from_end = (count.group(1).upper() == "TOP") == is_time
            ordered = domain[::-1] if from_end else domain
            picked.update(ordered[offset : offset + n])
        elif rng:
            a, b = rng.group(1).strip(), rng.group(2).strip()
            if a not in position or b not in position:
                return [], Reply.problem(400, "Non-existent value")
            lo, hi = sorted((position[a], position[b]))
            picked.update(domain[lo : hi + 1])
        elif one:
            code = one.group(2).strip()
            if code not in position:
                return [], Reply.problem(400, "Non-existent value")
            if one.group(1).upper() == "FROM":
                picked.update(domain[position[code] :])
            else:
                picked.update(domain[: position[code] + 1])
        elif "*" in expr or "?" in expr:
            pattern = re.compile(
                "^"
                + "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in expr)
                + "$"
            )
            picked.update(code for code in domain if pattern.match(code))
        elif expr in position:
            picked.add(expr)
        else:
            return [], Reply.problem(400, "Non-existent value")
    return [code for code in domain if code in picked], None


def _collect(
    table: FakeTable, chosen: Mapping[str, list[str]]
) -> tuple[list[Number | None], dict[str, str]]:
    """Values (row-major over the kept variables) and status symbols of a selection.

    Eliminated variables take their elimination value, or are summed over when there is none.
    """
    per_variable: list[list[str]] = []
    summed = False
    for var in table.variables:
        if var.code in chosen:
            per_variable.append(chosen[var.code])
        elif var.elimination_value_code is not None:
            per_variable.append([var.elimination_value_code])
        else:
            per_variable.append(list(var.values))
            summed = True
    cells = table.cells
    marks = table.status
    values: list[Number | None] = []
    status: dict[str, str] = {}
    if not summed:
        for i, key in enumerate(itertools.product(*per_variable)):
            values.append(cells.get(key))
            mark = marks.get(key)
            if mark:
                status[str(i)] = mark
        return values, status
    kept_positions = [i for i, var in enumerate(table.variables) if var.code in chosen]
    totals: dict[tuple[str, ...], Number | None] = {}
    for key in itertools.product(*per_variable):
        out_key = tuple(key[i] for i in kept_positions)
        value = cells.get(key)
        previous = totals.get(out_key)
        if value is None:
            totals.setdefault(out_key, None)
        else:
            totals[out_key] = value if previous is None else previous + value
    kept_lists = [per_variable[i] for i in kept_positions]
    values = [totals.get(key) for key in itertools.product(*kept_lists)]
    return values, status


def _search_score(table: FakeTable, words: list[str]) -> int:
    """How many query words the table matches: whole tokens, or its id or v1 name exactly."""
    tokens = set(re.findall(r"\w+", " ".join([table.label, table.description]).lower()))
    for var in table.variables:
        tokens.update(re.findall(r"\w+", var.label.lower()))
        tokens.add(var.code.lower())
    exact = {table.id.lower()}
    if table.legacy_id:
        exact.add(table.legacy_id.lower())
    return sum(2 if word in exact else 1 for word in words if word in tokens or word in exact)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
