"""``levande local``: publish, list and withdraw a municipality's local data; issue its tokens.

Publishing and withdrawing take a token: the municipality's publisher token or the national
operator token (``LEVANDE_ADMIN_TOKEN``). It is read from ``LEVANDE_PUBLISH_TOKEN`` or asked
for without echo, never from the command line, where other users of the machine could read it
in the process list. Issuing and revoking publisher tokens is for whoever runs commands against
the database, that is the operator.
"""

from __future__ import annotations

import hashlib
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from shapely.geometry.base import BaseGeometry

from levande.cli.commands import fail, in_runtime
from levande.cli.render import EXIT_FAILED, EXIT_INVALID
from levande.cli.runtime import Database, Runtime
from levande.indicators.core.local_areas import parse_areas
from levande.indicators.core.local_data import (
    DEFAULT_MIN_RESPONDENTS,
    LocalDataError,
    LocalKind,
    parse_dataset,
)
from levande.indicators.core.local_texts import frame_text
from levande.indicators.reads import local_data as local_reads
from levande.indicators.reads.cache import Reader
from levande.indicators.store import local_data as store

local_app = typer.Typer(
    help="Local data a municipality publishes for its own areas.", no_args_is_help=True
)
token_app = typer.Typer(help="Publisher tokens, one municipality each.", no_args_is_help=True)
local_app.add_typer(token_app, name="token")

TOKEN_VARIABLE = "LEVANDE_PUBLISH_TOKEN"  # noqa: S105 (the variable's name, not a token)
EXIT_REFUSED = 4
"""The token does not allow what was asked."""

Municipality = Annotated[
    str, typer.Option("--municipality", "-m", help="Four-digit municipality code, e.g. 2180.")
]


class Language(StrEnum):
    """The languages the command answers in."""

    SV = "sv"
    EN = "en"


LanguageOption = Annotated[
    Language,
    typer.Option("--lang", help="Language of the answers (the publishing form passes its own)."),
]
Dataset = Annotated[
    str,
    typer.Option(
        "--dataset", "-d", help="The dataset's name in the address, e.g. platskompassen-2026."
    ),
]


def _token() -> str:
    token = os.environ.get(TOKEN_VARIABLE) or typer.prompt("token", hide_input=True)
    return str(token).strip()


def _publisher(runtime: Runtime, municipality: str, lang: str) -> store.Publisher:
    """Who the token stands for, refused before the file is read if it may not act here."""
    admin = runtime.settings.admin_token
    try:
        publisher = store.authorise(
            runtime.engine, _token(), operator_token=admin.get_secret_value() if admin else None
        )
        store.require_scope(publisher, municipality)
    except store.PublishNotAllowedError as exc:
        fail(exc.text(lang), EXIT_REFUSED)
    return publisher


def _outline(runtime: Runtime, municipality: str, lang: str) -> BaseGeometry | None:
    """The municipality's boundary the named areas must lie in (said when not loaded)."""
    found = local_reads.municipality_outline(Reader(runtime.engine), municipality)
    if found is None:
        typer.echo(f"levande: {frame_text('outline_missing', lang)}", err=True)
    return found


def _invalid(exc: LocalDataError, name: str, lang: str) -> None:
    for problem in exc.problems:
        typer.echo(f"levande: {name}: {problem.text(lang)}", err=True)
    fail(frame_text("nothing_published", lang, name=name, count=len(exc.problems)), EXIT_INVALID)


