"""Safe: CREATE INDEX CONCURRENTLY, outside the migration's transaction

Revision ID: index_concurrent
Revises: gallery_base
"""

from alembic import op

revision = "index_concurrent"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    # CONCURRENTLY cannot run inside a transaction: Alembic commits, runs it alone, then goes on.
    with op.get_context().autocommit_block():
        op.create_index("ix_bookings_member_id", "bookings", ["member_id"], postgresql_concurrently=True)
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_bookings_member_id", table_name="bookings", postgresql_concurrently=True)
# --8<-- [end:downgrade]
