"""Safe: a unique index built concurrently, then turned into the constraint

Revision ID: unique_using_index
Revises: gallery_base
"""

from alembic import op

revision = "unique_using_index"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index("uq_bookings_seat", "bookings", ["seat"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE bookings ADD CONSTRAINT uq_bookings_seat UNIQUE USING INDEX uq_bookings_seat")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_constraint("uq_bookings_seat", "bookings", type_="unique")
# --8<-- [end:downgrade]
