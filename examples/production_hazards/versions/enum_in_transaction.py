"""Unsafe: a new enum value used in the transaction that added it

Revision ID: enum_in_transaction
Revises: gallery_base
"""

from alembic import op

revision = "enum_in_transaction"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.execute("ALTER TYPE booking_status ADD VALUE 'waitlisted' AFTER 'booked'")
    op.execute("UPDATE bookings SET status = 'waitlisted' WHERE id = 1")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    raise NotImplementedError("PostgreSQL cannot drop an enum value: restore the type by hand")
# --8<-- [end:downgrade]
