"""add the ledger, make account emails unique

Written against a clean development database, where every email is unique.
On a database holding the legacy duplicate it fails halfway: after the ledger
table exists, while batch mode copies `accounts` into its new shape.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    # Step 1 succeeds.
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_ledger_entries_account_id_accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_entries"),
    )
    # Step 2 fails on duplicate emails: SQLite cannot add a constraint in place, so
    # batch mode creates _alembic_tmp_accounts and copies the rows into it.
    with op.batch_alter_table("accounts") as batch:
        batch.create_unique_constraint("uq_accounts_email", ["email"])
# --8<-- [end:upgrade]


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_constraint("uq_accounts_email", type_="unique")
    op.drop_table("ledger_entries")
