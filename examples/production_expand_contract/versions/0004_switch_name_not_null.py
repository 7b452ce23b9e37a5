"""switch: every event has a name, so name becomes NOT NULL; the new app is now the one to deploy

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("events", "name", nullable=False)


def downgrade() -> None:
    op.alter_column("events", "name", nullable=True)
