"""Safe: varchar(200) to text, binary-compatible, so no rewrite

Revision ID: type_binary_compatible
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "type_binary_compatible"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.alter_column("bookings", "note", type_=sa.Text(), existing_type=sa.String(200), existing_nullable=True)
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.alter_column("bookings", "note", type_=sa.String(200), existing_type=sa.Text(), existing_nullable=True)
# --8<-- [end:downgrade]
