"""Progress status of each series: the Open SDG / Statistics Canada growth-rate method.

A *series* is one indicator in one region and one breakdown over time. Its status says
whether it moves toward the national goal fast enough, judged by the compound annual growth
rate (CAGR) from a base period to the latest period, against fixed thresholds or against the
growth needed to reach the indicator's target on time. The full method, every edge case and a
worked example are in ``docs/method.md``; this module is its single implementation, so the
rules below and that document must change together (and :data:`METHOD_VERSION` with them).

Everything here is pure: no database, no HTTP, no Dash. The ETL's status job feeds it the
tidy observations and stores :func:`compute_statuses`' frame; the dashboard shows the
explanation columns under "explain this status".

Decision order for one series (first rule that applies wins):

1. no valid value at all -> ``not_available`` / ``no_data``;
   values only before the base year -> ``not_available`` / ``no_base_in_window``;
   one value in the window -> ``not_available`` / ``one_point``.
2. neutral direction -> ``context`` (CAGR still computed when defined).
3. with a target: latest value meets it -> ``target_achieved``.
4. CAGR undefined (base or latest <= 0) -> ``not_available`` / ``zero_or_negative_*``;
   with a target, required CAGR undefined -> ``not_available`` / target reason.
5. fewer than ``min_points_for_confidence`` points -> ``too_uncertain`` / ``few_points``;
   sign flips of year-on-year changes above ``max_sign_flip_share`` -> ``too_uncertain`` /
   ``volatile``.
6. with a target that the base already met (required CAGR 0 or pointing the wrong way) but the
   latest value no longer meets -> ``deterioration`` / ``base_met_target``.
7. score against the thresholds.
8. a catalogue ``manual_status`` replaces the status of every series of that indicator.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from levande.indicators.core.catalogue import Indicator, MethodSettings
from levande.indicators.core.vocabulary import Status

METHOD_VERSION = "1.0"
"""Version of the method; stored with every result so old results stay interpretable."""

THRESHOLD_TOLERANCE = 1e-9
"""A score this close below a threshold counts as reaching it.

