"""rename events.title to name

The app, its API and its forms all say "event name"; only the column said
"title". Renaming keeps every row. On SQLite, batch mode rebuilds the table
(copy, drop, rename), which is also how the rename works on old SQLite versions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.alter_column("title", new_column_name="name", existing_type=sa.String(200), existing_nullable=False)
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.alter_column("name", new_column_name="title", existing_type=sa.String(200), existing_nullable=False)
# --8<-- [end:downgrade]
