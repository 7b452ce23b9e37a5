"""Safe: the enum value added in its own transaction, used after it committed

Revision ID: enum_autocommit
Revises: gallery_base
"""

from alembic import op

revision = "enum_autocommit"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE booking_status ADD VALUE IF NOT EXISTS 'waitlisted' AFTER 'booked'")
    op.execute("UPDATE bookings SET status = 'waitlisted' WHERE id = 1")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    raise NotImplementedError("PostgreSQL cannot drop an enum value: restore the type by hand")
# --8<-- [end:downgrade]
