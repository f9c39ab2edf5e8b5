"""The publishing form for local data: ``/kommun/<code>/lokal/publicera`` (GET form, POST file).

A plain HTML form, because a file input needs no script and works in every browser and with
assistive technology. The POST runs ``levande local import`` as its own process with the ETL's
database URL, as a refresh does (the dashboard may keep a read-only database role), with the
token given in the form: the command checks the token's scope, validates the whole file and
stores all of it or nothing. Its answer (published, refused, or every problem with row, column
and fix) is shown on the result page. The token is never logged or echoed.
"""

from __future__ import annotations

import hmac
import html
import logging
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from flask import Blueprint, Response, request

from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import parse_lang, t
from levande.dashboard.local_data.data import local_path
from levande.dashboard.operator.routes import etl_environment
from levande.dashboard.urls import with_lang
from levande.indicators.core.local_data import DEFAULT_MIN_RESPONDENTS, LocalKind
from levande.indicators.core.vocabulary import Level
from levande.indicators.reads import dimensions as dims

log = logging.getLogger(__name__)

blueprint = Blueprint("local_data_upload", __name__)

MAX_BYTES = 5_000_000
"""Largest file accepted: a survey of every DeSO of Stockholm is far below this."""
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
TIMEOUT_SECONDS = 300


def _page(lang: str, title: str, body: str, status: int = 200) -> Response:
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><link rel="stylesheet" href="/assets/style.css">'
        f'</head><body><main id="main" class="page upload-page"><h1>{html.escape(title)}</h1>'
        f"{body}</main></body></html>"
    )
    response = Response(page, status=status, mimetype="text/html")
    response.cache_control.no_store = True
    return response


def _field(name: str, label: str, control: str) -> str:
    return f'<div class="field"><label for="{name}">{html.escape(label)}</label>{control}</div>'


CONSOLE_PATH = "/data/operator/lokal"
"""The console's publishing form: the same form, with the municipality chosen in it."""


def form_html(
    code: str,
    municipality: str,
    lang: str,
    choices: Sequence[dims.RegionInfo] = (),
) -> str:
    """The publishing form, every control labelled.

    Args:
        code: the municipality the form publishes for; empty on the console's form.
        municipality: its name, for the guide; empty on the console's form.
        lang: the page's language; the file's problems are answered in it.
        choices: on the console, every municipality, chosen in the form itself.
    """
    kinds = "".join(
        f'<option value="{kind}">{html.escape(t(f"upload_kind_{kind}", lang))}</option>'
        for kind in LocalKind
    )
    fields = []
    if choices:
        options = "".join(
            f'<option value="{html.escape(place.code)}">{html.escape(place.name)} '
            f"({html.escape(place.code)})</option>"
            for place in choices
        )
        fields.append(
            _field(
                "municipality",
                t("upload_municipality", lang),
                f'<select id="municipality" name="municipality" required>{options}</select>',
            )
        )
    fields += [
        _field(
            "token",
            t("upload_token", lang),
            '<input id="token" name="token" type="password" required autocomplete="off">',
        ),
        _field("kind", t("upload_kind", lang), f'<select id="kind" name="kind">{kinds}</select>'),
        _field(
            "dataset",
            t("upload_dataset", lang),
            '<input id="dataset" name="dataset" required pattern="[a-z0-9][a-z0-9-]{0,63}" '
            'aria-describedby="dataset-help"><p id="dataset-help" class="help">'
            + html.escape(t("upload_dataset_help", lang))
            + "</p>",
        ),
        _field("title", t("upload_title", lang), '<input id="title" name="title" required>'),
        _field(
            "method",
            t("upload_method", lang),
            '<textarea id="method" name="method" required rows="3"></textarea>',
        ),
        _field(
            "min_respondents",
            t("upload_min_respondents", lang),
            '<input id="min_respondents" name="min_respondents" type="number" min="1" '
            f'value="{DEFAULT_MIN_RESPONDENTS}">',
        ),
        _field(
            "file",
            t("upload_file", lang),
            '<input id="file" name="file" type="file" accept=".csv,text/csv" required>',
        ),
        _field(
            "areas",
            t("upload_areas", lang),
            '<input id="areas" name="areas" type="file" accept=".geojson,.json">',
        ),
    ]
    target = CONSOLE_PATH if choices else f"{local_path(code)}/publicera"
    action = html.escape(with_lang(target, lang))
    guide = html.escape(
        t("upload_console_guide", lang)
        if choices
        else t("upload_guide", lang, municipality=municipality)
    )
    back = (
        (with_lang("/data/operator", lang), t("upload_back_console", lang))
        if choices
        else (with_lang(local_path(code), lang), t("upload_back", lang))
    )
    return (
        f"<p>{guide}</p>"
        f'<form method="post" action="{action}" enctype="multipart/form-data" class="controls">'
        + "".join(fields)
        + f'<button type="submit" class="button">{html.escape(t("upload_submit", lang))}</button>'
        f'</form><p><a href="{html.escape(back[0])}">{html.escape(back[1])}</a></p>'
    )


