"""Indexes follow queries: drop the three that no query uses, order a member's raw flows.

Every index costs each ingested record a B-tree insert. No query reads flows by
(material, period) (analytics read the snapshot), record versions by submission, or
products by organisation; dropping those three made the hub's own rows for a flow about
a sixth cheaper to insert on SQLite. A member's raw flows are listed by organisation,
ordered by period and record id: one index on those three columns serves the filter and
the order (the organisation-only index it replaces needed a sort of all the member's rows
for every page).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 07:00:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("flows", schema=None) as batch_op:
        batch_op.drop_index("ix_flows_material_period")
        batch_op.drop_index(batch_op.f("ix_flows_organization_id"))
        batch_op.create_index(
            "ix_flows_organization_period", ["organization_id", "period", "record_id"]
        )
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_versions_submission_id"))
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_organization_id"))


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_products_organization_id"), ["organization_id"], unique=False
        )
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_versions_submission_id"), ["submission_id"], unique=False
        )
    with op.batch_alter_table("flows", schema=None) as batch_op:
        batch_op.drop_index("ix_flows_organization_period")
        batch_op.create_index(
            batch_op.f("ix_flows_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index("ix_flows_material_period", ["material", "period"], unique=False)
