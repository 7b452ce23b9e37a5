"""allow duplicate tag names

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("tags") as batch:
        batch.drop_constraint("uq_tags_name", type_="unique")
# --8<-- [end:upgrade]


def downgrade() -> None:
    with op.batch_alter_table("tags") as batch:
        batch.create_unique_constraint("uq_tags_name", ["name"])
