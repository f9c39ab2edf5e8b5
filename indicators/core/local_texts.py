"""What a publisher of local data reads when a file is refused, in Swedish and English.

The people who publish a Platskompassen result are municipal strategists, mostly reading
Swedish; the command line and the publishing form answer in the language asked for. Each
problem is one key with its parameters (the value found, the column, a code of the right
municipality), so the validation stays pure and the wording lives here, once per language.
A test checks that both languages have every key with the same placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

LANGUAGES: Final = ("sv", "en")

#: key -> language -> (what is wrong, what to do). ``{placeholders}`` come from the problem.
PROBLEM_TEXTS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "area_empty": {
        "sv": ("tom", "ange områdets DeSO- eller RegSO-kod eller id"),
        "en": ("empty", "give the area's DeSO or RegSO code or id"),
    },
    "area_elsewhere": {
        "sv": (
            "{code!r} är inte ett område i kommun {municipality}",
            "ange en DeSO-kod (t.ex. {municipality}C1010) eller RegSO-kod (t.ex. "
            "{municipality}R001) i kommunen, eller id för ett namngivet område i områdesfilen",
        ),
        "en": (
            "{code!r} is not an area of municipality {municipality}",
            "use a DeSO code (e.g. {municipality}C1010) or RegSO code (e.g. {municipality}R001) "
            "of this municipality, or the id of a named area in the areas file",
        ),
    },
    "date_invalid": {
        "sv": ("{value!r} är inte ett datum", "skriv ÅÅÅÅ-MM-DD"),
        "en": ("{value!r} is not a date", "write YYYY-MM-DD"),
    },
    "theme_unknown": {
        "sv": ("okänt tema {value!r}", "använd något av {themes}"),
        "en": ("unknown theme {value!r}", "use one of {themes}"),
    },
    "respondents_invalid": {
        "sv": ("{value!r} är inte ett antal", "skriv ett heltal ≥ 0"),
        "en": ("{value!r} is not a count", "write a whole number ≥ 0"),
    },
    "score_invalid": {
        "sv": (
            "{value!r} är inte ett betyg från 1 till 7",
            "skriv temats medelbetyg, t.ex. 4.5 (eller lämna tomt om ingen svarade)",
        ),
        "en": (
            "{value!r} is not a score from 1 to 7",
            "write the theme's mean score, e.g. 4.5 (or leave it empty if none answered)",
        ),
    },
    "breakdown_incomplete": {
        "sv": (
            "en uppdelning behöver både namn och grupp",
            "fyll i både breakdown (t.ex. kön) och breakdown_value (t.ex. kvinnor), eller ingen",
        ),
        "en": (
            "a breakdown needs both its name and its group",
            "fill both breakdown (e.g. kön) and breakdown_value (e.g. kvinnor), or neither",
        ),
    },
    "measure_invalid": {
        "sv": ("tomt eller för långt", "namnge måttet (högst 120 tecken)"),
        "en": ("empty or too long", "name the measure (≤ 120 characters)"),
    },
    "unit_empty": {
        "sv": ("tom", "ange enheten, t.ex. meter, procent, antal"),
        "en": ("empty", "give the unit, e.g. meter, procent, antal"),
    },
    "year_invalid": {
        "sv": ("{value!r} är inte ett år", "skriv året som ÅÅÅÅ"),
        "en": ("{value!r} is not a year", "write the year as YYYY"),
    },
    "value_invalid": {
        "sv": ("{value!r} är inte ett tal", "skriv ett tal (eller lämna tomt)"),
        "en": ("{value!r} is not a number", "write a number (or leave it empty)"),
    },
    "columns_missing": {
        "sv": ("kolumn(er) saknas", "rubrikraden i en {kind}-fil är: {columns}"),
        "en": ("missing column(s)", "the header of a {kind} file is: {columns}"),
    },
    "columns_unknown": {
        "sv": (
            "okänd(a) kolumn(er)",
            "ta bort dem eller rätta stavningen; kolumnerna är: {columns}",
        ),
        "en": (
            "unknown column(s)",
            "remove them or check the spelling; the columns are: {columns}",
        ),
    },
    "fields_count": {
        "sv": ("fel antal fält", "använd {delimiter!r} mellan fälten"),
        "en": ("wrong number of fields", "use {delimiter!r} between fields"),
    },
    "row_repeated": {
        "sv": ("samma värde som rad {first}", "ange varje värde på en rad"),
        "en": ("the same value as row {first}", "give each value in one row only"),
    },
    "no_rows": {
        "sv": ("filen har inga rader", "lägg till en rad per område och värde"),
        "en": ("the file has no rows", "add one row per area and value"),
    },
    "not_json": {
        "sv": ("inte JSON ({error})", "spara områdena som GeoJSON"),
        "en": ("not JSON ({error})", "save the areas as GeoJSON"),
    },
    "not_feature_collection": {
        "sv": ("inte en FeatureCollection", "spara områdena som GeoJSON"),
        "en": ("not a FeatureCollection", "save the areas as GeoJSON"),
    },
    "crs_unsupported": {
        "sv": (
            "koordinatsystemet {crs} stöds inte",
            "spara i WGS 84 (EPSG:4326) eller SWEREF 99 TM (EPSG:3006)",
        ),
        "en": (
            "coordinate system {crs} is not supported",
            "save in WGS 84 (EPSG:4326) or SWEREF 99 TM (EPSG:3006)",
        ),
    },
    "area_id_invalid": {
        "sv": (
            "{value!r} går inte att använda som id",
            "ge varje område ett id av bokstäver, siffror, '-', '_' eller '.' (högst 40)",
        ),
        "en": (
            "{value!r} is not a usable id",
            "give each area an id of letters, digits, '-', '_' or '.' (≤ 40)",
        ),
    },
    "area_id_twice": {
        "sv": ("{value!r} två gånger", "använd varje id en gång"),
        "en": ("{value!r} twice", "use each id once"),
    },
    "name_empty": {
        "sv": ("tomt", "ge varje område dess namn"),
        "en": ("empty", "give each area its name"),
    },
    "geometry_unreadable": {
        "sv": ("saknas eller går inte att läsa", "rita en polygon"),
        "en": ("missing or unreadable", "draw a polygon"),
    },
    "geometry_not_polygon": {
        "sv": ("en {geometry}", "ett område måste vara en polygon"),
        "en": ("a {geometry}", "an area must be a polygon"),
    },
    "geometry_invalid": {
        "sv": (
            "polygonen korsar sig själv eller är ogiltig på annat sätt",
            "laga den i GIS-programmet (t.ex. 'Fix geometries') och exportera igen",
        ),
        "en": (
            "the polygon crosses itself or is otherwise invalid",
            "repair it in the GIS (e.g. 'Fix geometries') and export again",
        ),
    },
    "geometry_outside": {
        "sv": (
            "området ligger (delvis) utanför kommunen",
            "kontrollera koordinatsystemet och att området ligger i kommunen",
        ),
        "en": (
            "the area lies (partly) outside the municipality",
            "check the coordinate system and that the area is in this municipality",
        ),
    },
    "no_areas": {
        "sv": ("inga områden", "lägg till ett objekt (feature) per område"),
        "en": ("no areas", "add one feature per area"),
    },
    "municipality_unknown": {
        "sv": (
            "{municipality!r} är inte en kommunkod",
            "ange den fyrsiffriga koden, t.ex. 2180 för Gävle (läs in regionerna först)",
        ),
        "en": (
            "{municipality!r} is not a municipality code",
            "give the four-digit code, e.g. 2180 for Gävle (load the regions first)",
        ),
    },
    "dataset_other_kind": {
        "sv": (
            "datamängden {dataset!r} innehåller {held}, inte {kind}",
            "publicera under ett annat namn",
        ),
        "en": (
            "dataset {dataset!r} holds {held}, not {kind}",
            "publish it under another dataset name",
        ),
    },
}

#: The words around a problem and the command's one-line answers.
FRAME_TEXTS: Final[Mapping[str, Mapping[str, str]]] = {
    "row": {"sv": "rad {row}", "en": "row {row}"},
    "column": {"sv": "kolumn {column!r}", "en": "column {column!r}"},
    "nothing_published": {
        "sv": "{name}: inget publicerades ({count} problem)",
        "en": "{name}: nothing was published ({count} problem(s))",
    },
    "valid_dry_run": {
        "sv": "{name}: giltig, {rows} rader (provkörning: inget sparat)",
        "en": "{name}: valid, {rows} rows (dry run: nothing stored)",
    },
    "published": {
        "sv": (
            "publicerade {municipality}/{dataset} version {version}: {rows} rader, "
            "{withheld} undanhållna (för få svar)"
        ),
        "en": (
            "published {municipality}/{dataset} version {version}: {rows} rows, "
            "{withheld} withheld (too few respondents)"
        ),
    },
    "withdrew": {
        "sv": "drog tillbaka {municipality}/{dataset}",
        "en": "withdrew {municipality}/{dataset}",
    },
    "token_invalid": {
        "sv": "nyckeln gäller inte (okänd eller återkallad)",
        "en": "the token is not valid (unknown or revoked)",
    },
    "token_scope": {
        "sv": "nyckeln gäller bara kommun {own}, inte {municipality}",
        "en": "this token acts for municipality {own} only, not {municipality}",
    },
    "dataset_unknown": {
        "sv": "ingen publicerad datamängd {dataset!r} för kommun {municipality}",
        "en": "no published dataset {dataset!r} for municipality {municipality}",
    },
    "outline_missing": {
        "sv": (
            "kommunens gräns är inte inläst: områdenas läge kunde inte prövas "
            "(kör levande etl run --source boundaries)"
        ),
        "en": (
            "the municipality's boundary is not loaded: the areas' position could not be checked "
            "(run levande etl run --source boundaries)"
        ),
    },
    "cannot_read": {"sv": "kan inte läsa filen: {error}", "en": "cannot read the file: {error}"},
}


def frame_text(key: str, lang: str, **values: object) -> str:
    """One of the command's answers in ``lang`` (English for an unknown language)."""
    texts = FRAME_TEXTS[key]
    return texts.get(lang, texts["en"]).format(**values)


def problem_text(key: str, lang: str, values: Mapping[str, object]) -> tuple[str, str]:
    """What is wrong and what to do, in ``lang`` (English for an unknown language)."""
    texts = PROBLEM_TEXTS[key]
    message, fix = texts.get(lang, texts["en"])
    return message.format(**values), fix.format(**values)


class WordedError(Exception):
    """An error whose answer is worded here, so it reaches the reader in their language.

    ``str()`` is English (logs); ``text(lang)`` is what the command line and the form show.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(frame_text(key, "en", **values))

    def text(self, lang: str) -> str:
        """The answer in ``lang``."""
        return frame_text(self.key, lang, **self.values)
