"""Publishing local data: versions, withdrawal, publisher tokens and the audit log.

A municipality publishes with its own publisher token, which only ever reaches that
municipality's datasets; the national operator token reaches every municipality. Tokens are
random (256 bits) and kept only as their SHA-256, so a copy of the database holds nothing that
publishes; a high-entropy secret needs no slow password hash (docs/decisions.md). The token is
compared in constant time and never logged or stored in the audit log, which records the
token's label instead.

Everything a publication writes (dataset, version, values, areas, audit entry, data version)
happens in one transaction, after the whole file has been validated: a file with one error
stores nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from levande.indicators.core.clock import now_utc
from levande.indicators.core.local_areas import LocalArea
from levande.indicators.core.local_data import (
    DEFAULT_MIN_RESPONDENTS,
    LocalDataError,
    LocalKind,
    LocalRow,
    Problem,
)
from levande.indicators.core.local_texts import WordedError
from levande.indicators.core.vocabulary import Level
from levande.indicators.store.schema import LocalArea as LocalAreaRow
from levande.indicators.store.schema import (
    LocalAuditEntry,
    LocalDataset,
    LocalDatasetVersion,
    LocalValue,
    PublisherToken,
    Region,
)
from levande.indicators.store.writes import bump_data_version

log = logging.getLogger(__name__)

#: The actor name the national operator token publishes under.
OPERATOR = "operator"


class PublishNotAllowedError(WordedError, PermissionError):
    """The token does not allow this: unknown, revoked, or for another municipality."""


class DatasetNotFoundError(WordedError, LookupError):
    """No such dataset to withdraw."""


@dataclass(frozen=True)
class Publisher:
    """Who is acting: a municipality's token (by label) or the national operator."""

    label: str
    municipality: str | None
    """The only municipality this publisher may act for; None for the national operator."""

    def may_act_for(self, municipality: str) -> bool:
        """True when this publisher may publish or withdraw for ``municipality``."""
        return self.municipality is None or self.municipality == municipality


@dataclass(frozen=True)
class Publication:
    """What a publication stored."""

    municipality: str
    dataset: str
    version: int
    rows: int
    withheld: int
    """Values stored as missing because too few answered."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authorise(engine: Engine, token: str, *, operator_token: str | None) -> Publisher:
    """The publisher a token stands for.

    Args:
        engine: the database.
        token: the token given.
        operator_token: the national operator token from the settings, if any.

    Raises:
        PublishNotAllowedError: the token is not a valid, unrevoked token.
    """
    if operator_token and hmac.compare_digest(token.encode(), operator_token.encode()):
        return Publisher(OPERATOR, None)
    digest = _digest(token)
    with engine.connect() as conn:
        rows = conn.execute(
            select(PublisherToken.token_sha256, PublisherToken.label, PublisherToken.municipality)
            .where(PublisherToken.token_sha256 == digest)
            .where(PublisherToken.revoked_at.is_(None))
        ).all()
    for stored, label, municipality in rows:
        if hmac.compare_digest(stored, digest):
            return Publisher(label, municipality)
    raise PublishNotAllowedError("token_invalid")


def require_scope(publisher: Publisher, municipality: str) -> None:
    """Refuse a publisher that may not act for ``municipality``.

    Raises:
        PublishNotAllowedError: with a message that names both municipalities.
    """
    if not publisher.may_act_for(municipality):
        log.warning("refused: %r may not act for %s", publisher.label, municipality)
        raise PublishNotAllowedError(
            "token_scope", own=publisher.municipality, municipality=municipality
        )


def _require_municipality(session: Session, municipality: str) -> None:
    level = session.scalar(select(Region.level).where(Region.code == municipality))
    if level != Level.KOMMUN:
        raise LocalDataError(
            [Problem(None, None, "municipality_unknown", {"municipality": municipality})]
        )


def _audit(
    session: Session,
    actor: Publisher,
    action: str,
    municipality: str,
    dataset: str | None = None,
    version: int | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        LocalAuditEntry(
            at=now_utc(),
            actor=actor.label,
            action=action,
            municipality=municipality,
            dataset=dataset,
            version=version,
            detail=detail,
        )
    )


def issue_token(engine: Engine, municipality: str, label: str) -> str:
    """Make a publisher token for one municipality; the token is returned once, never stored.

    Raises:
        LocalDataError: the municipality is unknown.
    """
    token = secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        _require_municipality(session, municipality)
        session.add(
            PublisherToken(
                municipality=municipality,
                label=label,
                token_sha256=_digest(token),
                created_at=now_utc(),
            )
        )
        _audit(session, Publisher(OPERATOR, None), "token", municipality, detail=label)
    log.info("publisher token %r issued for %s", label, municipality)
    return token


def revoke_tokens(engine: Engine, municipality: str, label: str) -> int:
    """Revoke a municipality's tokens with this label; returns how many were revoked."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(PublisherToken)
            .where(PublisherToken.municipality == municipality)
            .where(PublisherToken.label == label)
            .where(PublisherToken.revoked_at.is_(None))
            .values(revoked_at=now_utc())
        )
        count = int(getattr(result, "rowcount", 0) or 0)
        if count:
            _audit(session, Publisher(OPERATOR, None), "revoke", municipality, detail=label)
    return count


