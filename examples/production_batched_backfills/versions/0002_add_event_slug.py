"""add events.slug, nullable: DDL only, the rows are filled by 0003

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable and without a default: PostgreSQL adds it without touching a row.
    op.add_column("events", sa.Column("slug", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("events", "slug")
