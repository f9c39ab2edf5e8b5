"""The API's documentation page ``/api``: endpoints, parameters, examples and the contract."""

from __future__ import annotations

from typing import Any

from dash import html

from levande.dashboard.api.data import ApiDocsData
from levande.dashboard.api.spec import DOCS_PATH, OPENAPI_PATH, Endpoint
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import t
from levande.dashboard.page import Content

PATH = DOCS_PATH


def _params(endpoint: Endpoint, lang: str) -> Any:
    if not endpoint.params:
        return html.P(t("api_no_params", lang))
    rows = []
    for p in endpoint.params:
        allowed = ", ".join(p.enum) if p.enum else (p.example or "")
        rows.append([html.Code(p.name), t(f"api_param_{p.name}", lang), html.Code(allowed)])
    columns = [
        Column(t("api_col_param", lang)),
        Column(t("api_col_meaning", lang)),
        Column(t("api_col_example", lang)),
    ]
    return data_table(t("api_params_caption", lang, path=endpoint.url), columns, rows)


def _endpoint(endpoint: Endpoint, lang: str) -> Any:
    return html.Section(
        [
            html.H3(html.Code(f"GET {endpoint.url}"), id=f"api-{endpoint.name}"),
            html.P(t(f"api_op_{endpoint.name}", lang)),
            _params(endpoint, lang),
            html.P(
                [
                    t("api_example", lang) + " ",
                    html.A(html.Code(endpoint.example), href=endpoint.example),
                ]
            ),
        ],
        className="api-endpoint",
    )


def render_api_docs(data: ApiDocsData) -> Content:
    """The documentation in the page's language."""
    lang = data.lang
    title = t("api_title", lang)
    children = [
        html.H1(title),
        html.P(t("api_intro", lang)),
        html.P(
            [
                t("api_openapi", lang) + " ",
                html.A(html.Code(OPENAPI_PATH), href=OPENAPI_PATH),
            ]
        ),
        html.H2(t("api_contract_title", lang)),
        html.Ul([html.Li(t(f"api_contract_{n}", lang)) for n in range(1, 6)]),
        html.H2(t("api_endpoints_title", lang)),
        *[_endpoint(e, lang) for e in data.endpoints],
    ]
    return Content(lang, PATH, title, children)