@local_app.command("import")
def local_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The CSV file (see docs/local-data.md).")],
    municipality: Municipality,
    kind: Annotated[LocalKind, typer.Option("--kind", help="The file's format.")],
    dataset: Dataset,
    title: Annotated[str, typer.Option("--title", help="The dataset's title on the pages.")],
    method: Annotated[
        str, typer.Option("--method", help="How the data was collected or computed.")
    ],
    areas: Annotated[
        Path | None, typer.Option("--areas", help="GeoJSON of named local areas, if any.")
    ] = None,
    min_respondents: Annotated[
        int,
        typer.Option(
            "--min-respondents", min=1, help="Fewer respondents than this: shown as too few."
        ),
    ] = DEFAULT_MIN_RESPONDENTS,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate only; store nothing.")
    ] = False,
    lang: LanguageOption = Language.EN,
) -> None:
    """Validate a file and publish it as the dataset's next version (all rows or none)."""
    try:
        raw = file.read_bytes()
        text = raw.decode("utf-8-sig")
        area_text = areas.read_text(encoding="utf-8-sig") if areas else None
    except (OSError, UnicodeDecodeError) as exc:
        fail(frame_text("cannot_read", lang, error=exc), EXIT_INVALID)

    def run(runtime: Runtime) -> None:
        publisher = None if dry_run else _publisher(runtime, municipality, lang)
        try:
            local_areas = (
                parse_areas(area_text, within=_outline(runtime, municipality, lang))
                if area_text
                else ()
            )
        except LocalDataError as exc:
            _invalid(exc, str(areas), lang)
        try:
            rows = parse_dataset(
                text,
                kind,
                municipality,
                local_ids=frozenset(a.id for a in local_areas),
                min_respondents=min_respondents,
            )
        except LocalDataError as exc:
            _invalid(exc, str(file), lang)
        if publisher is None:
            typer.echo(frame_text("valid_dry_run", lang, name=file, rows=len(rows)))
            return
        try:
            done = store.publish(
                runtime.engine,
                publisher,
                store.DatasetFile(
                    municipality=municipality,
                    slug=dataset,
                    kind=kind,
                    title=title,
                    method=method,
                    rows=rows,
                    areas=local_areas,
                    min_respondents=min_respondents,
                    digest=hashlib.sha256(raw).hexdigest(),
                ),
            )
        except store.PublishNotAllowedError as exc:
            fail(exc.text(lang), EXIT_REFUSED)
        except LocalDataError as exc:
            _invalid(exc, str(file), lang)
        typer.echo(
            frame_text(
                "published",
                lang,
                municipality=done.municipality,
                dataset=done.dataset,
                version=done.version,
                rows=done.rows,
                withheld=done.withheld,
            )
        )

    in_runtime(ctx, run, database=Database.WRITE)


@local_app.command("withdraw")
def local_withdraw(
    ctx: typer.Context,
    municipality: Municipality,
    dataset: Dataset,
    lang: LanguageOption = Language.EN,
) -> None:
    """Withdraw a dataset from the pages; its versions stay stored and the action is logged."""

    def run(runtime: Runtime) -> None:
        try:
            store.withdraw(
                runtime.engine, _publisher(runtime, municipality, lang), municipality, dataset
            )
        except store.PublishNotAllowedError as exc:
            fail(exc.text(lang), EXIT_REFUSED)
        except store.DatasetNotFoundError as exc:
            fail(exc.text(lang), EXIT_FAILED)
        typer.echo(frame_text("withdrew", lang, municipality=municipality, dataset=dataset))

    in_runtime(ctx, run, database=Database.WRITE)


@local_app.command("list")
def local_list(ctx: typer.Context, municipality: Municipality) -> None:
    """List a municipality's published datasets and their versions."""

    def run(runtime: Runtime) -> None:
        reader = Reader(runtime.engine)
        found = local_reads.datasets(reader, municipality)
        if not found:
            typer.echo(f"no local data published for {municipality}")
        for item in found:
            typer.echo(
                f"{item.slug}\t{item.kind}\tversion {item.version}\t{item.row_count} rows\t"
                f"{item.published_at:%Y-%m-%d %H:%M} by {item.published_by}\t{item.title}"
            )

    in_runtime(ctx, run, database=Database.READ)


@token_app.command("issue")
def token_issue(
    ctx: typer.Context,
    municipality: Municipality,
    label: Annotated[str, typer.Option("--label", help="Who holds it, e.g. 'Gävle, analys'.")],
) -> None:
    """Issue a publisher token for one municipality; it is printed once and never stored."""

    def run(runtime: Runtime) -> None:
        try:
            token = store.issue_token(runtime.engine, municipality, label)
        except LocalDataError as exc:
            _invalid(exc, municipality, "en")
        typer.echo(token)
        typer.echo(
            f"publisher token {label!r} for {municipality}: give it to the holder now; "
            "it cannot be shown again",
            err=True,
        )

    in_runtime(ctx, run, database=Database.WRITE)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    municipality: Municipality,
    label: Annotated[str, typer.Option("--label", help="The label the token was issued with.")],
) -> None:
    """Revoke a municipality's publisher tokens with this label."""

    def run(runtime: Runtime) -> None:
        count = store.revoke_tokens(runtime.engine, municipality, label)
        if not count:
            fail(f"no valid token {label!r} for {municipality}", EXIT_FAILED)
        typer.echo(f"revoked {count} token(s) {label!r} for {municipality}")

    in_runtime(ctx, run, database=Database.WRITE)
