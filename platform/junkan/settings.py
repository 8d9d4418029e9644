"""The hub's settings: one object, read from JUNKAN_* environment variables on demand.

Nothing reads the environment at import time; `Settings()` is built by the CLI (or a test)
and passed into `create_app(settings)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

MiB = 1024 * 1024


_WILDCARDS = frozenset({"0.0.0.0", "::", ""})  # noqa: S104  (compared with, never bound)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JUNKAN_", extra="forbid", frozen=True)

    data_dir: Path = Field(
        Path(".junkan"),
        description="Directory for the embedded SQLite database, snapshots and job files.",
    )
    database_url: SecretStr | None = Field(
        None,
        description=(
            "SQLAlchemy URL of the store. Unset: SQLite at <data_dir>/junkan.db. "
            "PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname."
        ),
    )
    sqlite_busy_timeout_ms: int = Field(
        10_000, ge=0, description="How long SQLite waits for a competing writer (ms)."
    )
    host: str = Field("127.0.0.1", description="Interface `junkan serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="TCP port `junkan serve` listens on.")
    public_base_url: str | None = Field(
        None,
        description=(
            "Base URL used in links the hub writes (record versions, provenance). Unset: "
            "http://<host>:<port>, with 127.0.0.1 when the hub listens on every interface."
        ),
    )
    max_json_body_bytes: int = Field(
        10 * MiB, ge=1024, description="Largest JSON request body accepted (413 beyond)."
    )
    max_upload_bytes: int = Field(
        200 * MiB,
        ge=1024,
        description="Largest non-JSON upload (CSV, Excel, Parquet, NDJSON) accepted (413 beyond).",
    )
    async_threshold_bytes: int = Field(
        8 * MiB,
        ge=0,
        description="Submissions larger than this are answered 202 and processed as a job.",
    )
    max_records_per_submission: int = Field(
        100_000, ge=1, description="Most records one submission may hold (413 beyond)."
    )
    max_nesting_depth: int = Field(
        16, ge=4, description="Deepest JSON nesting accepted in a record."
    )
    max_literal_length: int = Field(
        10_000, ge=100, description="Longest string value accepted in a record (characters)."
    )
    max_iri_length: int = Field(2_048, ge=100, description="Longest IRI accepted (bytes of UTF-8).")
    max_properties_per_node: int = Field(
        200, ge=10, description="Most properties one JSON object in a record may have."
    )
    mass_balance_tolerance: float = Field(
        0.05,
        ge=0,
        le=1,
        description="ProcessRecord: allowed |inputs - outputs - losses| over the larger side.",
    )
    mass_balance_severity: Literal["warning", "error"] = Field(
        "warning",
        description="Whether a ProcessRecord outside the tolerance is a warning or an error.",
    )
    api_key_ttl_days: int = Field(
        365, ge=1, description="Default lifetime of a newly issued API key, in days."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Minimum level of log records written."
    )
    log_format: Literal["json", "text"] = Field(
        "json", description="`json`: one JSON object per line; `text`: human-readable lines."
    )
    check_schema_on_start: bool = Field(
        True, description="Refuse to start when the database is not at the latest migration."
    )
    disclosure_min_groups: int = Field(
        3, ge=2, description="Published aggregate cells need at least this many enterprise groups."
    )
    disclosure_p: float = Field(
        0.15,
        gt=0,
        le=1,
        description="p%-rule: total - two largest groups must be at least p x the largest.",
    )
    disclosure_min_groups_signed: int = Field(
        5, ge=2, description="Groups needed in a cell that can be negative (net flows, balances)."
    )
    disclosure_min_group_difference: int = Field(
        3,
        ge=1,
        description="Differencing guard: answers for one cell must differ by this many groups.",
    )
    snapshot_debounce_seconds: float = Field(
        30.0,
        ge=0,
        description="Wait this long after the last submission before rebuilding the snapshot.",
    )
    snapshot_max_wait_seconds: float = Field(
        600.0,
        ge=0,
        description=(
            "Rebuild at the latest this long after the first unreflected submission, even while "
            "submissions keep arriving (a connector pushing for an hour)."
        ),
    )
    snapshot_keep: int = Field(
        3,
        ge=2,
        description="Complete snapshots kept on disk; older ones are removed.",
    )
    max_aggregate_cells: int = Field(
        10_000, ge=10, description="Most cells one aggregate page returns (larger limits clamped)."
    )

    def effective_database_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'junkan.db').as_posix()}"

    def effective_public_base_url(self) -> str:
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        # a wildcard address is where the hub listens, not an address to send anyone to
        host = "127.0.0.1" if self.host in _WILDCARDS else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def masked(self) -> dict[str, object]:
        """Effective settings for display, with every secret masked."""
        shown: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name == "database_url":
                url = make_url(self.effective_database_url())
                value = url.render_as_string(hide_password=True)
            elif name == "public_base_url":
                value = self.effective_public_base_url()
            elif isinstance(value, SecretStr):
                value = "********"
            elif isinstance(value, Path):
                value = str(value)
            shown[name] = value
        return shown
