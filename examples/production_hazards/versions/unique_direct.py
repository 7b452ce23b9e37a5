"""Unsafe: a UNIQUE constraint builds its index under ACCESS EXCLUSIVE

Revision ID: unique_direct
Revises: gallery_base
"""

from alembic import op

revision = "unique_direct"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_unique_constraint("uq_bookings_seat", "bookings", ["seat"])
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_constraint("uq_bookings_seat", "bookings", type_="unique")
# --8<-- [end:downgrade]
