"""directory: profiles, zone roles, expertise tags

Revision ID: 3d1ec7a0b1f2
Revises: 666d9d8ab8c4
Create Date: 2026-11-26 10:13:58.877860+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3d1ec7a0b1f2'
down_revision: str | None = '666d9d8ab8c4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('expertise_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('managed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expertise_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_expertise_tags_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_expertise_tags_slug'))
    )
    op.create_table('person_tags',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['expertise_tags.id'], name=op.f('fk_person_tags_tag_id_expertise_tags'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_person_tags_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'tag_id', name=op.f('pk_person_tags'))
    )
    with op.batch_alter_table('person_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('person_zone_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_person_zone_roles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_person_zone_roles'))
    )
    with op.batch_alter_table('person_zone_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_zone_roles_role'), ['role'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bio', sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('other_contact', sa.String(length=300), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('email_visibility', sa.String(length=20), nullable=False, server_default=sa.text("'networks'")))
        batch_op.add_column(sa.Column('phone_visibility', sa.String(length=20), nullable=False, server_default=sa.text("'only_me'")))
        batch_op.add_column(sa.Column('other_contact_visibility', sa.String(length=20), nullable=False, server_default=sa.text("'only_me'")))
        batch_op.add_column(sa.Column('photo_key', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('sort_name', sa.String(length=200), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('deletion_requested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_sort_name'), ['sort_name'], unique=False)
    # A first approximation for existing people; `flask seed` refreshes the folded search fields.
    op.execute("UPDATE users SET sort_name = lower(name)")

    with op.batch_alter_table('zones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('aliases', sa.String(length=300), nullable=False, server_default=sa.text("''")))



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('zones', schema=None) as batch_op:
        batch_op.drop_column('aliases')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_sort_name'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('deletion_requested_at')
        batch_op.drop_column('sort_name')
        batch_op.drop_column('search_text')
        batch_op.drop_column('photo_key')
        batch_op.drop_column('other_contact_visibility')
        batch_op.drop_column('phone_visibility')
        batch_op.drop_column('email_visibility')
        batch_op.drop_column('other_contact')
        batch_op.drop_column('phone')
        batch_op.drop_column('bio')

    with op.batch_alter_table('person_zone_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_zone_roles_role'))

    op.drop_table('person_zone_roles')
    with op.batch_alter_table('person_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_tags_tag_id'))

    op.drop_table('person_tags')
    op.drop_table('expertise_tags')
