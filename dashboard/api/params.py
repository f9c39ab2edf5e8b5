"""The API's query parameters: one declaration drives both checking and the OpenAPI document.

Every endpoint lists the parameters it accepts (:class:`Param`). A request is checked against
that list before anything is read: an unknown parameter, a value of the wrong shape or a
scalar given twice is refused with a 400 whose body names the parameter and what is allowed
(:class:`ApiError`), so a script learns its mistake instead of silently getting everything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from levande.indicators.core.catalogue import ID_PATTERN

REGION_PATTERN = r"^[0-9]{2}(?:[0-9]{2})?$"
PERIOD_PATTERN = r"^[0-9]{4}[A-Z0-9]{0,6}$"
LEVELS = ("riket", "lan", "kommun")
GEOGRAPHIES = ("regso", "deso")
YEAR_PATTERN = r"^[0-9]{4}$"
BREAKDOWNS = ("T", "K", "M")
PAGE_SIZE_DEFAULT = 1000
PAGE_SIZE_MAX = 5000
PAGE_MAX = 1_000_000


class ApiError(Exception):
    """A request the API refuses, with everything its JSON body says.

    Args:
        status: the HTTP status (400 or 404).
        code: a stable machine-readable code (``unknown_parameter``, ``invalid_value``, ...).
        message: one English sentence for the person reading the answer.
        parameter: the parameter at fault, if one is.
        allowed: what would have been accepted (parameter names or values).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        parameter: str | None = None,
        allowed: Sequence[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.allowed = list(allowed) if allowed is not None else None

    def body(self) -> dict[str, Any]:
        """The JSON body of the refusal."""
        return {
            "error": self.code,
            "message": self.message,
            "parameter": self.parameter,
            "allowed": self.allowed,
        }


@dataclass(frozen=True)
class Param:
    """One query parameter of an endpoint.

    Attributes:
        name: its name in the query string.
        kind: ``string``, ``integer``, or ``list`` (comma-separated strings).
        description: what it selects (English, for the OpenAPI document).
        enum: the only values allowed, when they are few.
        pattern: a regular expression every value (or list item) matches.
        minimum: the smallest integer allowed.
        maximum: the largest integer allowed.
        default: the value when the parameter is absent.
        example: an example value for the documentation.
        required: the request is refused (400) without it: an answer that would otherwise
            cover every municipality's small areas at once is asked for one at a time.
    """

    name: str
    kind: Literal["string", "integer", "list"]
    description: str
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    example: str | None = None
    required: bool = False

    def schema(self) -> dict[str, Any]:
        """The parameter's JSON schema for the OpenAPI document."""
        item: dict[str, Any] = {"type": "string"}
        if self.enum:
            item["enum"] = list(self.enum)
        if self.pattern:
            item["pattern"] = self.pattern
        if self.kind == "list":
            return {"type": "array", "items": item, "minItems": 1}
        if self.kind == "integer":
            out: dict[str, Any] = {"type": "integer"}
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
            if self.default is not None:
                out["default"] = self.default
            return out
        return item

    def parse(self, raw: str) -> Any:
        """The value of one occurrence of the parameter.

        Raises:
            ApiError: the value is not of the declared shape.
        """
        if self.kind == "integer":
            return self._integer(raw)
        if self.kind == "list":
            items = raw.split(",")
            for item in items:
                self._check(item)
            return tuple(dict.fromkeys(items))
        self._check(raw)
        return raw

    def _integer(self, raw: str) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", raw):
            raise ApiError(
                400,
                "invalid_value",
                f"{self.name} must be a whole number, not {raw!r}",
                parameter=self.name,
            )
        value = int(raw)
        low = self.minimum if self.minimum is not None else value
        high = self.maximum if self.maximum is not None else value
        if not low <= value <= high:
            raise ApiError(
                400,
                "invalid_value",
                f"{self.name} must be between {low} and {high}, not {value}",
                parameter=self.name,
            )
        return value

    def _check(self, value: str) -> None:
        if self.enum is not None and value not in self.enum:
            raise ApiError(
                400,
                "invalid_value",
                f"{self.name} must be one of {', '.join(self.enum)}, not {value!r}",
                parameter=self.name,
                allowed=self.enum,
            )
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise ApiError(
                400,
                "invalid_value",
                f"{value!r} is not a valid {self.name} (pattern {self.pattern})",
                parameter=self.name,
            )


@dataclass(frozen=True)
class Query:
    """The checked parameters of one request."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """A parameter's value, or ``default`` when it was not given."""
        return self.values.get(name, default)


def parse_query(params: Sequence[Param], args: Mapping[str, Sequence[str]]) -> Query:
    """Check a request's query against the endpoint's parameters.

    Args:
        params: what the endpoint accepts.
        args: every query parameter and all its values, as the request gave them.

    Raises:
        ApiError: an unknown parameter, a scalar given twice, or a value of the wrong shape.
    """
    known = {p.name: p for p in params}
    values: dict[str, Any] = {p.name: p.default for p in params if p.default is not None}
    for name, raws in args.items():
        param = known.get(name)
        if param is None:
            allowed = sorted(known)
            hint = f"; allowed: {', '.join(allowed)}" if allowed else "; it takes none"
            raise ApiError(
                400,
                "unknown_parameter",
                f"unknown parameter {name!r}{hint}",
                parameter=name,
                allowed=allowed,
            )
        if len(raws) > 1 and param.kind != "list":
            raise ApiError(400, "repeated_parameter", f"{name} may be given once", parameter=name)
        parsed = [param.parse(raw) for raw in raws]
        if param.kind == "list":
            values[name] = tuple(dict.fromkeys(v for items in parsed for v in items))
        else:
            values[name] = parsed[0]
    for param in params:
        if param.required and param.name not in values:
            raise ApiError(
                400,
                "missing_parameter",
                f"{param.name} is required: {param.description}",
                parameter=param.name,
            )
    return Query(values)


# --- the parameters the endpoints share -------------------------------------------------------

INDICATOR = Param(
    "indicator",
    "list",
    "Indicator ids, comma-separated (see /api/v1/indicators).",
    pattern=ID_PATTERN,
    example="trangboddhet",
)
REGION = Param(
    "region",
    "list",
    "SCB region codes, comma-separated: 00 riket, two digits a county, four a municipality.",
    pattern=REGION_PATTERN,
    example="0180",
)
LEVEL = Param("level", "string", "Only regions of this level.", enum=LEVELS, example="kommun")
PERIOD_FROM = Param(
    "from",
    "string",
    "The first period wanted (inclusive), e.g. 2015.",
    pattern=PERIOD_PATTERN,
    example="2015",
)
PERIOD_TO = Param(
    "to",
    "string",
    "The last period wanted (inclusive).",
    pattern=PERIOD_PATTERN,
    example="2024",
)
BREAKDOWN = Param(
    "breakdown",
    "list",
    "Breakdowns, comma-separated: T total, K women, M men.",
    enum=BREAKDOWNS,
    example="T",
)
PAGE = Param("page", "integer", "The page wanted, from 1.", minimum=1, maximum=PAGE_MAX, default=1)
PAGE_SIZE = Param(
    "page_size",
    "integer",
    f"Rows per page, at most {PAGE_SIZE_MAX}.",
    minimum=1,
    maximum=PAGE_SIZE_MAX,
    default=PAGE_SIZE_DEFAULT,
)
CURSOR = Param(
    "cursor",
    "string",
    "Where the next page starts: the value given in the previous page's next link. Paging "
    "with it costs the same for every page; page jumps to any page.",
    pattern=r"^[A-Za-z0-9_-]{1,600}$",
)
PAGING = (PAGE, PAGE_SIZE, CURSOR)
