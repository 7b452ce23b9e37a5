"""Safe: a column with a constant default, stored once in the catalog (PostgreSQL 11+)

Revision ID: default_constant
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "default_constant"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.add_column("bookings", sa.Column("source", sa.Text(), server_default="web", nullable=False))
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_column("bookings", "source")
# --8<-- [end:downgrade]
