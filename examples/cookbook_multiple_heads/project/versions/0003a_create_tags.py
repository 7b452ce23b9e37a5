"""create tags (one branch)

Revision ID: 0003a
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003a"
# --8<-- [start:down_revision]
down_revision = "0002"
# --8<-- [end:down_revision]
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(50)))


def downgrade() -> None:
    op.drop_table("tags")
