"""The accessibility statement, read once from ``content/accessibility.md``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from levande.dashboard.components.prose import CONTENT, bilingual_sections
from levande.dashboard.urls import PageParams

#: Shipped with the package, so an installed dashboard shows it too.
STATEMENT = CONTENT / "accessibility.md"


def statement_sections(path: Path = STATEMENT) -> dict[str, str]:
    """The statement's Swedish and English parts (see :func:`bilingual_sections`)."""
    return bilingual_sections(path)


@dataclass(frozen=True)
class AccessibilityData:
    """The statement in the page's language.

    Attributes:
        params: the language.
        text: the statement's Markdown; None when the file cannot be read.
    """

    params: PageParams
    text: str | None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_accessibility(params: PageParams, path: Path = STATEMENT) -> AccessibilityData:
    """The statement's part in the page's language."""
    return AccessibilityData(params, statement_sections(path).get(params.lang))