def _municipality(ctx: AppContext, code: str) -> dims.RegionInfo | None:
    place = dims.region(ctx.reader, code)
    return place if place is not None and place.level == Level.KOMMUN else None


@blueprint.get("/kommun/<code>/lokal/publicera")
def upload_form(code: str) -> Response:
    """The form."""
    lang, _ = parse_lang(request.args.get("lang"))
    place = _municipality(current(), code)
    if place is None:
        return _page(lang, t("not_found_title", lang), "", 404)
    title = t("upload_heading", lang, place=place.name)
    return _page(lang, title, form_html(place.code, place.name, lang))


def _result(lang: str, code: str, ok: bool, lines: list[str]) -> Response:
    title = t("upload_done" if ok else "upload_failed", lang)
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    back = html.escape(with_lang(local_path(code), lang))
    body = (
        f'<div class="notice" role="status" id="upload-result"><ul>{items}</ul></div>'
        f'<p><a href="{back}">{html.escape(t("upload_back", lang))}</a></p>'
    )
    return _page(lang, title, body, 200 if ok else 400)


def import_command(
    folder: Path, code: str, form: dict[str, str], areas: bool, lang: str
) -> list[str]:
    """The ``levande local import`` command for the form's values and saved files.

    It answers in the page's language, so every problem of the file reads in Swedish on the
    Swedish form.
    """
    command = [
        sys.executable, "-m", "levande", "local", "import", str(folder / "data.csv"),
        "--municipality", code, "--kind", form["kind"], "--dataset", form["dataset"],
        "--title", form["title"], "--method", form["method"],
        "--min-respondents", form["min_respondents"], "--lang", lang,
    ]  # fmt: skip
    if areas:
        command += ["--areas", str(folder / "areas.geojson")]
    return command


@blueprint.get(CONSOLE_PATH)
def console_form() -> Response:
    """The console's form: any municipality, chosen in the form (the token decides)."""
    lang, _ = parse_lang(request.args.get("lang"))
    choices = dims.regions(current().reader, Level.KOMMUN)
    return _page(lang, t("upload_console_heading", lang), form_html("", "", lang, choices))


@blueprint.post(CONSOLE_PATH)
def console_upload() -> Response:
    """Publish from the console: as the municipality's own form, for the one chosen."""
    return upload((request.form.get("municipality") or "").strip())


@blueprint.post("/kommun/<code>/lokal/publicera")
def upload(code: str) -> Response:
    """Publish the file: validated whole by ``levande local import``; all or nothing."""
    lang, _ = parse_lang(request.args.get("lang") or request.form.get("lang"))
    ctx = current()
    place = _municipality(ctx, code)
    if place is None:
        return _page(lang, t("not_found_title", lang), "", 404)
    form = {k: (request.form.get(k) or "").strip() for k in ("token", "kind", "dataset", "title")}
    form["method"] = (request.form.get("method") or "").strip()
    form["min_respondents"] = (request.form.get("min_respondents") or "").strip() or str(
        DEFAULT_MIN_RESPONDENTS
    )
    problems = [
        t(key, lang)
        for key, bad in (
            ("upload_need_token", not form["token"]),
            ("upload_need_kind", form["kind"] not in set(LocalKind)),
            ("upload_need_dataset", not SLUG.match(form["dataset"])),
            ("upload_need_text", not form["title"] or not form["method"]),
            ("upload_need_number", not form["min_respondents"].isdigit()),
        )
        if bad
    ]
    data = request.files.get("file")
    content = data.read(MAX_BYTES + 1) if data is not None else b""
    if not content or len(content) > MAX_BYTES:
        problems.append(t("upload_need_file", lang))
    if problems:
        return _result(lang, place.code, False, problems)
    areas = request.files.get("areas")
    area_content = areas.read(MAX_BYTES + 1) if areas is not None else b""
    env = etl_environment(ctx)
    env["LEVANDE_PUBLISH_TOKEN"] = form["token"]
    admin = ctx.settings.admin_token
    if admin is not None and hmac.compare_digest(
        form["token"].encode(), admin.get_secret_value().encode()
    ):
        env["LEVANDE_ADMIN_TOKEN"] = form["token"]
    with tempfile.TemporaryDirectory(prefix="levande-local-") as tmp:
        folder = Path(tmp)
        (folder / "data.csv").write_bytes(content)
        if area_content:
            (folder / "areas.geojson").write_bytes(area_content)
        try:
            done = subprocess.run(  # noqa: S603 - our own command; values are arguments, not shell
                import_command(folder, place.code, form, bool(area_content), lang),
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            log.error("local import for %s timed out", place.code)
            return _result(lang, place.code, False, [t("error_generic", lang)])
        answers = done.stdout.splitlines() + [
            line for line in done.stderr.splitlines() if line.startswith("levande: ")
        ]
        lines = [
            line.removeprefix("levande: ")
            .replace(str(folder / "data.csv"), "CSV")
            .replace(str(folder / "areas.geojson"), "GeoJSON")
            for line in answers
            if line.strip()
        ]
    log.info("local import for %s/%s: exit %d", place.code, form["dataset"], done.returncode)
    return _result(lang, place.code, done.returncode == 0, lines)
