"""Safe: a nullable column, then a backfill in batches that each commit

Revision ID: nullable_then_backfill
Revises: gallery_base
"""

import sqlalchemy as sa
from alembic import op

revision = "nullable_then_backfill"
down_revision = "gallery_base"
branch_labels = None
depends_on = None

BACKFILL = "UPDATE bookings SET source = 'web' WHERE id IN (SELECT id FROM bookings WHERE source IS NULL LIMIT 50000)"


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.add_column("bookings", sa.Column("source", sa.Text(), nullable=True))
    op.alter_column("bookings", "source", server_default="web")  # new rows get it from now on
    with op.get_context().autocommit_block():  # each UPDATE commits: row locks are short
        if op.get_context().as_sql:
            op.execute(BACKFILL)  # a script cannot loop: run it until it updates no row
        else:
            while op.get_bind().execute(sa.text(BACKFILL)).rowcount:
                pass
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_column("bookings", "source")
# --8<-- [end:downgrade]
