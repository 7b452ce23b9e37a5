"""Unsafe: a plain CREATE INDEX holds SHARE on the table, blocking writes while it builds

Revision ID: index_plain
Revises: gallery_base
"""

from alembic import op

revision = "index_plain"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_index("ix_bookings_member_id", "bookings", ["member_id"])
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_index("ix_bookings_member_id", table_name="bookings")
# --8<-- [end:downgrade]
