"""Safe: CHECK NOT VALID, VALIDATE, then SET NOT NULL, each step committed on its own

Revision ID: not_null_via_check
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "not_null_via_check"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE bookings ADD CONSTRAINT ck_bookings_note_not_null CHECK (note IS NOT NULL) NOT VALID")
        op.execute("ALTER TABLE bookings VALIDATE CONSTRAINT ck_bookings_note_not_null")  # scans, writes go on
        # PostgreSQL 12+ skips the scan: the valid CHECK already proves there is no NULL.
        op.alter_column("bookings", "note", nullable=False, existing_type=sa.String(200))
        op.drop_constraint(op.f("ck_bookings_note_not_null"), "bookings", type_="check")  # op.f: the name as written
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.alter_column("bookings", "note", nullable=True, existing_type=sa.String(200))
# --8<-- [end:downgrade]