Growth rates are computed in floating point, so a series built to grow exactly 1.5 % a year
gives 0.01499999999999990 and would otherwise fall a category short. The tolerance is far
below any difference that matters to a reader (a billionth of a percentage point).
"""

_YEAR_RE = re.compile(r"^(\d{4})")

KEY_COLUMNS = ("indicator_id", "region_code", "breakdown")
"""Columns that identify a series in the observations and in the status frame."""

OBSERVATION_COLUMNS = (*KEY_COLUMNS, "period", "value")
"""Columns :func:`compute_statuses` needs; extra columns are ignored."""

STATUS_COLUMNS = (
    "indicator_id",
    "region_code",
    "breakdown",
    "status",
    "computed_status",
    "manual",
    "score",
    "reason",
    "kind",
    "base_period",
    "base_value",
    "latest_period",
    "latest_value",
    "target_value",
    "target_year",
    "observed_cagr",
    "required_cagr",
    "threshold_substantial",
    "threshold_moderate",
    "threshold_limited",
    "n_points",
    "flip_share",
    "method_version",
)
"""Columns of the frame returned by :func:`compute_statuses`, in order."""


class Reason(StrEnum):
    """Why a series has no judgement, or a note on how its judgement was reached."""

    NO_DATA = "no_data"
    NO_BASE_IN_WINDOW = "no_base_in_window"
    ONE_POINT = "one_point"
    ZERO_OR_NEGATIVE_BASE = "zero_or_negative_base"
    ZERO_OR_NEGATIVE_LATEST = "zero_or_negative_latest"
    NEGATIVE_TARGET = "negative_target"
    TARGET_YEAR_NOT_AFTER_BASE = "target_year_not_after_base"
    NO_TARGET_YEAR = "no_target_year"
    FEW_POINTS = "few_points"
    VOLATILE = "volatile"
    BASE_MET_TARGET = "base_met_target"


Kind = Literal["no_target", "target", "context"]


@dataclass(frozen=True, slots=True)
class SeriesStatus:
    """The status of one series and everything needed to explain it.

    Attributes:
        indicator_id: the indicator the series belongs to.
        status: the status shown (the manual one when the catalogue sets one).
        computed_status: the status the method computed, kept when overridden.
        manual: True when ``status`` comes from the catalogue's ``manual_status``.
        score: direction x CAGR without a target, observed / required CAGR with one;
            None when undefined. Kept for too_uncertain and manual results as explanation.
        reason: a :class:`Reason` for not_available, too_uncertain and base_met_target.
        kind: which branch of the method applied: no_target, target or context.
        base_period: the period the growth is measured from.
        base_value: the value in ``base_period``.
        latest_period: the latest period with a value.
        latest_value: the value in ``latest_period``.
        target_value: the indicator's target value, if any.
        target_year: the indicator's target year, if any.
        observed_cagr: (latest / base) ** (1 / years) - 1, when defined.
        required_cagr: the CAGR that reaches the target by its year, when defined.
        thresholds: the (substantial, moderate, limited) thresholds used; None for context.
        n_points: values from the base period to the latest period (the window).
        flip_share: share of consecutive non-zero change pairs whose sign flips, when
            there are at least two non-zero changes.
        method_version: :data:`METHOD_VERSION` at computation time.
    """

    indicator_id: str
    status: Status
    computed_status: Status
    manual: bool
    score: float | None
    reason: Reason | None
    kind: Kind
    base_period: str | None
    base_value: float | None
    latest_period: str | None
    latest_value: float | None
    target_value: float | None
    target_year: int | None
    observed_cagr: float | None
    required_cagr: float | None
    thresholds: tuple[float, float, float] | None
    n_points: int
    flip_share: float | None
    method_version: str = METHOD_VERSION


@dataclass(frozen=True, slots=True)
class _Summary:
    """What the decision needs to know about one cleaned series."""

    n_valid: int
    n_points: int
    base_period: str | None
    base_year: int | None
    base_value: float | None
    latest_period: str | None
    latest_year: int | None
    latest_value: float | None
    flip_share: float | None


def period_year(period: object) -> int | None:
    """The year of a period label: its leading four digits, or None without them.

    Annual periods are "2019"; a leading year also covers labels such as "2019-20" (the
    first year counts, as in Open SDG) without guessing at other formats.
    """
    if not isinstance(period, str):
        return None
    match = _YEAR_RE.match(period)
    return int(match.group(1)) if match else None


def _clean_value(value: object) -> float | None:
    """A finite float, or None: missing stays missing and is never read as zero."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _flip_share(values: Sequence[float]) -> float | None:
    """Share of consecutive non-zero change pairs whose signs differ.

    Zero changes are dropped first, so "up, flat, down" is one pair with one flip. With
    fewer than two non-zero changes there is no pair and the share is undefined (None),
    which never makes a series volatile on its own.
    """
    signs = [1 if b > a else -1 for a, b in pairwise(values) if b != a]
    pairs = len(signs) - 1
    if pairs < 1:
        return None
    flips = sum(1 for a, b in pairwise(signs) if a != b)
    return flips / pairs


