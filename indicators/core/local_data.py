"""Local data a municipality publishes for its own areas: Platskompassen results and area measures.

Register statistics say how people live; a Platskompassen dialogue (the Swedish Place Standard:
14 themes, each scored 1–7) says how residents experience their place, and a place-based
analysis measures, say, the walking distance to the nearest library. Neither is official
statistics, and neither is comparable between municipalities, so they are published by the
municipality for its own territory, marked as local data, and never enter the status method.

This module is pure: the two file formats, the 14 themes, and the validation that turns a CSV
text into rows or into every problem at once (row number, column, what to do), so that a
publisher fixes a file in one pass and nothing is stored from a file with a single error.
Area codes are DeSO or RegSO codes of the publishing municipality (either vintage), or the ids
of named local areas published with the dataset as polygons (``core.local_areas``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Final

from levande.indicators.core.local_texts import frame_text, problem_text


class LocalKind(StrEnum):
    """The two kinds of local dataset."""

    PLATSKOMPASSEN = "platskompassen"
    """Per area and survey date, each theme's mean score (1–7) and the number of respondents."""
    MEASURE = "measure"
    """Per area and year, one or more named measures with a unit and a method."""


@dataclass(frozen=True)
class Theme:
    """One of Platskompassen's 14 themes (the Place Standard's questions)."""

    id: str
    sv: str
    en: str


THEMES: Final[tuple[Theme, ...]] = (
    Theme("ga_cykla", "Gå och cykla", "Walking and cycling"),
    Theme("kollektivtrafik", "Kollektivtrafik", "Public transport"),
    Theme("trafik_parkering", "Trafik och parkering", "Traffic and parking"),
    Theme("gator_platser", "Gator och platser", "Streets and spaces"),
    Theme("natur", "Natur och grönska", "Natural space"),
    Theme("lek_rekreation", "Lek och rekreation", "Play and recreation"),
    Theme("service", "Service och faciliteter", "Facilities and services"),
    Theme("arbete_ekonomi", "Arbete och lokal ekonomi", "Work and local economy"),
    Theme("bostader", "Bostäder och gemenskap", "Housing and community"),
    Theme("social_kontakt", "Social kontakt", "Social contact"),
    Theme("identitet", "Identitet och tillhörighet", "Identity and belonging"),
    Theme("trygghet", "Känna sig trygg", "Feeling safe"),
    Theme("skotsel", "Skötsel och underhåll", "Care and maintenance"),
    Theme("inflytande", "Inflytande och delaktighet", "Influence and sense of control"),
)
THEME_IDS: Final = frozenset(theme.id for theme in THEMES)

#: Areas with fewer respondents than this are "too few answers" unless a dataset sets another.
DEFAULT_MIN_RESPONDENTS: Final = 10
SCORE_RANGE: Final = (1.0, 7.0)

#: The columns of each kind, in the order the documentation lists them; ``?`` marks optional.
COLUMNS: Final[Mapping[LocalKind, tuple[str, ...]]] = {
    LocalKind.PLATSKOMPASSEN: (
        "area_code",
        "area_name?",
        "survey_date",
        "theme",
        "mean_score",
        "respondents",
        "breakdown?",
        "breakdown_value?",
    ),
    LocalKind.MEASURE: ("area_code", "area_name?", "measure", "unit", "year", "value"),
}

_DESO = re.compile(r"^(\d{4})[ABC]\d{3}[A-Z0-9](?:_DeSO2025)?$")
_REGSO = re.compile(r"^(\d{4})R\d{3}(?:_RegSO2025)?$")
LOCAL_AREA_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_MEASURE = re.compile(r"^\S.{0,119}$")


class AreaKind(StrEnum):
    """What an area code of a local dataset is."""

    DESO = "deso"
    REGSO = "regso"
    LOCAL = "local"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (1-based data row, column) and what to do.

    The wording is looked up by ``key`` in ``core.local_texts``, in the reader's language;
    ``values`` fill its placeholders (the value found, a code of the right municipality).
    """

    row: int | None
    column: str | None
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What is wrong, in English (logs and exceptions)."""
        return problem_text(self.key, "en", self.values)[0]

    @property
    def fix(self) -> str:
        """What to do, in English."""
        return problem_text(self.key, "en", self.values)[1]

    def text(self, lang: str = "en") -> str:
        """The whole problem in one line: where, what is wrong, and the fix."""
        message, fix = problem_text(self.key, lang, self.values)
        where = ", ".join(
            part
            for part in (
                frame_text("row", lang, row=self.row) if self.row is not None else "",
                frame_text("column", lang, column=self.column) if self.column else "",
            )
            if part
        )
        return f"{where + ': ' if where else ''}{message} — {fix}"

    def __str__(self) -> str:
        return self.text("en")


