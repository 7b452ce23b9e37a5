"""fill nicknames

The revision describes the table as it is at this point of the chain, with
sa.table(): later changes to the models cannot break it.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# --8<-- [start:table]
# Only the columns this revision reads or writes, as they are at revision 0003.
users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("nickname", sa.String),
)
# --8<-- [end:table]


# --8<-- [start:upgrade]
def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.email).where(users.c.nickname.is_(None))
    ).all()
    if rows:
        # One UPDATE, run once per row with bound parameters: no values in the SQL text.
        connection.execute(
            users.update()
            .where(users.c.id == sa.bindparam("user_id"))
            .values(nickname=sa.bindparam("new_nickname")),
            [{"user_id": row.id, "new_nickname": row.email.split("@")[0]} for row in rows],
        )
# --8<-- [end:upgrade]


def downgrade() -> None:
    pass  # the nicknames stay; 0002's downgrade drops the column
