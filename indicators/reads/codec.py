"""A JSON encoding of cached read results: what Redis holds can be read, never run.

The read cache and the page cache share entries between processes through Redis. Whoever can
write to that Redis decides what a process decodes, so the encoding must not be able to make
the dashboard run code (as ``pickle`` can). This codec writes plain JSON and rebuilds only
what it knows: JSON's own values, tuples, sets, dicts with any keys, bytes, dates and times,
pandas frames, and the frozen dataclasses, enums and frozen pydantic models (the catalogue's)
registered with :func:`shareable`; a model is rebuilt by validating its JSON form. Anything
else is refused on the way in (:class:`TypeError`) and on the way out (:class:`ValueError`).

Values come back equal and of the same types: floats keep every bit (``repr`` round-trips,
NaN and infinities are tagged), ``None`` and NaN stay apart in object columns, and a frame keeps
its column dtypes (``float64``, ``Int64`` with ``<NA>``, ``object``, ``bool``, datetimes) and
its index.

Cache keys are turned into a stable text by :func:`key_text`, never by ``repr``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeAlias, TypeVar
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError

from levande.indicators.core import catalogue as cat
from levande.indicators.core import small_areas as sa
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure
from levande.indicators.core.vocabulary import Direction, Level, Status, StatusGroup

FORMAT = 1
"""Version of the encoding; part of every shared key, so a new format never reads an old one."""

CacheKey: TypeAlias = "str | int | bool | tuple[CacheKey, ...] | None"
"""What a cache key may be made of: strings, integers, booleans, None and tuples of them."""

T = TypeVar("T")

_TYPES: dict[str, type[Any]] = {}


def _type_name(cls: type[Any]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def shareable(cls: type[T]) -> type[T]:
    """Allow the codec to rebuild a class (a class decorator).

    The class is a frozen dataclass, an enum or a frozen pydantic model.

    Only registered classes are rebuilt from a payload, so a payload cannot name any other
    class of the process. A dataclass must be frozen (a cached value is shared by every
    caller) and take all its fields in ``__init__``; a model must be frozen, and is rebuilt
    by validation.

    Raises:
        TypeError: for a class that is none of these, or one that does not qualify.
    """
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        if not cls.model_config.get("frozen"):
            raise TypeError(f"{cls.__qualname__}: only frozen models are shared")
    elif dataclasses.is_dataclass(cls):
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        if not params.frozen:
            raise TypeError(f"{cls.__qualname__}: only frozen dataclasses are shared")
        if any(not f.init for f in dataclasses.fields(cls)):
            raise TypeError(f"{cls.__qualname__}: every field must be an __init__ argument")
    elif not (isinstance(cls, type) and issubclass(cls, Enum)):
        raise TypeError(f"{cls!r}: only frozen dataclasses and enums are shared")
    _TYPES[_type_name(cls)] = cls
    return cls


for _enum in (Direction, Level, Status, StatusGroup, FailureKind, FailureCause):
    shareable(_enum)
shareable(StepFailure)
for _model in (
    cat.Catalogue, cat.Goal, cat.GoalSource, cat.Source, cat.FocusArea, cat.Subgoal,
    cat.ContextGroup, cat.Framework, cat.FrameworkSubgoal, cat.Indicator, cat.Target,
    cat.ManualStatus, cat.ScbQuery, cat.MethodSettings, cat.Schedule, cat.ScheduleJob,
    cat.RegionSettings, cat.SkrGroup, cat.Plausible, sa.SmallAreaCatalogue,
    sa.SmallAreaIndicator, sa.AreaVintage, sa.SegregationMeasure, sa.AreaComputation,
):  # fmt: skip
    shareable(_model)
shareable(sa.AreaLevel)


# --- encoding ------------------------------------------------------------------------------


def _float(value: float) -> Any:
    if math.isnan(value):
        return {"$float": "nan"}
    if math.isinf(value):
        return {"$float": "inf" if value > 0 else "-inf"}
    return value


def _datetime(value: datetime, tag: str) -> dict[str, Any]:
    out: dict[str, Any] = {tag: value.isoformat()}
    if isinstance(value.tzinfo, ZoneInfo):
        out["zone"] = value.tzinfo.key
    return out


def _encode(value: Any) -> Any:  # noqa: C901 - one branch per allowed type
    """The JSON form of one value (see the module's docstring for what is allowed)."""
    if value is None or isinstance(value, bool) or type(value) in (str, int):
        return value
    if isinstance(value, np.generic):
        if value.dtype.kind not in "biuf":
            raise TypeError(f"a numpy {value.dtype} cannot be shared through the cache")
        return {"$numpy": value.dtype.str, "value": _encode(value.item())}
    if type(value) is float:
        return _float(value)
    if value is pd.NA:
        return {"$na": True}
    if value is pd.NaT:
        return {"$nat": True}
    if isinstance(value, Enum):
        name = _type_name(type(value))
        if name not in _TYPES:
            raise TypeError(f"enum {name} is not registered with shareable()")
        return {"$enum": name, "value": _encode(value.value)}
    if isinstance(value, pd.Timestamp):
        return _datetime(value.to_pydatetime(warn=False), "$timestamp") | (
            {"ns": value.nanosecond} if value.nanosecond else {}
        )
    if type(value) is datetime:
        return _datetime(value, "$datetime")
    if type(value) is date:
        return {"$date": value.isoformat()}
    if type(value) is Decimal:
        return {"$decimal": str(value)}
    if type(value) is bytes:
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if type(value) is tuple:
        return {"$tuple": [_encode(v) for v in value]}
    if type(value) is list:
        return [_encode(v) for v in value]
    if type(value) is dict:
        return {"$dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if type(value) in (set, frozenset):
        tag = "$set" if type(value) is set else "$frozenset"
        return {tag: [_encode(v) for v in value]}
    if isinstance(value, pd.DataFrame):
        return {"$frame": _encode_frame(value)}
    if isinstance(value, BaseModel):
        name = _type_name(type(value))
        if _TYPES.get(name) is not type(value):
            raise TypeError(f"model {name} is not registered with shareable()")
        return {"$model": name, "value": value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = _type_name(type(value))
        if _TYPES.get(name) is not type(value):
            raise TypeError(f"dataclass {name} is not registered with shareable()")
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$dataclass": name, "fields": fields}
    raise TypeError(f"a {type(value).__qualname__} cannot be shared through the cache")


def _encode_index(index: pd.Index) -> dict[str, Any]:
    if isinstance(index, pd.MultiIndex):
        raise TypeError("frames with a MultiIndex cannot be shared through the cache")
    name = _encode(index.name)
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": name}
    return {"dtype": str(index.dtype), "values": [_encode(v) for v in index], "name": name}


def _encode_frame(frame: pd.DataFrame) -> dict[str, Any]:
    columns = []
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        dtype = column.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            raise TypeError("categorical columns cannot be shared through the cache")
        columns.append({"dtype": str(dtype), "values": [_encode(v) for v in column.tolist()]})
    return {
        "columns": _encode_index(frame.columns),
        "index": _encode_index(frame.index),
        "data": columns,
    }


def dumps(value: Any) -> bytes:
    """The JSON payload of a value.

    Raises:
        TypeError: when the value holds something the codec does not share.
    """
    doc = {"format": FORMAT, "value": _encode(value)}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


# --- decoding ------------------------------------------------------------------------------


def _registered(name: Any) -> type[Any]:
    cls = _TYPES.get(str(name))
    if cls is None:
        raise ValueError(f"{name!r} is not a type the cache shares")
    return cls


def _numeric_dtype(name: Any) -> np.dtype[Any]:
    dtype = np.dtype(str(name))
    if dtype.kind not in "biuf":
        raise ValueError(f"{name!r} is not a numeric type the cache shares")
    return dtype


def _parse_datetime(doc: dict[str, Any], tag: str) -> datetime:
    value = datetime.fromisoformat(str(doc[tag]))
    zone = doc.get("zone")
    return value.astimezone(ZoneInfo(str(zone))) if zone else value


def _decode_timestamp(doc: dict[str, Any]) -> pd.Timestamp:
    stamp = pd.Timestamp(_parse_datetime(doc, "$timestamp"))
    nanos = int(doc.get("ns", 0))
    return stamp + pd.Timedelta(nanoseconds=nanos) if nanos else stamp


_TAGGED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "$float": lambda d: float(str(d["$float"])),
    "$na": lambda d: pd.NA,
    "$nat": lambda d: pd.NaT,
    "$numpy": lambda d: _numeric_dtype(d["$numpy"]).type(_decode(d["value"])),
    "$enum": lambda d: _registered(d["$enum"])(_decode(d["value"])),
    "$timestamp": _decode_timestamp,
    "$datetime": lambda d: _parse_datetime(d, "$datetime"),
    "$date": lambda d: date.fromisoformat(str(d["$date"])),
    "$decimal": lambda d: Decimal(str(d["$decimal"])),
    "$bytes": lambda d: base64.b64decode(str(d["$bytes"]), validate=True),
    "$tuple": lambda d: tuple(_decode(v) for v in d["$tuple"]),
    "$dict": lambda d: {_decode(k): _decode(v) for k, v in d["$dict"]},
    "$set": lambda d: {_decode(v) for v in d["$set"]},
    "$frozenset": lambda d: frozenset(_decode(v) for v in d["$frozenset"]),
    "$frame": lambda d: _decode_frame(d["$frame"]),
    "$dataclass": lambda d: _decode_dataclass(d),
    "$model": lambda d: _decode_model(d),
}


def _decode(doc: Any) -> Any:
    if doc is None or isinstance(doc, bool | int | float | str):
        return doc
    if isinstance(doc, list):
        return [_decode(v) for v in doc]
    if isinstance(doc, dict):
        for tag, build in _TAGGED.items():
            if tag in doc:
                return build(doc)
    raise ValueError(f"not a value this codec writes: {str(doc)[:80]}")


def _decode_dataclass(doc: dict[str, Any]) -> Any:
    cls = _registered(doc["$dataclass"])
    if not dataclasses.is_dataclass(cls):
        raise ValueError(f"{doc['$dataclass']!r} is not a dataclass")
    fields = doc["fields"]
    if not isinstance(fields, dict):
        raise ValueError("dataclass fields must be an object")
    known = {f.name for f in dataclasses.fields(cls)}
    if set(fields) != known:
        raise ValueError(f"{cls.__qualname__}: fields {sorted(fields)} are not {sorted(known)}")
    return cls(**{name: _decode(value) for name, value in fields.items()})


def _decode_model(doc: dict[str, Any]) -> Any:
    cls = _registered(doc["$model"])
    if not issubclass(cls, BaseModel):
        raise ValueError(f"{doc['$model']!r} is not a model")
    try:
        return cls.model_validate(doc["value"])
    except ValidationError as exc:
        raise ValueError(f"{cls.__qualname__}: {exc}") from exc


def _decode_index(doc: dict[str, Any]) -> pd.Index:
    name = _decode(doc.get("name"))
    if "range" in doc:
        start, stop, step = (int(v) for v in doc["range"])
        return pd.RangeIndex(start, stop, step, name=name)
    values = [_decode(v) for v in doc["values"]]
    index: pd.Index = pd.Index(values, dtype=str(doc["dtype"]), name=name)
    return index


def _decode_column(doc: dict[str, Any]) -> pd.Series:
    dtype = str(doc["dtype"])
    values = [_decode(v) for v in doc["values"]]
    if dtype == "object":
        # Filled one by one, so that tuples, None and NaN stay exactly what they were.
        cells = np.empty(len(values), dtype=object)
        for position, value in enumerate(values):
            cells[position] = value
        return pd.Series(cells, dtype=object)
    return pd.Series(values, dtype=dtype)


def _decode_frame(doc: dict[str, Any]) -> pd.DataFrame:
    index = _decode_index(doc["index"])
    columns = _decode_index(doc["columns"])
    data = [_decode_column(c) for c in doc["data"]]
    if len(data) != len(columns) or any(len(c) != len(index) for c in data):
        raise ValueError("a frame's columns, data and index differ in length")
    frame = pd.concat(data, axis=1) if data else pd.DataFrame(index=pd.RangeIndex(len(index)))
    frame.columns = columns
    frame.index = index
    return frame


def loads(raw: bytes | str) -> Any:
    """The value of a payload written by :func:`dumps`.

    Raises:
        ValueError: when the payload is not JSON of this format, or names a type the cache
            does not share.
    """
    doc = json.loads(raw)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or "value" not in doc:
        raise ValueError("not a cache payload of this format")
    try:
        return _decode(doc["value"])
    except (KeyError, TypeError) as exc:
        raise ValueError(f"malformed cache payload: {exc}") from exc


# --- keys ----------------------------------------------------------------------------------


def _key_json(key: Any) -> Any:
    if key is None or isinstance(key, bool) or type(key) in (str, int):
        return key
    if type(key) is tuple:
        return [_key_json(k) for k in key]
    raise TypeError(f"a cache key is made of str, int, bool, None and tuples, not {key!r}")


def key_text(key: CacheKey) -> str:
    """A stable text for a cache key: the same in every process and every Python version.

    Raises:
        TypeError: when the key holds anything but strings, integers, booleans, None and tuples.
    """
    return json.dumps(_key_json(key), ensure_ascii=False, separators=(",", ":"))
