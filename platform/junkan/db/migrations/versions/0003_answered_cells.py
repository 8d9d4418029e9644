"""Answered aggregate cells and their contributor sets (the differencing guard's memory).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 23:00:00
"""

import sqlalchemy as sa
from alembic import op

from junkan.db.base import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answered_cells",
        sa.Column("cell_key", sa.String(length=64), nullable=False),
        sa.Column("groups_hash", sa.String(length=64), nullable=False),
        sa.Column("groups", sa.Text(), nullable=False),
        sa.Column("first_answered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("cell_key", "groups_hash", name=op.f("pk_answered_cells")),
    )


def downgrade() -> None:
    op.drop_table("answered_cells")
