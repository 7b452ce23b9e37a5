"""add event capacity

Organisers asked for a seat limit. Existing events get 50 seats: the default is
a *server* default, so SQLite fills the existing rows itself and every INSERT
that leaves the column out (an older app version, a SQL script) still gets a value.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    # NOT NULL with a constant default: SQLite's ALTER TABLE ADD COLUMN accepts it
    # and fills existing rows, no table rebuild needed.
    op.add_column(
        "events",
        sa.Column("capacity", sa.Integer(), server_default=sa.text("50"), nullable=False),
    )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("capacity")
# --8<-- [end:downgrade]