class LocalDataError(ValueError):
    """A local dataset cannot be published; ``problems`` lists every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{len(self.problems)} problem(s): {shown}{more}")


@dataclass(frozen=True)
class LocalRow:
    """One validated value of a local dataset.

    Attributes:
        area_code: a DeSO or RegSO code of the municipality, or a named local area's id.
        area_kind: which of the three the code is.
        area_name: the name the publisher gives the area, if any.
        period: the survey date (ISO ``YYYY-MM-DD``) or the year (``YYYY``).
        item: the theme id (Platskompassen) or the measure's name.
        value: the mean score or the measure; None where too few answered (never stored).
        respondents: how many answered (Platskompassen), else None.
        unit: the measure's unit (measures), else None.
        breakdown: e.g. ``kön`` or ``ålder`` when the row is one group of respondents.
        breakdown_value: e.g. ``kvinnor`` or ``16-29``.
        withheld: the score is withheld because fewer than the threshold answered.
    """

    area_code: str
    area_kind: AreaKind
    area_name: str | None
    period: str
    item: str
    value: float | None
    respondents: int | None
    unit: str | None
    breakdown: str | None
    breakdown_value: str | None
    withheld: bool = False


def area_kind(code: str, municipality: str, local_ids: frozenset[str]) -> AreaKind | None:
    """What ``code`` is for ``municipality``, or None when it is not one of its areas."""
    for pattern, kind in ((_DESO, AreaKind.DESO), (_REGSO, AreaKind.REGSO)):
        match = pattern.match(code)
        if match:
            return kind if match.group(1) == municipality else None
    return AreaKind.LOCAL if code in local_ids else None


def _number(raw: str, *, decimal_comma: bool) -> float | None:
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _dialect(text: str) -> tuple[str, bool]:
    """The delimiter of a file and whether its numbers may use a decimal comma.

    Swedish Excel saves ``;`` with decimal commas, everything else ``,`` with points; the
    header line tells which.
    """
    header = text.split("\n", 1)[0]
    semicolon = header.count(";") > header.count(",")
    return (";" if semicolon else ","), semicolon


@dataclass
class _Parse:
    kind: LocalKind
    municipality: str
    local_ids: frozenset[str]
    min_respondents: int
    decimal_comma: bool
    problems: list[Problem]

    def problem(self, row: int | None, column: str | None, key: str, **values: object) -> None:
        self.problems.append(Problem(row, column, key, values))

    def area(self, n: int, record: Mapping[str, str]) -> tuple[str, AreaKind] | None:
        code = record["area_code"].strip()
        if not code:
            self.problem(n, "area_code", "area_empty")
            return None
        kind = area_kind(code, self.municipality, self.local_ids)
        if kind is None:
            self.problem(
                n, "area_code", "area_elsewhere", code=code, municipality=self.municipality
            )
            return None
        return code, kind

    def row(self, n: int, record: Mapping[str, str]) -> LocalRow | None:
        area = self.area(n, record)
        name = (record.get("area_name") or "").strip() or None
        if self.kind is LocalKind.PLATSKOMPASSEN:
            return self._survey_row(n, record, area, name)
        return self._measure_row(n, record, area, name)

    def _survey_row(
        self,
        n: int,
        record: Mapping[str, str],
        area: tuple[str, AreaKind] | None,
        name: str | None,
    ) -> LocalRow | None:
        raw_date = record["survey_date"].strip()
        try:
            period = date.fromisoformat(raw_date).isoformat()
        except ValueError:
            self.problem(n, "survey_date", "date_invalid", value=raw_date)
            period = None
        theme = record["theme"].strip()
        if theme not in THEME_IDS:
            self.problem(
                n, "theme", "theme_unknown", value=theme, themes=", ".join(sorted(THEME_IDS))
            )
        raw_count = record["respondents"].strip()
        respondents = int(raw_count) if raw_count.isdigit() else None
        if respondents is None:
            self.problem(n, "respondents", "respondents_invalid", value=raw_count)
        score = _number(record["mean_score"], decimal_comma=self.decimal_comma)
        low, high = SCORE_RANGE
        if record["mean_score"].strip() == "" and respondents is not None:
            score = None  # a theme nobody scored: missing, not zero
        elif score is None or not low <= score <= high:
            self.problem(n, "mean_score", "score_invalid", value=record["mean_score"].strip())
        breakdown = (record.get("breakdown") or "").strip() or None
        group = (record.get("breakdown_value") or "").strip() or None
        if (breakdown is None) != (group is None):
            self.problem(n, "breakdown_value" if breakdown else "breakdown", "breakdown_incomplete")
        if area is None or period is None or theme not in THEME_IDS or respondents is None:
            return None
        withheld = respondents < self.min_respondents
        return LocalRow(
            area[0],
            area[1],
            name,
            period,
            theme,
            None if withheld else score,  # privacy: never stored, shown as "too few answers"
            respondents,
            None,
            breakdown,
            group,
            withheld,
        )

    def _measure_row(
        self,
        n: int,
        record: Mapping[str, str],
        area: tuple[str, AreaKind] | None,
        name: str | None,
    ) -> LocalRow | None:
        measure = record["measure"].strip()
        if not _MEASURE.match(measure):
            self.problem(n, "measure", "measure_invalid")
        unit = record["unit"].strip()
        if not unit:
            self.problem(n, "unit", "unit_empty")
        year = record["year"].strip()
        if not (year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2100):
            self.problem(n, "year", "year_invalid", value=year)
        raw = record["value"].strip()
        value = _number(raw, decimal_comma=self.decimal_comma) if raw else None
        if raw and value is None:
            self.problem(n, "value", "value_invalid", value=raw)
        if area is None or not _MEASURE.match(measure) or not unit or len(year) != 4:
            return None
        return LocalRow(area[0], area[1], name, year, measure, value, None, unit, None, None)


def parse_dataset(
    text: str,
    kind: LocalKind,
    municipality: str,
    *,
    local_ids: frozenset[str] = frozenset(),
    min_respondents: int = DEFAULT_MIN_RESPONDENTS,
) -> tuple[LocalRow, ...]:
    """Validate a CSV file of one kind for one municipality.

    Args:
        text: the file's text (UTF-8, with or without a byte-order mark); ``,`` or ``;``.
        kind: which format the file is in.
        municipality: the four-digit code of the publishing municipality.
        local_ids: ids of the named local areas published with the dataset.
        min_respondents: below this, a score is withheld (stored as missing).

    Returns:
        Every row, validated.

    Raises:
        LocalDataError: with every problem of the file (nothing should be stored).
    """
    parse = _Parse(kind, municipality, local_ids, min_respondents, False, [])
    text = text.removeprefix("\ufeff")
    delimiter, parse.decimal_comma = _dialect(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    required = [c for c in COLUMNS[kind] if not c.endswith("?")]
    known = {c.rstrip("?") for c in COLUMNS[kind]}
    missing = [c for c in required if c not in header]
    if missing:
        parse.problem(
            None,
            ", ".join(missing),
            "columns_missing",
            kind=str(kind),
            columns=", ".join(c.rstrip("?") for c in COLUMNS[kind]),
        )
    unknown = [c for c in header if c not in known]
    if unknown:
        parse.problem(None, ", ".join(unknown), "columns_unknown", columns=", ".join(sorted(known)))
    if parse.problems:
        raise LocalDataError(parse.problems)
    rows: list[LocalRow] = []
    seen: dict[tuple[str, str, str, str | None, str | None], int] = {}
    for n, record in enumerate(reader, start=1):
        if None in record or any(record.get(c) is None for c in required):
            parse.problem(n, None, "fields_count", delimiter=delimiter)
            continue
        row = parse.row(n, record)
        if row is None:
            continue
        key = (row.area_code, row.period, row.item, row.breakdown, row.breakdown_value)
        if key in seen:
            parse.problem(n, None, "row_repeated", first=seen[key])
            continue
        seen[key] = n
        rows.append(row)
    if not rows and not parse.problems:
        parse.problem(None, None, "no_rows")
    if parse.problems:
        raise LocalDataError(parse.problems)
    return tuple(rows)
