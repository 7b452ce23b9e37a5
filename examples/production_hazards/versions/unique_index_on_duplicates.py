"""Fails halfway: a concurrent UNIQUE index over a column that has duplicates

Revision ID: unique_index_on_duplicates
Revises: gallery_base
"""

from alembic import op

revision = "unique_index_on_duplicates"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index("ix_bookings_member_id", "bookings", ["member_id"], unique=True, postgresql_concurrently=True)
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_bookings_member_id", table_name="bookings", postgresql_concurrently=True)
# --8<-- [end:downgrade]
