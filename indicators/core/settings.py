"""Runtime settings, read from ``LEVANDE_*`` environment variables.

Every setting has a default that works on a fresh clone, so the product runs without any
configuration; operators override base URLs and the database for production and tests.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Where the SQLite database goes by default: ``data/`` under the working directory, never
#: inside the installed package.
DEFAULT_DATA_DIR = Path("data")


def packaged_config_dir() -> Path:
    """The default catalogue shipped inside the package (``config/`` in a checkout)."""
    return Path(str(files("levande") / "config"))


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(ValueError):
    """A setting has an invalid value; the message is one line meant for the operator."""


class Settings(BaseSettings):
    """All runtime settings of the product.

    Attributes mirror the environment variables without their ``LEVANDE_`` prefix.
    """

    model_config = SettingsConfigDict(env_prefix="LEVANDE_", extra="ignore")

    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means an SQLite file under ./data/.",
    )
    etl_database_url: str = Field(
        default="",
        description=(
            "database URL with write rights for refreshes started from the dashboard; empty: "
            "the database URL (production dashboards read with a read-only role)"
        ),
    )
    config_dir: Path = Field(default_factory=packaged_config_dir)
    scb_api_url: str = "https://statistikdatabasen.scb.se/api/v2"
    kolada_api_url: str = "https://api.kolada.se/v3"
    geo_municipalities_url: str = (
        "https://raw.githubusercontent.com/okfse/sweden-geojson/master/"
        "swedish_municipalities.geojson"
    )
    geo_counties_url: str = (
        "https://raw.githubusercontent.com/okfse/sweden-geojson/master/swedish_regions.geojson"
    )
    geo_small_areas_url: str = Field(
        default="https://geodata.scb.se/geoserver/stat/wfs",
        description=(
            "SCB's WFS for DeSO/RegSO boundaries, or a file:// folder of GeoPackage or GeoJSON "
            "layers"
        ),
    )
    geo_small_areas_format: Literal["geojson", "geopackage"] = Field(
        default="geojson",
        description=(
            "what the WFS is asked for: geojson (EPSG:4326) or geopackage (SWEREF 99 TM, the "
            "layers' own system)"
        ),
    )
    admin_token: SecretStr | None = None
    log_level: LogLevel = "INFO"
    log_json: bool = False
    http_timeout: float = Field(default=60.0, gt=0)
    http_max_retries: int = Field(default=5, ge=0, le=20)
    kolada_calls_per_second: float = Field(default=5.0, gt=0)
    first_year: int = Field(default=2000, ge=1950, le=2100, description="first year fetched")
    cache: str = Field(
        default="memory",
        description="read cache: memory (per process), off, or a redis:// URL shared by workers",
    )
    open_data_dir: Path | None = Field(
        default=None,
        description=(
            "where the bulk files (CSV and Parquet of the whole database) are written; unset: "
            "open/ beside an SQLite database file, else data/open"
        ),
    )
    page_cache_dir: Path | None = Field(
        default=None,
        description=(
            "with cache=memory, where the dashboard's workers share rendered pages as files, so "
            "no worker renders a page another has built; unset: pages/ beside an SQLite "
            "database file, else data/pages"
        ),
    )
    page_cache_shared: bool = Field(
        default=True,
        description="false: each worker keeps its rendered pages to itself (no page files)",
    )
    public_url: str = Field(
        default="",
        description="the site's public address for embed snippets; empty: the request's host",
    )
    frame_ancestors: str = Field(
        default="*",
        description=(
            "the sites that may embed the dashboard's embeddable views in a frame: a "
            "Content-Security-Policy frame-ancestors source list, e.g. 'self' "
            "https://*.kommun.se; * for any site, 'none' for none"
        ),
    )

    @field_validator("database_url", "etl_database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value and "://" not in value:
            raise ValueError("must be an SQLAlchemy URL such as sqlite:///data/levande.db")
        return value

    @field_validator(
        "scb_api_url",
        "kolada_api_url",
        "geo_municipalities_url",
        "geo_counties_url",
        "geo_small_areas_url",
    )
    @classmethod
    def _check_http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://", "file://")):
            raise ValueError("must start with http://, https:// or file://")
        return value.rstrip("/") if not value.endswith(".geojson") else value

    @field_validator("cache")
    @classmethod
    def _check_cache(cls, value: str) -> str:
        if value not in ("memory", "off") and not value.startswith(("redis://", "rediss://")):
            raise ValueError("must be memory, off or a redis:// URL")
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("frame_ancestors")
    @classmethod
    def _check_frame_ancestors(cls, value: str) -> str:
        text = " ".join(value.split())
        if not text or any(c in text for c in ";,\r\n"):
            raise ValueError("must be a frame-ancestors source list such as 'self' https://a.se")
        return text

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def resolved_open_data_dir(self) -> Path:
        """The bulk files' folder: as set, else ``open/`` beside an SQLite file, else data/open."""
        if self.open_data_dir is not None:
            return self.open_data_dir
        url = self.resolved_database_url
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            return Path(url.removeprefix("sqlite:///")).parent / "open"
        return DEFAULT_DATA_DIR / "open"

    @property
    def resolved_page_cache_dir(self) -> Path:
        """The shared page folder: as set, else ``pages/`` beside an SQLite file, else data/pages.

        One subfolder per set of settings: two dashboards configured differently (another
        public address, another embedding policy) never serve each other's pages.
        """
        base = self.page_cache_dir
        if base is None:
            url = self.resolved_database_url
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                base = Path(url.removeprefix("sqlite:///")).parent / "pages"
            else:
                base = DEFAULT_DATA_DIR / "pages"
        digest = hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()[:12]
        return base / digest

    @property
    def resolved_database_url(self) -> str:
        """The database URL to connect to, defaulting to ``./data/levande.db`` (SQLite)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{DEFAULT_DATA_DIR / 'levande.db'}"


def load_settings() -> Settings:
    """Read the settings, turning a validation error into one readable line.

    Raises:
        SettingsError: naming the variable, the value given and what is expected.
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = "LEVANDE_" + str(err["loc"][0]).upper() if err["loc"] else "LEVANDE_*"
            problems.append(f"{name}={err.get('input')!r}: {err['msg']}")
        raise SettingsError("invalid setting: " + "; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read once."""
    return load_settings()


def configure_logging(settings: Settings) -> None:
    """Set up the root logger: plain text by default, one JSON object per line on request."""
    handler = logging.StreamHandler()
    if settings.log_json:
        from levande.indicators.core.logjson import JsonFormatter

        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # Alembic announces every plugin and migration step at INFO; operators need only problems.
    logging.getLogger("alembic").setLevel(
        logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
    )
