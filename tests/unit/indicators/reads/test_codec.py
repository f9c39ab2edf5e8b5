"""The cache's JSON codec gives back equal values of the same types, and runs nothing it reads."""

from __future__ import annotations

import json
import math
import pickle
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from levande.indicators.core.catalogue import Catalogue, Indicator, load_catalogue, public_catalogue
from levande.indicators.core.vocabulary import Status
from levande.indicators.reads import codec
from levande.indicators.reads.dimensions import RegionInfo
from levande.indicators.reads.profiles import PeerSet, Position, Profile, ProfileRow


@codec.shareable
@dataclass(frozen=True)
class Sample:
    """A frozen dataclass as the reads return them: nested values and an optional field."""

    name: str
    value: float | None
    points: tuple[tuple[str, float | None], ...]
    extra: dict[str, int] | None = None


def round_trip(value: object) -> object:
    return codec.loads(codec.dumps(value))


def sample_frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "region_code": ["0114", "0180", "0380", "0581"],
            "value": [1.5, float("nan"), 0.1 + 0.2, -0.0],
            "n": [3, 0, 7, 2],
            "label": pd.Series(["a", None, float("nan"), "d"], dtype=object),
            "name": ["Danderyd", "Stockholm", None, "Norrköping"],
            "rank": pd.array([1, None, 3, 2], dtype="Int64"),
            "flag": [True, False, True, False],
            "at": pd.to_datetime(
                pd.Index(
                    ["2024-01-01T12:00:00Z", None, "2024-06-30T00:00:00Z", "2020-02-29T23:59:59Z"]
                ),
                utc=True,
            ),
        }
    )
    frame.index = pd.Index(["w", "x", "y", "z"], name="key")
    return frame


def test_a_frame_keeps_values_dtypes_index_and_none_apart_from_nan() -> None:
    frame = sample_frame()
    back = round_trip(frame)
    assert isinstance(back, pd.DataFrame)
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert list(back.dtypes.astype(str)) == list(frame.dtypes.astype(str))
    labels = back["label"].tolist()
    assert labels[0] == "a" and labels[1] is None and math.isnan(labels[2])
    assert back["rank"].isna().tolist() == [False, True, False, False]
    assert struct.pack(">d", back["value"].iloc[3]) == struct.pack(">d", -0.0)
    assert back["value"].iloc[2] == 0.1 + 0.2


def test_empty_frames_and_range_indexes() -> None:
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in ["period", "median"]})
    pd.testing.assert_frame_equal(round_trip(empty), empty)  # type: ignore[arg-type]
    nothing = pd.DataFrame()
    pd.testing.assert_frame_equal(round_trip(nothing), nothing)  # type: ignore[arg-type]
    stepped = pd.DataFrame({"v": [1.0, 2.0]}, index=pd.RangeIndex(10, 14, 2))
    back = round_trip(stepped)
    assert isinstance(back, pd.DataFrame) and isinstance(back.index, pd.RangeIndex)
    pd.testing.assert_frame_equal(back, stepped, check_exact=True)


def test_frozen_dataclasses_nest_and_come_back_equal() -> None:
    info = Indicator.model_validate(
        {"id": "folkmangd", "focus_area": "FA06", "subgoals": ["FA06-D1"], "source": "scb",
         "source_id": "TAB638", "title_sv": "Folkmängd", "title_en": "Population",
         "description_sv": "", "description_en": "", "unit_sv": "antal", "unit_en": "number",
         "direction": "neutral", "levels": ["riket", "lan", "kommun"], "target":
         {"value": 10.0, "year": 2030}, "scb": {"selection": {"ContentsCode": ["X"]}}}
    )  # fmt: skip
    place = RegionInfo("2180", "Gävle", "kommun", "21", None, "G92790")
    profile = Profile(
        place=place,
        county=None,
        peers=PeerSet("skr", "G92790", ("0380", "2180")),
        rows=(
            ProfileRow(indicator=info, period="2020", value=66.0, position=Position(2, 5, 2),
                       newer_missing=("2021", ".."), points=(("2019", None), ("2020", 66.0))),
            ProfileRow(indicator=info),
        ),
    )  # fmt: skip
    back = round_trip(profile)
    assert back == profile
    assert isinstance(back, Profile)
    assert back.rows[0].points == (("2019", None), ("2020", 66.0))  # not compared by ==
    assert back.rows[0].indicator.scb == info.scb
    assert back.rows[0].indicator.levels == info.levels
    sample = Sample("x", None, (("2020", 1.25),), {"a": 1})
    assert round_trip(sample) == sample


