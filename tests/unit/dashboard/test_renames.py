"""Which addresses name a renamed indicator, and where they lead."""

from __future__ import annotations

import pytest

from levande.dashboard.renames import renamed

REDIRECTS = {"trangbodd": "trangboddhet", "jamfor": "jamforelse"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/indikator/trangbodd", "/indikator/trangboddhet"),
        ("/ladda-ner/trangbodd.xlsx", "/ladda-ner/trangboddhet.xlsx"),
        ("/flode/indikator/trangbodd.atom", "/flode/indikator/trangboddhet.atom"),
        ("/indikator/trangboddhet", None),
        ("/indikator/trangbodd/mer", None),
        ("/indikator/", None),
        ("/omrade/trangbodd", None),
        ("/ladda-ner/profil/0180.csv", None),
        ("/ladda-ner/trangbodd", None),
        ("/flode/indikator/trangbodd.rss", None),
    ],
)
def test_only_an_indicator_address_with_a_former_id_moves(path: str, expected: str | None) -> None:
    assert renamed(path, REDIRECTS) == expected
