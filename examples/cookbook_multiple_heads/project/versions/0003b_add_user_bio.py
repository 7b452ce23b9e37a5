"""add users.bio (another branch, same time)

Revision ID: 0003b
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003b"
# --8<-- [start:down_revision]
down_revision = "0002"
# --8<-- [end:down_revision]
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("bio", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("bio")
