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


def _summaries(observations: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[_Summary]]:
    """Summarise every series of ``observations`` at once, as :func:`_summarise` does one.

    The heavy work (cleaning, sorting, de-duplicating, windowing, change signs) is done on
    whole numpy arrays; only the per-series decision is left to Python.

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

    summaries: list[_Summary] = []
    n_valid_l = n_valid.tolist()
    n_points_l = n_points.tolist()
    first_l, last_l, any_l = first_w.tolist(), last_w.tolist(), last_any.tolist()
    pairs_l, flips_l = pairs.tolist(), flips.tolist()
    wy_l, wp_l, wv_l = wy.tolist(), wp.tolist(), wv.tolist()
    y_l, p_l, v_l = y.tolist(), p.tolist(), v.tolist()
    for idx in range(n_series):
        if n_valid_l[idx] == 0:
            summaries.append(_Summary(0, 0, None, None, None, None, None, None, None))
            continue
        if n_points_l[idx] == 0:
            row = any_l[idx]
            summaries.append(
                _Summary(
                    n_valid_l[idx], 0, None, None, None, labels[p_l[row]], y_l[row], v_l[row], None
                )
            )
            continue
        first, last = first_l[idx], last_l[idx]
        summaries.append(
            _Summary(
                n_valid=n_valid_l[idx],
                n_points=n_points_l[idx],
                base_period=labels[wp_l[first]],
                base_year=wy_l[first],
                base_value=wv_l[first],
                latest_period=labels[wp_l[last]],
                latest_year=wy_l[last],
                latest_value=wv_l[last],
                flip_share=flips_l[idx] / pairs_l[idx] if pairs_l[idx] > 0 else None,
            )
        )
    return keys, summaries


def _series_row(result: SeriesStatus) -> tuple[Any, ...]:
    """The frame columns after the keys for one result, in :data:`STATUS_COLUMNS` order."""
    thresholds = result.thresholds or (None, None, None)
    return (
        result.status.value,
        result.computed_status.value,
        result.manual,
        result.score,
        result.reason.value if result.reason is not None else None,
        result.kind,
        result.base_period,
        result.base_value,
        result.latest_period,
        result.latest_value,
        result.target_value,
        result.target_year,
        result.observed_cagr,
        result.required_cagr,
        *thresholds,
        result.n_points,
        result.flip_share,
        result.method_version,
    )


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
    known = observations[observations["indicator_id"].isin(list(by_id))]
    if known.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in STATUS_COLUMNS})
    keys, summaries = _summaries(known, settings.base_year)
    rows = [
        _series_row(_decide(summary, by_id[str(ind_id)], settings))
        for ind_id, summary in zip(keys["indicator_id"].tolist(), summaries, strict=True)
    ]
    body = pd.DataFrame.from_records(rows, columns=list(STATUS_COLUMNS[3:]))
    frame = pd.concat([keys, body], axis=1)
    float_columns = [
        "score",
        "base_value",
        "latest_value",
        "target_value",
        "observed_cagr",
        "required_cagr",
        "threshold_substantial",
        "threshold_moderate",
        "threshold_limited",
        "flip_share",
    ]
    frame[float_columns] = frame[float_columns].astype("float64")
    frame["target_year"] = frame["target_year"].astype("Int64")
    frame["n_points"] = frame["n_points"].astype("int64")
    frame["manual"] = frame["manual"].astype(bool)
    return frame.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)
