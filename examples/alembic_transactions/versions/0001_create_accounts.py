"""create accounts, imported from the legacy system

The legacy system let two accounts share an email address; its rows come along.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    accounts = op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
    )
    op.bulk_insert(
        accounts,
        [
            {"id": 1, "email": "ada@example.org", "name": "Ada"},
            {"id": 2, "email": "grace@example.org", "name": "Grace"},
            {"id": 3, "email": "ada@example.org", "name": "Ada L."},  # the duplicate
        ],
    )
# --8<-- [end:upgrade]


def downgrade() -> None:
    op.drop_table("accounts")
