"""Unsafe: integer to bigint, a type change that rewrites the table and its indexes

Revision ID: type_rewrite
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "type_rewrite"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.alter_column("bookings", "seat", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=False)
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.alter_column("bookings", "seat", type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=False)
# --8<-- [end:downgrade]