def _summarise(points: Iterable[tuple[str, Any]], base_year: int) -> _Summary:
    """Clean one series and find its base, latest value, window size and volatility.

    Rows with no leading year in the period or no finite value are dropped. When several
    periods share a year, the one sorting last as text is kept (e.g. "2019K4" over
    "2019K1"): the method is annual and the latest label of a year is the freshest.
    """
    by_year: dict[int, tuple[str, float]] = {}
    for period, raw in points:
        year = period_year(period)
        value = _clean_value(raw)
        if year is None or value is None:
            continue
        kept = by_year.get(year)
        if kept is None or period >= kept[0]:
            by_year[year] = (period, value)
    years = sorted(by_year)
    if not years:
        return _Summary(0, 0, None, None, None, None, None, None, None)
    window = [y for y in years if y >= base_year]
    if not window:
        last = years[-1]
        return _Summary(
            len(years), 0, None, None, None, by_year[last][0], last, by_year[last][1], None
        )
    first, last = window[0], window[-1]
    return _Summary(
        n_valid=len(years),
        n_points=len(window),
        base_period=by_year[first][0],
        base_year=first,
        base_value=by_year[first][1],
        latest_period=by_year[last][0],
        latest_year=last,
        latest_value=by_year[last][1],
        flip_share=_flip_share([by_year[y][1] for y in window]),
    )


def _classify(score: float, thresholds: tuple[float, float, float]) -> Status:
    """Map a score to a status: at or above a threshold (within the tolerance) reaches it."""
    substantial, moderate, limited = thresholds
    if score >= substantial - THRESHOLD_TOLERANCE:
        return Status.SUBSTANTIAL_PROGRESS
    if score >= moderate - THRESHOLD_TOLERANCE:
        return Status.MODERATE_PROGRESS
    if score >= limited - THRESHOLD_TOLERANCE:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def _required_cagr(
    base: float, base_year: int, target: float, target_year: int | None
) -> tuple[float | None, Reason | None]:
    """The CAGR that takes ``base`` to ``target`` by ``target_year``, or why it is undefined.

    A target of zero is allowed (required CAGR -100 %, the exponential model's honest answer);
    a negative target or base has no real growth rate.
    """
    if target_year is None:
        return None, Reason.NO_TARGET_YEAR
    if target_year <= base_year:
        return None, Reason.TARGET_YEAR_NOT_AFTER_BASE
    if base <= 0:
        return None, Reason.ZERO_OR_NEGATIVE_BASE
    if target < 0:
        return None, Reason.NEGATIVE_TARGET
    return (target / base) ** (1.0 / (target_year - base_year)) - 1.0, None


def _decide(  # noqa: C901 - the method's decision order, one rule per branch
    summary: _Summary, indicator: Indicator, method: MethodSettings
) -> SeriesStatus:
    """Apply the decision order of the module docstring to one summarised series."""
    sign = indicator.direction.sign
    target = indicator.target
    kind: Kind = "context" if sign == 0 else ("target" if target is not None else "no_target")
    thresholds = {
        "context": None,
        "target": method.thresholds_target,
        "no_target": method.thresholds_no_target,
    }[kind]
    target_value = target.value if target is not None else None
    target_year = target.year if target is not None else None

    observed: float | None = None
    required: float | None = None
    score: float | None = None
    reason: Reason | None = None
    status: Status

    base, latest = summary.base_value, summary.latest_value
    if summary.n_valid == 0:
        status, reason = Status.NOT_AVAILABLE, Reason.NO_DATA
    elif base is None or summary.base_year is None:
        status, reason = Status.NOT_AVAILABLE, Reason.NO_BASE_IN_WINDOW
    elif summary.n_points < 2 or latest is None or summary.latest_year is None:
        status, reason = Status.NOT_AVAILABLE, Reason.ONE_POINT
    else:
        cagr_reason: Reason | None = None
        if base <= 0:
            cagr_reason = Reason.ZERO_OR_NEGATIVE_BASE
        elif latest <= 0:
            cagr_reason = Reason.ZERO_OR_NEGATIVE_LATEST
        else:
            observed = (latest / base) ** (1.0 / (summary.latest_year - summary.base_year)) - 1.0

        if summary.n_points < method.min_points_for_confidence:
            uncertainty: Reason | None = Reason.FEW_POINTS
        elif summary.flip_share is not None and summary.flip_share > method.max_sign_flip_share:
            uncertainty = Reason.VOLATILE
        else:
            uncertainty = None

        if sign == 0:
            status, reason = Status.CONTEXT, cagr_reason
        elif target is None:
            if observed is None:
                status, reason = Status.NOT_AVAILABLE, cagr_reason
            else:
                score = sign * observed
                if uncertainty is not None:
                    status, reason = Status.TOO_UNCERTAIN, uncertainty
                else:
                    status = _classify(score, method.thresholds_no_target)
        else:
            required, required_reason = _required_cagr(
                base, summary.base_year, target.value, target.year
            )
            # The base already meets the target: no growth is required, and a ratio to a
            # zero or wrong-way required growth would reward moving away from the target.
            base_met = required is not None and sign * required <= 0
            if observed is not None and required is not None and not base_met:
                score = observed / required
            if sign * (latest - target.value) >= 0:
                status = Status.TARGET_ACHIEVED
            elif observed is None:
                status, reason = Status.NOT_AVAILABLE, cagr_reason
            elif required is None:
                status, reason = Status.NOT_AVAILABLE, required_reason
            elif uncertainty is not None:
                status, reason = Status.TOO_UNCERTAIN, uncertainty
            elif score is None:
                status, reason = Status.DETERIORATION, Reason.BASE_MET_TARGET
            else:
                status = _classify(score, method.thresholds_target)

    computed = status
    manual = indicator.manual_status is not None
    if indicator.manual_status is not None:
        status = Status(indicator.manual_status.status)
    return SeriesStatus(
        indicator_id=indicator.id,
        status=status,
        computed_status=computed,
        manual=manual,
        score=score,
        reason=reason,
        kind=kind,
        base_period=summary.base_period,
        base_value=summary.base_value,
        latest_period=summary.latest_period,
        latest_value=summary.latest_value,
        target_value=target_value,
        target_year=target_year,
        observed_cagr=observed,
        required_cagr=required,
        thresholds=thresholds,
        n_points=summary.n_points,
        flip_share=summary.flip_share,
    )