def test_plain_values_keep_their_types() -> None:
    stockholm = ZoneInfo("Europe/Stockholm")
    values: list[object] = [
        None, True, 0, -7, 2**70, "Gävle", b"\x00\xff gzip", 1e-300, float("inf"), float("-inf"),
        ("a", ("b", None)), ["x", 1], {("kommun", 2020): "tuple key", 3: None}, {"a", "b"},
        frozenset({"0180", "0114"}), date(2024, 2, 29),
        datetime(2024, 5, 1, 12, 30, 15, 123456), datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 2, 30, tzinfo=stockholm),
        datetime(2024, 5, 1, tzinfo=timezone(timedelta(hours=-3))),
        pd.Timestamp("2024-05-01T12:00:00.000000001Z"), Decimal("1.10"), np.float64(2.5),
        np.int64(-3), pd.NA, pd.NaT, Status.TARGET_ACHIEVED,
    ]  # fmt: skip
    for value in values:
        back = round_trip(value)
        assert type(back) is type(value), value
        assert back is value if value is pd.NA or value is pd.NaT else back == value, value
    zoned = round_trip(values[18])
    assert isinstance(zoned, datetime) and zoned.tzinfo == stockholm
    assert math.isnan(round_trip(float("nan")))  # type: ignore[arg-type]


@given(st.floats(allow_nan=False))
def test_every_float_keeps_every_bit(value: float) -> None:
    back = round_trip(value)
    assert struct.pack(">d", back) == struct.pack(">d", value)


def test_what_is_not_shared_is_refused_on_the_way_in() -> None:
    @dataclass(frozen=True)
    class Unregistered:
        value: int

    with pytest.raises(TypeError, match="not registered"):
        codec.dumps((Unregistered(1),))
    with pytest.raises(TypeError, match="cannot be shared"):
        codec.dumps({"path": Path("/etc/passwd")})
    with pytest.raises(TypeError, match="categorical"):
        codec.dumps(pd.DataFrame({"c": pd.Categorical(["a"])}))

    @dataclass
    class Mutable:
        value: int

    with pytest.raises(TypeError, match="frozen"):
        codec.shareable(Mutable)
    with pytest.raises(TypeError, match="only frozen dataclasses and enums"):
        codec.shareable(Path)


def test_a_payload_cannot_name_a_class_or_smuggle_a_pickle(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[()]]:
            return (marker.touch, ())

    for payload in (
        pickle.dumps(Exploit()),
        json.dumps({"format": codec.FORMAT, "value": {"$dataclass": "os.system", "fields": {}}}),
        json.dumps({"format": codec.FORMAT, "value": {"$enum": "subprocess.Popen", "value": "x"}}),
        json.dumps({"format": codec.FORMAT, "value": {"$numpy": "O", "value": "x"}}),
        json.dumps({"format": codec.FORMAT, "value": {"anything": 1}}),
        json.dumps({"format": codec.FORMAT + 1, "value": 1}),
        json.dumps([1, 2]),
    ):
        with pytest.raises(ValueError):
            codec.loads(payload)
    assert not marker.exists()


def test_a_dataclass_payload_must_have_exactly_its_fields() -> None:
    doc = json.loads(codec.dumps(Sample("x", 1.0, ())))
    doc["value"]["fields"]["injected"] = 1
    with pytest.raises(ValueError, match="fields"):
        codec.loads(json.dumps(doc))


def test_keys_have_one_stable_text() -> None:
    assert codec.key_text(("peer_band", "trangboddhet", ("0114", "0180"), "T")) == (
        '["peer_band","trangboddhet",["0114","0180"],"T"]'
    )
    assert codec.key_text(("periods", "x", None)) != codec.key_text(("periods", "x", "None"))
    assert codec.key_text(("a", 1)) != codec.key_text(("a", True))
    assert codec.key_text("k") != codec.key_text(("k",))
    with pytest.raises(TypeError):
        codec.key_text(("a", 1.5))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        codec.key_text(("a", object()))  # type: ignore[arg-type]


def test_the_catalogue_and_its_models_come_back_equal() -> None:
    shipped = Path(__file__).resolve().parents[4] / "config"
    catalogue = public_catalogue(load_catalogue(shipped))
    back = round_trip(catalogue)
    assert isinstance(back, Catalogue) and back == catalogue
    assert round_trip((catalogue.indicators[0],)) == (catalogue.indicators[0],)


def test_a_model_payload_is_validated_like_the_catalogue() -> None:
    payload = json.loads(codec.dumps(Indicator.model_validate({
        "id": "x", "context_group": "sammanhang", "source": "kolada", "source_id": "N00001",
        "title_sv": "x", "title_en": "x", "description_sv": "", "description_en": "",
        "unit_sv": "%", "unit_en": "%", "direction": "neutral", "levels": ["kommun"],
    })))  # fmt: skip
    payload["value"]["value"]["direction"] = "sideways"
    with pytest.raises(ValueError, match="direction"):
        codec.loads(json.dumps(payload))


def test_a_failure_and_a_plausible_range_come_back_equal() -> None:
    from levande.indicators.core.catalogue import Plausible
    from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure

    failure = StepFailure(
        FailureKind.UNREACHABLE, "kolada: connection broke [u]", "connection broke",
        source="kolada", cause=FailureCause.BROKEN, attempts=3,
    )  # fmt: skip
    assert round_trip((failure, None)) == (failure, None)
    shipped = Path(__file__).resolve().parents[4] / "config"
    declared = [i for i in load_catalogue(shipped).indicators if i.plausible is not None]
    assert declared and round_trip(tuple(declared)) == tuple(declared)
    assert round_trip(Plausible(min=0, max_change=3)) == Plausible(min=0, max_change=3)
