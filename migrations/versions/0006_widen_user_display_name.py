"""widen users.display_name to 200 characters

Some people's full names did not fit in 100 characters. SQLite does not enforce
a VARCHAR length, but the declared type is the contract other databases and the
app's validation follow, so the type changes (batch mode rebuilds the table).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "display_name", type_=sa.String(200), existing_type=sa.String(100), existing_nullable=False
        )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    # Narrowing again is safe on SQLite (it never truncates); a stricter database
    # would reject names longer than 100 characters here.
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "display_name", type_=sa.String(100), existing_type=sa.String(200), existing_nullable=False
        )
# --8<-- [end:downgrade]
