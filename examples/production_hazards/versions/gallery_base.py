"""Gallery base: the two tables every hazard revision changes

The hazard gallery (docs/production/hazards.md) branches each pair of revisions, the
unsafe one and the safe one, from this revision, and runs each on a copy of one
seeded database.

Revision ID: gallery_base
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "gallery_base"
down_revision = None
branch_labels = None
depends_on = None

BOOKING_STATUS = sa.Enum("booked", "cancelled", name="booking_status")


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(200), nullable=True),
        sa.Column("status", BOOKING_STATUS, server_default="booked", nullable=False),
    )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_table("bookings")
    op.drop_table("members")
    BOOKING_STATUS.drop(op.get_bind())
# --8<-- [end:downgrade]
