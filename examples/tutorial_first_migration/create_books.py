# --8<-- [start:revision]
"""create books

Revision ID: 3f2a9c1d7e45
Revises: 
Create Date: 2026-12-05 09:30:12.345678

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '3f2a9c1d7e45'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "books",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_books")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("books")
# --8<-- [end:revision]
