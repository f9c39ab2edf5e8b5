"""The open-data settings: where the bulk files go, who may frame, the public address."""

from __future__ import annotations

from pathlib import Path

import pytest

from levande.indicators.core.settings import Settings, SettingsError, load_settings


@pytest.mark.parametrize(
    ("database_url", "open_data_dir", "expected"),
    [
        ("sqlite:////srv/levande/levande.db", None, Path("/srv/levande/open")),
        ("", None, Path("data/open")),
        ("postgresql+psycopg://u@h/db", None, Path("data/open")),
        ("sqlite:////srv/levande/levande.db", Path("/var/open"), Path("/var/open")),
    ],
)
def test_the_bulk_files_folder(
    database_url: str, open_data_dir: Path | None, expected: Path
) -> None:
    settings = Settings(database_url=database_url, open_data_dir=open_data_dir)
    assert settings.resolved_open_data_dir == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("*", "*"), ("'self'   https://*.kommun.se", "'self' https://*.kommun.se"),
     ("'none'", "'none'")],
)  # fmt: skip
def test_frame_ancestors_are_kept_as_one_source_list(raw: str, expected: str) -> None:
    assert Settings(frame_ancestors=raw).frame_ancestors == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LEVANDE_FRAME_ANCESTORS", "*; script-src *"),
        ("LEVANDE_FRAME_ANCESTORS", "   "),
        ("LEVANDE_PUBLIC_URL", "levande.example.se"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        load_settings()


def test_the_public_address_loses_its_trailing_slash() -> None:
    assert Settings(public_url="https://a.example.se/").public_url == "https://a.example.se"
