"""The tests and the benchmarks share only ``testkit``: neither imports the other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imported_roots(folder: Path) -> dict[str, set[str]]:
    """Top-level names each module under ``folder`` imports, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [("tests", {"benchmarks"}), ("benchmarks", {"tests"}), ("testkit", {"tests", "benchmarks"})],
)
def test_folders_do_not_import_each_other(folder: str, forbidden: set[str]) -> None:
    offenders = {
        module: sorted(names & forbidden)
        for module, names in _imported_roots(ROOT / folder).items()
        if names & forbidden
    }
    assert offenders == {}


def test_the_product_imports_nothing_of_the_tests() -> None:
    offenders = {
        module: sorted(names & {"tests", "benchmarks", "testkit"})
        for folder in ("indicators", "etl", "dashboard", "levande")
        for module, names in _imported_roots(ROOT / folder).items()
        if names & {"tests", "benchmarks", "testkit"}
    }
    assert offenders == {}
