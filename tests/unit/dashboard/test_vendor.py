"""The plotly.js bundle the dashboard serves: plotly.py's version, every trace type it draws."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

from flask.testing import FlaskClient
from plotly.offline import get_plotlyjs_version  # type: ignore[import-untyped]

from levande.dashboard import vendor

DASHBOARD = Path(__file__).resolve().parents[3] / "dashboard"


def test_the_bundle_is_plotly_pys_version_of_plotly_js() -> None:
    assert vendor.__version__ == get_plotlyjs_version()
    head = resources.files(vendor).joinpath(vendor.PLOTLY_BUNDLE).read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{vendor.__version__} (levande:" in head


def _trace_types() -> set[str]:
    """Every ``go.<Trace>(…)`` the dashboard's code builds, as plotly.js trace type names."""
    found: set[str] = set()
    for path in DASHBOARD.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "go"
                and node.func.attr not in ("Figure", "Layout")
            ):
                found.add(node.func.attr.lower())
    return found


def test_the_bundle_draws_every_trace_type_the_dashboard_builds() -> None:
    used = _trace_types()
    assert used <= vendor.TRACE_TYPES  # a new kind of figure needs a bundle that has it


def test_the_page_names_the_bundle_and_the_app_serves_it(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    url = f"/_dash-component-suites/levande.dashboard.vendor/{vendor.PLOTLY_BUNDLE}"
    assert f'data-plotly-js="{url}"' in page
    assert "package_data/plotly.min.js" not in page
    served = client.get(url)
    assert served.status_code == 200 and len(served.data) < 2_000_000
