"""The one line that says whose sub-goals the pages show: the framework in force."""

from __future__ import annotations

from typing import Any

from dash import html

from levande.dashboard.i18n import t
from levande.indicators.core.catalogue import Framework

_KEYS = {
    "project": "framework_project",
    "council_proposal": "framework_council",
    "government_decision": "framework_government",
}


def framework_text(framework: Framework | None, lang: str, proposed_by: str | None = None) -> str:
    """Whose sub-goals are in force and which version, said once for the page.

    Args:
        framework: the framework in force; None in a catalogue that writes its sub-goals under
            the focus areas directly.
        lang: the page's language.
        proposed_by: without a framework, who proposed the sub-goals (``project`` gives the
            product's line; anything else gives none).

    Returns:
        The sentence, or an empty string when there is nothing to say.
    """
    if framework is not None:
        return t(_KEYS[framework.origin], lang, version=framework.version)
    if proposed_by == "project":
        return t("framework_project_unversioned", lang)
    return ""


def framework_line(framework: Framework | None, lang: str, proposed_by: str | None = None) -> Any:
    """:func:`framework_text` as a paragraph, or None when there is nothing to say."""
    text = framework_text(framework, lang, proposed_by)
    return html.P(text, className="framework-line", id="framework-line") if text else None
