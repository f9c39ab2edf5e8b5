"""The source line beside every figure: who published the numbers and when we fetched them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from dash import html

from levande.dashboard.i18n import format_datetime, t
from levande.indicators.reads.about import AboutInfo


def publication_stamp(value: object) -> datetime | None:
    """A publication date or time as an aware UTC stamp; a bare date is midnight UTC.

    Kolada gives dates ("2026-04-15"), SCB times; anything else (missing, NaT, garbled) is
    None.
    """
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, datetime):
        if value != value:  # NaT
            return None
        stamp = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return stamp.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def is_planned(value: object, now: datetime) -> bool:
    """Whether a publication date is still to come (Kolada announces planned dates)."""
    stamp = publication_stamp(value)
    return stamp is not None and stamp > now


def publication_text(value: object, now: datetime, lang: str) -> str:
    """When the source publishes: "publicerad 2026-03-01", or a planned date as planned.

    A date still to come is not a publication yet: "nästa publicering (planerad) 2026-04-15".
    A date without a time of day (midnight UTC) is shown as a date.
    """
    stamp = publication_stamp(value)
    if stamp is None:
        return t("unknown_time", lang)
    date_only = (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0)
    shown = f"{stamp:%Y-%m-%d}" if date_only else format_datetime(stamp, lang)
    return t("published_past" if stamp <= now else "published_planned", lang, when=shown)


SOURCE_LABELS = ("Källa:", "Källor:", "Source:", "Sources:")
"""The labels a credit line may start with (the catalogue's are "Källa: Kolada")."""


def credit_name(credit: str) -> str:
    """A credit line without its leading label: "Kolada" for "Källa: Kolada".

    Where a page already says "Källa" (a term, a heading, the footer's "Källor:") the
    credit follows without it, so no reader meets "Källa: Källa: Kolada".
    """
    text = credit.strip()
    for label in SOURCE_LABELS:
        if text.startswith(label):
            return text[len(label) :].strip()
    return text


def credits_text(credits: Sequence[str], lang: str) -> str:
    """Several credit lines as one, the label said once: "Källor: Kolada · SCB".

    One credit line is returned as it is.
    """
    names = list(dict.fromkeys(credit_name(c) for c in credits))
    if len(names) == 1:
        return credits[0].strip()
    return f"{t('footer_sources', lang)}: {' · '.join(names)}"


def sources_paragraph(credits: Sequence[str], lang: str) -> Any:
    """The footer's line of sources: the label once, then each source's name."""
    return html.P(credits_text(credits, lang), className="sources-line")


def source_line(
    credit: str, fetched: datetime | None, lang: str, updated: datetime | str | None = None
) -> Any:
    """The source line under a figure.

    Text such as "Källa: SCB. Uppdaterad hos källan 2026-02-20 08:00. Senast hämtad
    2026-03-01 07:00.".
    """
    parts = [t("figure_source", lang, credit=credit, fetched=format_datetime(fetched, lang))]
    if updated is not None:
        when = updated if isinstance(updated, str) else format_datetime(updated, lang)
        parts.insert(1, t("figure_source_updated", lang, updated=when))
    return html.P(" ".join(parts), className="source-line")


def provenance_line(credit: str, about: AboutInfo | None, lang: str, now: datetime | None) -> Any:
    """The source line of one indicator: credit, update at the source, our last fetch.

    A publication date still to come (Kolada announces planned dates) is not an update yet
    and is left out.
    """
    if about is None:
        return source_line(credit, None, lang)
    published = about.publication_date
    if is_planned(published, now or datetime.now(UTC)):
        published = None
    updated = about.source_updated or published
    return source_line(credit, about.last_fetched, lang, updated)
