"""Ingest schema fixes.

- Drop ix_records_organization_id: uq_records_source starts with organization_id and serves
  the same lookups, and every extra index costs each ingested record a B-tree insert.
- submissions.format holds the media type when no ?format= is given; the Excel media type
  is 65 characters, so the column is as wide as content_type (PostgreSQL refused the row).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 01:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_organization_id"))
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column(
            "format", existing_type=sa.String(length=40), type_=sa.String(length=200)
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column(
            "format", existing_type=sa.String(length=200), type_=sa.String(length=40)
        )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_records_organization_id"), ["organization_id"], unique=False
        )