@dataclass(frozen=True)
class DatasetFile:
    """A validated dataset ready to publish."""

    municipality: str
    slug: str
    kind: LocalKind
    title: str
    method: str
    rows: tuple[LocalRow, ...]
    areas: tuple[LocalArea, ...] = ()
    min_respondents: int = DEFAULT_MIN_RESPONDENTS
    digest: str = ""


def publish(engine: Engine, publisher: Publisher, dataset: DatasetFile) -> Publication:
    """Store a new version of a dataset (the first publication creates it).

    Raises:
        PublishNotAllowedError: the publisher may not act for this municipality.
        LocalDataError: the municipality is unknown, or the dataset exists as another kind.
    """
    if not publisher.may_act_for(dataset.municipality):
        log.warning("refused: %r may not publish for %s", publisher.label, dataset.municipality)
        raise PublishNotAllowedError(
            "token_scope", own=publisher.municipality, municipality=dataset.municipality
        )
    with Session(engine) as session, session.begin():
        _require_municipality(session, dataset.municipality)
        row = session.scalars(
            select(LocalDataset)
            .where(LocalDataset.municipality == dataset.municipality)
            .where(LocalDataset.slug == dataset.slug)
        ).one_or_none()
        now = now_utc()
        if row is None:
            row = LocalDataset(
                municipality=dataset.municipality,
                slug=dataset.slug,
                kind=dataset.kind,
                title=dataset.title,
                created_at=now,
            )
            session.add(row)
            session.flush()
        elif row.kind != dataset.kind:
            raise LocalDataError(
                [
                    Problem(
                        None,
                        None,
                        "dataset_other_kind",
                        {"dataset": dataset.slug, "held": row.kind, "kind": dataset.kind},
                    )
                ]
            )
        row.title, row.withdrawn_at, row.withdrawn_by = dataset.title, None, None
        version = 1 + int(
            session.scalar(
                select(func.coalesce(func.max(LocalDatasetVersion.version), 0)).where(
                    LocalDatasetVersion.dataset_id == row.id
                )
            )
            or 0
        )
        stored = LocalDatasetVersion(
            dataset_id=row.id,
            version=version,
            method=dataset.method,
            min_respondents=dataset.min_respondents,
            published_at=now,
            published_by=publisher.label,
            row_count=len(dataset.rows),
            digest=dataset.digest,
        )
        session.add(stored)
        session.flush()
        session.execute(
            insert(LocalValue),
            [
                {
                    "version_id": stored.id,
                    "area_code": r.area_code,
                    "area_kind": r.area_kind,
                    "area_name": r.area_name,
                    "period": r.period,
                    "item": r.item,
                    "value": r.value,
                    "respondents": r.respondents,
                    "unit": r.unit,
                    "breakdown": r.breakdown,
                    "breakdown_value": r.breakdown_value,
                    "withheld": r.withheld,
                }
                for r in dataset.rows
            ],
        )
        if dataset.areas:
            session.execute(
                insert(LocalAreaRow),
                [
                    {
                        "version_id": stored.id,
                        "area_code": a.id,
                        "name": a.name,
                        "geometry": a.geometry,
                    }
                    for a in dataset.areas
                ],
            )
        withheld = sum(1 for r in dataset.rows if r.withheld)
        _audit(
            session,
            publisher,
            "publish",
            dataset.municipality,
            dataset.slug,
            version,
            f"{len(dataset.rows)} rows, {withheld} withheld (fewer than "
            f"{dataset.min_respondents} respondents)",
        )
        bump_data_version(session)
    log.info(
        "%s published %s/%s version %d (%d rows)",
        publisher.label,
        dataset.municipality,
        dataset.slug,
        version,
        len(dataset.rows),
    )
    return Publication(dataset.municipality, dataset.slug, version, len(dataset.rows), withheld)


def withdraw(engine: Engine, publisher: Publisher, municipality: str, slug: str) -> None:
    """Withdraw a dataset: pages stop showing it; its versions stay stored and logged.

    Raises:
        PublishNotAllowedError: the publisher may not act for this municipality.
        LookupError: no such dataset, or it is already withdrawn.
    """
    require_scope(publisher, municipality)
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(LocalDataset)
            .where(LocalDataset.municipality == municipality)
            .where(LocalDataset.slug == slug)
            .where(LocalDataset.withdrawn_at.is_(None))
            .values(withdrawn_at=now_utc(), withdrawn_by=publisher.label)
        )
        if not getattr(result, "rowcount", 0):
            raise DatasetNotFoundError("dataset_unknown", dataset=slug, municipality=municipality)
        _audit(session, publisher, "withdraw", municipality, slug)
        bump_data_version(session)
    log.info("%s withdrew %s/%s", publisher.label, municipality, slug)
