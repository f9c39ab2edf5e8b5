"""One reader of the catalogue's YAML: ``levande db upgrade`` (and the commands about the YAML).

Everything else loads the catalogue the database holds, so the pages, the ETL and the status
step can never see a catalogue other than the synced one. The source tree is read with
:mod:`ast`: a call of ``core.catalogue.load_catalogue`` (however imported) outside the allowed
modules fails this test with the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("indicators", "etl", "dashboard", "levande")
CORE = "levande.indicators.core.catalogue"

#: Where the YAML may be read: its own module, and the runtime that serves ``db upgrade``,
#: ``config check`` and ``catalogue export`` (:attr:`Runtime.config_catalogue`).
ALLOWED = {"indicators/core/catalogue.py", "levande/cli/runtime.py"}


def _yaml_reads(path: Path) -> list[int]:
    """Lines of ``path`` that call the YAML loader, imported by name or through its module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == CORE:
            names |= {a.asname or a.name for a in node.names if a.name == "load_catalogue"}
        elif isinstance(node, ast.ImportFrom) and node.module == CORE.rsplit(".", 1)[0]:
            modules |= {a.asname or a.name for a in node.names if a.name == "catalogue"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == CORE}
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        by_name = isinstance(func, ast.Name) and func.id in names
        by_module = (
            isinstance(func, ast.Attribute)
            and func.attr == "load_catalogue"
            and ast.unparse(func.value) in modules
        )
        if by_name or by_module:
            lines.append(node.lineno)
    return lines


def test_only_the_upgrade_and_the_yaml_commands_read_the_catalogue_folder() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative in ALLOWED or "/migrations/" in relative:
                continue
            found += [f"{relative}:{line}" for line in _yaml_reads(path)]
    assert found == [], "read the catalogue from the database (reads.catalogue) instead"


def test_the_check_sees_each_way_of_calling_the_loader(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "from levande.indicators.core.catalogue import load_catalogue as yaml\n"
        "from levande.indicators.core import catalogue as cat\n"
        "import levande.indicators.core.catalogue\n"
        "from levande.indicators.reads.catalogue import load_catalogue\n"
        "yaml(folder)\n"
        "cat.load_catalogue(folder)\n"
        "levande.indicators.core.catalogue.load_catalogue(folder)\n"
        "load_catalogue(reader)\n",
        encoding="utf-8",
    )
    assert _yaml_reads(source) == [5, 6, 7]
