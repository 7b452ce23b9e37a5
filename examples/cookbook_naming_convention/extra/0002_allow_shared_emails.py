"""allow two accounts to share an email address

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_constraint(op.f("uq_users_email"), type_="unique")  # the name the convention gives
# --8<-- [end:upgrade]


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.create_unique_constraint(op.f("uq_users_email"), ["email"])
