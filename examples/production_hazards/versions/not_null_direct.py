"""Unsafe: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE

Revision ID: not_null_direct
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "not_null_direct"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.alter_column("bookings", "note", nullable=False, existing_type=sa.String(200))
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.alter_column("bookings", "note", nullable=True, existing_type=sa.String(200))
# --8<-- [end:downgrade]
