"""create tags, with a unique name (written before the project had a naming convention)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.UniqueConstraint("name"),  # no name, and no convention to give it one
    )
# --8<-- [end:upgrade]


def downgrade() -> None:
    op.drop_table("tags")
