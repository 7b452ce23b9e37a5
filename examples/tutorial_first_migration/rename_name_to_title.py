"""rename book name to title

Revision ID: b81e0c6d2f93
Revises: 3f2a9c1d7e45
Create Date: 2026-12-05 09:30:12.345678

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b81e0c6d2f93'
down_revision: Union[str, Sequence[str], None] = '3f2a9c1d7e45'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# --8<-- [start:fixed]
def upgrade() -> None:
    """Upgrade schema."""
    # A rename, not autogenerate's add + drop: the titles stay.
    op.alter_column("books", "name", new_column_name="title")
    op.create_index(op.f("ix_books_title"), "books", ["title"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_books_title"), table_name="books")
    op.alter_column("books", "title", new_column_name="name")
# --8<-- [end:fixed]