def compute_series_status(
    points: Sequence[tuple[str, float | None]],
    indicator: Indicator,
    method: MethodSettings | None = None,
) -> SeriesStatus:
    """The status of one series, with its explanation.

    This is the readable entry point (one series, e.g. for "explain this status" or a
    test); :func:`compute_statuses` gives the same answer for many series at once.

    Args:
        points: (period, value) pairs in any order; periods such as "2019", values None or
            NaN where missing (they are skipped, never read as zero).
        indicator: the catalogue entry: direction, target and manual status.
        method: the method's parameters; the catalogue defaults when None.

    Returns:
        The status, score and every value the explanation shows.
    """
    settings = method if method is not None else MethodSettings()
    return _decide(_summarise(points, settings.base_year), indicator, settings)


def _float_array(values: pd.Series) -> npt.NDArray[np.float64]:
    """Values as float64 with every missing or non-numeric entry as NaN."""
    numeric = pd.to_numeric(values, errors="coerce")
    return np.asarray(numeric, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _SeriesArrays:
    """What :class:`_Summary` holds, for many series at once: one array entry per series.

    Missing entries are -1 (periods, years) or NaN (values, flip share): values are always
    finite once cleaned, so NaN cannot be confused with a value.
    """

    labels: npt.NDArray[np.object_]
    """The period labels, with None appended: a period code of -1 picks None."""
    n_valid: npt.NDArray[np.int64]
    n_points: npt.NDArray[np.int64]
    base_period: npt.NDArray[np.int64]
    base_year: npt.NDArray[np.int64]
    base_value: npt.NDArray[np.float64]
    latest_period: npt.NDArray[np.int64]
    latest_year: npt.NDArray[np.int64]
    latest_value: npt.NDArray[np.float64]
    flip_share: npt.NDArray[np.float64]


def _summaries(observations: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, _SeriesArrays]:
    """Summarise every series of ``observations`` at once, as :func:`_summarise` does one.

    The work (cleaning, sorting, de-duplicating, windowing, change signs) is done on whole
    numpy arrays, with no Python object per value or per series.

    Returns:
        The key columns of each series (one row per series) and the summaries, aligned.
    """
    n_rows = len(observations)
    combined = np.zeros(n_rows, dtype=np.int64)
    for column in KEY_COLUMNS:
        col_codes, uniques = pd.factorize(observations[column], use_na_sentinel=False)
        combined = combined * len(uniques) + np.asarray(col_codes, dtype=np.int64)
    _, first_row, series_of_row = np.unique(combined, return_index=True, return_inverse=True)
    series_of_row = np.asarray(series_of_row, dtype=np.int64).reshape(n_rows)
    n_series = len(first_row)
    keys = observations.iloc[first_row][list(KEY_COLUMNS)].reset_index(drop=True)

    # Factorise the few distinct period labels, then order their codes by the label text
    # so that sorting by code sorts by label (the tie-break between periods of one year).
    raw_codes, raw_labels = pd.factorize(observations["period"])
    raw_text = [str(label) for label in raw_labels]
    by_text = sorted(range(len(raw_text)), key=raw_text.__getitem__)
    labels = [raw_text[i] for i in by_text]
    code_of_raw = np.empty(len(raw_text), dtype=np.int64)
    code_of_raw[by_text] = np.arange(len(raw_text))
    raw_codes = np.asarray(raw_codes, dtype=np.int64)
    period_codes = np.where(raw_codes >= 0, code_of_raw[np.maximum(raw_codes, 0)], -1)
    label_years = np.array(
        [np.nan if (y := period_year(t)) is None else float(y) for t in labels] or [np.nan],
        dtype=np.float64,
    )
    years = np.full(n_rows, np.nan)
    has_period = period_codes >= 0
    years[has_period] = label_years[period_codes[has_period]]
    values = _float_array(observations["value"])

    valid = np.isfinite(values) & np.isfinite(years)
    s = series_of_row[valid]
    y = years[valid].astype(np.int64)
    p = period_codes[valid]
    v = values[valid]
    order = np.lexsort((p, y, s))
    s, y, p, v = s[order], y[order], p[order], v[order]
    # Keep the last period of each (series, year): its label sorts last as text.
    if len(s):
        last_of_year = np.ones(len(s), dtype=bool)
        last_of_year[:-1] = (s[1:] != s[:-1]) | (y[1:] != y[:-1])
        s, y, p, v = s[last_of_year], y[last_of_year], p[last_of_year], v[last_of_year]

    n_valid = np.bincount(s, minlength=n_series)
    last_any = np.full(n_series, -1, dtype=np.int64)
    last_any[s] = np.arange(len(s))  # later rows overwrite: the last row of each series

    in_window = y >= base_year
    ws, wy, wp, wv = s[in_window], y[in_window], p[in_window], v[in_window]
    n_points = np.bincount(ws, minlength=n_series)
    first_w = np.full(n_series, -1, dtype=np.int64)
    first_w[ws[::-1]] = np.arange(len(ws))[::-1]  # earlier rows overwrite: the first row
    last_w = np.full(n_series, -1, dtype=np.int64)
    last_w[ws] = np.arange(len(ws))

    pairs = np.zeros(n_series, dtype=np.int64)
    flips = np.zeros(n_series, dtype=np.int64)
    if len(ws) > 1:
        same = ws[1:] == ws[:-1]
        change_sign = np.sign(wv[1:] - wv[:-1])
        nonzero = same & (change_sign != 0)
        nz_series = ws[1:][nonzero]
        nz_sign = change_sign[nonzero]
        if len(nz_series) > 1:
            paired = nz_series[1:] == nz_series[:-1]
            flipped = paired & (nz_sign[1:] != nz_sign[:-1])
            pairs = np.bincount(nz_series[1:][paired], minlength=n_series)
            flips = np.bincount(nz_series[1:][flipped], minlength=n_series)

    def pick(
        source: npt.NDArray[Any], rows: npt.NDArray[np.int64], missing: Any
    ) -> npt.NDArray[Any]:
        """``source[rows]``, with ``missing`` where a row is -1."""
        out = np.full(len(rows), missing, dtype=source.dtype)
        found = rows >= 0
        out[found] = source[rows[found]]
        return out

    # Without a value in the window, the latest value is the series' last one before it.
    latest_p = np.where(n_points > 0, pick(wp, last_w, -1), pick(p, last_any, -1))
    latest_y = np.where(n_points > 0, pick(wy, last_w, -1), pick(y, last_any, -1))
    latest_v = np.where(n_points > 0, pick(wv, last_w, np.nan), pick(v, last_any, np.nan))
    with np.errstate(divide="ignore", invalid="ignore"):
        flip_share = np.where(pairs > 0, flips / np.maximum(pairs, 1), np.nan)
    return keys, _SeriesArrays(
        labels=np.array([*labels, None], dtype=object),
        n_valid=n_valid.astype(np.int64),
        n_points=n_points.astype(np.int64),
        base_period=pick(wp, first_w, -1),
        base_year=pick(wy, first_w, -1),
        base_value=pick(wv, first_w, np.nan),
        latest_period=latest_p,
        latest_year=latest_y,
        latest_value=latest_v,
        flip_share=flip_share,
    )


def _python_pow(
    bases: npt.NDArray[np.float64], exponents: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """``bases ** exponents`` element by element with Python's float power (the C library's).

    numpy's vectorised power may use its own SIMD routines, which can differ from the C
    library's ``pow`` in the last bit; the growth rates must equal :func:`_decide`'s exactly.
    """
    return np.fromiter(
        map(pow, bases.tolist(), exponents.tolist()), dtype=np.float64, count=len(bases)
    )


_STATUSES = list(Status)
_REASONS = list(Reason)
_NO_REASON = len(_REASONS)


def _status_code(status: Status) -> int:
    return _STATUSES.index(status)


def _reason_code(reason: Reason) -> int:
    return _REASONS.index(reason)


def _classify_all(
    score: npt.NDArray[np.float64], thresholds: tuple[float, float, float]
) -> npt.NDArray[np.int64]:
    """:func:`_classify` for many scores: status codes (NaN scores end as deterioration)."""
    substantial, moderate, limited = thresholds
    return np.select(
        [
            score >= substantial - THRESHOLD_TOLERANCE,
            score >= moderate - THRESHOLD_TOLERANCE,
            score >= limited - THRESHOLD_TOLERANCE,
        ],
        [
            _status_code(Status.SUBSTANTIAL_PROGRESS),
            _status_code(Status.MODERATE_PROGRESS),
            _status_code(Status.LIMITED_PROGRESS),
        ],
        _status_code(Status.DETERIORATION),
    ).astype(np.int64)


def _decide_all(
    series: _SeriesArrays,
    indicators: Sequence[Indicator],
    owner: npt.NDArray[np.int64],
    method: MethodSettings,
) -> dict[str, Any]:
    """:func:`_decide` for every series at once: the columns after the keys.

    Follows :func:`_decide` rule by rule on whole arrays; each rule fills only the series
    that no earlier rule decided. Growth rates use the same formulas and Python's own power,
    so every float equals :func:`_decide`'s bit for bit (a unit test compares them).

    Args:
        series: the summaries of all series.
        indicators: the distinct indicators of the series.
        owner: each series' position in ``indicators``.
        method: the method's parameters.
    """
    n = len(owner)
    targets = [i.target for i in indicators]
    sign = np.array([float(i.direction.sign) for i in indicators])[owner]
    has_target = np.array([t is not None for t in targets], dtype=bool)[owner]
    target_value = np.array([np.nan if t is None else float(t.value) for t in targets])[owner]
    target_year = np.array(
        [-1 if t is None or t.year is None else t.year for t in targets], dtype=np.int64
    )[owner]
    has_year = has_target & (target_year >= 0)

    base, latest = series.base_value, series.latest_value
    by, ly = series.base_year, series.latest_year
    status = np.full(n, -1, dtype=np.int64)
    reason = np.full(n, _NO_REASON, dtype=np.int64)
    score = np.full(n, np.nan)
    observed = np.full(n, np.nan)
    required = np.full(n, np.nan)

    def decide(where: npt.NDArray[np.bool_], to: Status, why: npt.NDArray[Any] | int) -> None:
        """Give the undecided series of ``where`` a status and reason code."""
        chosen = where & (status < 0)
        status[chosen] = _status_code(to)
        reason[chosen] = why[chosen] if isinstance(why, np.ndarray) else why

    na = Status.NOT_AVAILABLE
    decide(series.n_valid == 0, na, _reason_code(Reason.NO_DATA))
    decide(series.n_points == 0, na, _reason_code(Reason.NO_BASE_IN_WINDOW))
    decide(series.n_points < 2, na, _reason_code(Reason.ONE_POINT))
    judged = status < 0

    cagr_reason = np.full(n, _NO_REASON, dtype=np.int64)
    cagr_reason[judged & ~(base > 0)] = _reason_code(Reason.ZERO_OR_NEGATIVE_BASE)
    cagr_reason[judged & (base > 0) & ~(latest > 0)] = _reason_code(Reason.ZERO_OR_NEGATIVE_LATEST)
    has_observed = judged & (base > 0) & (latest > 0)
    years = (ly[has_observed] - by[has_observed]).astype(np.float64)
    observed[has_observed] = (
        _python_pow(latest[has_observed] / base[has_observed], 1.0 / years) - 1.0
    )

    few = judged & (series.n_points < method.min_points_for_confidence)
    volatile = judged & ~few & (series.flip_share > method.max_sign_flip_share)
    uncertainty = np.where(
        few, _reason_code(Reason.FEW_POINTS),
        np.where(volatile, _reason_code(Reason.VOLATILE), _NO_REASON),
    )  # fmt: skip
    uncertain = few | volatile

    decide(judged & (sign == 0), Status.CONTEXT, cagr_reason)

    plain = judged & (sign != 0) & ~has_target
    score[plain & has_observed] = sign[plain & has_observed] * observed[plain & has_observed]
    decide(plain & ~has_observed, na, cagr_reason)
    decide(plain & uncertain, Status.TOO_UNCERTAIN, uncertainty)
    plain_left = plain & (status < 0)
    status[plain_left] = _classify_all(score[plain_left], method.thresholds_no_target)

    aimed = judged & (sign != 0) & has_target
    required_reason = np.full(n, _NO_REASON, dtype=np.int64)
    required_reason[aimed & ~has_year] = _reason_code(Reason.NO_TARGET_YEAR)
    after = aimed & has_year & (target_year > by)
    required_reason[aimed & has_year & ~after] = _reason_code(Reason.TARGET_YEAR_NOT_AFTER_BASE)
    required_reason[after & ~(base > 0)] = _reason_code(Reason.ZERO_OR_NEGATIVE_BASE)
    required_reason[after & (base > 0) & (target_value < 0)] = _reason_code(Reason.NEGATIVE_TARGET)
    has_required = after & (base > 0) & ~(target_value < 0)
    to_go = (target_year[has_required] - by[has_required]).astype(np.float64)
    required[has_required] = (
        _python_pow(target_value[has_required] / base[has_required], 1.0 / to_go) - 1.0
    )
    # The base already meets the target: see _decide.
    base_met = has_required & (sign * required <= 0)
    scored = aimed & has_observed & has_required & ~base_met
    score[scored] = observed[scored] / required[scored]
    decide(aimed & (sign * (latest - target_value) >= 0), Status.TARGET_ACHIEVED, _NO_REASON)
    decide(aimed & ~has_observed, na, cagr_reason)
    decide(aimed & ~has_required, na, required_reason)
    decide(aimed & uncertain, Status.TOO_UNCERTAIN, uncertainty)
    decide(aimed & ~scored, Status.DETERIORATION, _reason_code(Reason.BASE_MET_TARGET))
    aimed_left = aimed & (status < 0)
    status[aimed_left] = _classify_all(score[aimed_left], method.thresholds_target)

    status_text = np.array([s.value for s in _STATUSES], dtype=object)
    computed = status_text[status]
    manual_of = [i.manual_status for i in indicators]
    manual = np.array([m is not None for m in manual_of], dtype=bool)[owner]
    shown = np.array(
        [None if m is None else Status(m.status).value for m in manual_of], dtype=object
    )[owner]
    kind_of = [
        "context" if i.direction.sign == 0 else ("target" if i.target is not None else "no_target")
        for i in indicators
    ]
    kind = np.array(kind_of, dtype=object)[owner]
    thresholds = np.array(
        [
            {
                "context": (np.nan, np.nan, np.nan),
                "target": method.thresholds_target,
                "no_target": method.thresholds_no_target,
            }[k]
            for k in kind_of
        ],
        dtype=np.float64,
    ).reshape(len(indicators), 3)[owner]
    labels = series.labels
    return {
        "status": np.where(manual, shown, computed),
        "computed_status": computed,
        "manual": manual,
        "score": score,
        "reason": np.array([*(r.value for r in _REASONS), None], dtype=object)[reason],
        "kind": kind,
        "base_period": labels[series.base_period],
        "base_value": series.base_value,
        "latest_period": labels[series.latest_period],
        "latest_value": series.latest_value,
        "target_value": target_value,
        "target_year": pd.arrays.IntegerArray(np.where(has_year, target_year, 0), ~has_year),
        "observed_cagr": observed,
        "required_cagr": required,
        "threshold_substantial": thresholds[:, 0],
        "threshold_moderate": thresholds[:, 1],
        "threshold_limited": thresholds[:, 2],
        "n_points": series.n_points,
        "flip_share": series.flip_share,
        "method_version": np.full(n, METHOD_VERSION, dtype=object),
    }


def compute_statuses(
    observations: pd.DataFrame,
    indicators: Iterable[Indicator] | Mapping[str, Indicator],
    method: MethodSettings | None = None,
) -> pd.DataFrame:
    """The status of every series in a tidy observations table.

    Rows of indicators missing from ``indicators`` are left out: without a direction there is
    nothing to judge (the catalogue check reports such orphans). A series whose every value
    is missing is still returned, as not_available / no_data.

    Args:
        observations: one row per (indicator_id, region_code, breakdown, period) with
            ``value`` (None or NaN when missing); extra columns are ignored.
        indicators: the catalogue's indicators, as a list or a mapping by id.
        method: the method's parameters; the catalogue defaults when None.

    Returns:
        One row per series, sorted by indicator_id, region_code and breakdown, with the
        columns of :data:`STATUS_COLUMNS`.

    Raises:
        ValueError: when a required column is missing.
    """
    settings = method if method is not None else MethodSettings()
    missing = [c for c in OBSERVATION_COLUMNS if c not in observations.columns]
    if missing:
        raise ValueError(f"observations lack column(s) {', '.join(missing)}")
    by_id = (
        dict(indicators) if isinstance(indicators, Mapping) else {ind.id: ind for ind in indicators}
    )
    mask = observations["indicator_id"].isin(list(by_id))
    known = observations if mask.all() else observations[mask.to_numpy()]
    if known.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in STATUS_COLUMNS})
    keys, series = _summaries(known, settings.base_year)
    owners, owner_ids = pd.factorize(keys["indicator_id"])
    involved = [by_id[str(i)] for i in owner_ids]
    body = pd.DataFrame(_decide_all(series, involved, np.asarray(owners, dtype=np.int64), settings))
    frame = pd.concat([keys, body], axis=1)
    return frame.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)
