"""The status method, read once from ``content/method.md``.

That file is the method's single description: the page shows it and ``docs/method.md`` points
to it, so the method is never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from levande.dashboard.components.prose import CONTENT, bilingual_sections
from levande.dashboard.urls import PageParams

#: Shipped with the package, so an installed dashboard shows it too.
METHOD = CONTENT / "method.md"


@dataclass(frozen=True)
class MethodData:
    """The method in the page's language.

    Attributes:
        params: the language and the problems found in the address.
        text: the method's Markdown; None when the file cannot be read.
    """

    params: PageParams
    text: str | None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_method(params: PageParams, path: Path = METHOD) -> MethodData:
    """The method's part in the page's language."""
    return MethodData(params, bilingual_sections(path).get(params.lang))
