"""add users.last_login, index users.nickname

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("last_login", sa.DateTime))
    op.create_index("ix_users_nickname", "users", ["nickname"])


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_index("ix_users_nickname", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_login")
# --8<-- [end:downgrade]
