"""Indexes follow queries: drop the three that no query uses, order a member's raw flows.

Every index costs each ingested record a B-tree insert. No query reads flows by
(material, period) (analytics read the snapshot), record versions by submission, or
products by organisation. A member's raw flows are listed by organisation, ordered by
period and record id: one index on those three columns serves the filter and the order;
the organisation-only index it replaces left a sort of all the member's rows to every page.

Measured with raw sqlite3 on the hub's three rows per flow (100,000 flows of one member in
batches of 1,000, three interleaved rounds, CPU per flow): 0004 26.6-31.9 us, this
revision 25.7-29.4 us (keeping the organisation-only index instead would be 24.4-26.0 us).
Paging that member's flows, 50 per page: 53 ms at offset 0 and 219 ms at offset 50,000
before, 0.3 ms and 27 ms with the new index.

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
