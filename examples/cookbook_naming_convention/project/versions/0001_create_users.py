"""create users (written before the project had a naming convention)

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),  # no name: the database picks one
    )
# --8<-- [end:upgrade]


def downgrade() -> None:
    op.drop_table("users")
