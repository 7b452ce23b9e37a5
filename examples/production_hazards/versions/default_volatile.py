"""Unsafe: a column whose default is volatile, so every existing row is rewritten

Revision ID: default_volatile
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "default_volatile"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.add_column(
        "bookings",
        sa.Column(
            "checked_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False
        ),
    )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_column("bookings", "checked_at")
# --8<-- [end:downgrade]
