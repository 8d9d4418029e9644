"""Submissions, records with append-only versions, idempotency keys, derived flows and products;
organisation IRIs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 22:14:21.149681
"""

import sqlalchemy as sa
from alembic import op

from junkan.db.base import UtcDateTime


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('idempotency_keys',
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('submission_id', sa.String(length=32), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response_body', sa.Text(), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_idempotency_keys_organization_id_organizations')),
    sa.PrimaryKeyConstraint('organization_id', 'key', name=op.f('pk_idempotency_keys'))
    )
    op.create_table('records',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('iri', sa.String(length=2048), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('source_system', sa.String(length=200), nullable=True),
    sa.Column('source_record_id', sa.String(length=500), nullable=True),
    sa.Column('disclosure', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_records_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_records')),
    sa.UniqueConstraint('iri', name=op.f('uq_records_iri')),
    sa.UniqueConstraint('organization_id', 'source_system', 'source_record_id', name='uq_records_source')
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_records_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_record_type'), ['record_type'], unique=False)

    op.create_table('submissions',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=True),
    sa.Column('received_at', UtcDateTime(), nullable=False),
    sa.Column('completed_at', UtcDateTime(), nullable=True),
    sa.Column('format', sa.String(length=40), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('body_bytes', sa.BigInteger(), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('valid', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=True),
    sa.Column('idempotency_key', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_submissions_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions'))
    )
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_organization_id'), ['organization_id'], unique=False)

    op.create_table('flows',
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('material', sa.String(length=100), nullable=False),
    sa.Column('from_stage', sa.String(length=100), nullable=False),
    sa.Column('to_stage', sa.String(length=100), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=False),
    sa.Column('prefecture', sa.String(length=2), nullable=True),
    sa.Column('facility', sa.String(length=2048), nullable=True),
    sa.Column('recovery_type', sa.String(length=100), nullable=True),
    sa.Column('flow_class', sa.String(length=40), nullable=True),
    sa.Column('origin', sa.String(length=40), nullable=True),
    sa.Column('data_quality', sa.String(length=40), nullable=True),
    sa.Column('uncertainty', sa.Float(), nullable=True),
    sa.Column('disclosure', sa.String(length=16), nullable=False),
    sa.Column('mass_kg', sa.Float(), nullable=False),
    sa.Column('mass_value', sa.Float(), nullable=False),
    sa.Column('mass_unit', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], name=op.f('fk_flows_record_id_records')),
    sa.PrimaryKeyConstraint('record_id', name=op.f('pk_flows'))
    )
    with op.batch_alter_table('flows', schema=None) as batch_op:
        batch_op.create_index('ix_flows_material_period', ['material', 'period'], unique=False)
        batch_op.create_index(batch_op.f('ix_flows_organization_id'), ['organization_id'], unique=False)

    op.create_table('product_components',
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('material', sa.String(length=100), nullable=False),
    sa.Column('mass_fraction', sa.Float(), nullable=True),
    sa.Column('mass_kg', sa.Float(), nullable=True),
    sa.Column('recycled_pre', sa.Float(), nullable=True),
    sa.Column('recycled_post', sa.Float(), nullable=True),
    sa.Column('reused', sa.Float(), nullable=True),
    sa.Column('renewable', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], name=op.f('fk_product_components_record_id_records')),
    sa.PrimaryKeyConstraint('record_id', 'position', name=op.f('pk_product_components'))
    )
    op.create_table('products',
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('model_number', sa.String(length=200), nullable=True),
    sa.Column('name_ja', sa.String(length=500), nullable=True),
    sa.Column('name_en', sa.String(length=500), nullable=True),
    sa.Column('category', sa.String(length=200), nullable=True),
    sa.Column('unit_mass_kg', sa.Float(), nullable=True),
    sa.Column('disclosure', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], name=op.f('fk_products_record_id_records')),
    sa.PrimaryKeyConstraint('record_id', name=op.f('pk_products'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_organization_id'), ['organization_id'], unique=False)

    op.create_table('record_versions',
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.String(length=32), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('valid_from', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], name=op.f('fk_record_versions_record_id_records')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], name=op.f('fk_record_versions_submission_id_submissions')),
    sa.PrimaryKeyConstraint('record_id', 'version', name=op.f('pk_record_versions'))
    )
    with op.batch_alter_table('record_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_versions_submission_id'), ['submission_id'], unique=False)

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('iri', sa.String(length=2048), nullable=True))
    # Existing organisations get the hub's own IRI for them.
    op.execute("UPDATE organizations SET iri = 'https://w3id.org/junkan/org/' || id")
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.alter_column('iri', existing_type=sa.String(length=2048), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_organizations_iri'), ['iri'])



def downgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_organizations_iri'), type_='unique')
        batch_op.drop_column('iri')

    with op.batch_alter_table('record_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_versions_submission_id'))

    op.drop_table('record_versions')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_organization_id'))

    op.drop_table('products')
    op.drop_table('product_components')
    with op.batch_alter_table('flows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flows_organization_id'))
        batch_op.drop_index('ix_flows_material_period')

    op.drop_table('flows')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_organization_id'))

    op.drop_table('submissions')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_records_record_type'))
        batch_op.drop_index(batch_op.f('ix_records_organization_id'))

    op.drop_table('records')
    op.drop_table('idempotency_keys')
