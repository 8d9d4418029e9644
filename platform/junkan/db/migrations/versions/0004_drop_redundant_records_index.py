"""Drop ix_records_organization_id: uq_records_source starts with organization_id and
serves the same lookups, and every extra index costs each ingested record a B-tree insert.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 01:20:00
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_organization_id"))


def downgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_records_organization_id"), ["organization_id"], unique=False
        )
