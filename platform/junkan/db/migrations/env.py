"""Alembic environment: runs on the engine handed over by junkan.db.migrate."""

from __future__ import annotations

from alembic import context

import junkan.models  # noqa: F401  (registers every table on the metadata)
from junkan.db.base import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
