"""contract: drop title, location and the trigger, once no old app instance is left

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from examples.production_expand_contract.sync import CREATE_SYNC, DROP_SYNC

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.execute(DROP_SYNC)
    op.drop_column("events", "title")
    op.drop_column("events", "location")
# --8<-- [end:upgrade]


def downgrade() -> None:
    # Both dropped columns are copies of what name and venue_id still hold.
    op.add_column("events", sa.Column("title", sa.String(200), nullable=True))
    op.add_column("events", sa.Column("location", sa.String(200), nullable=True))
    op.execute("UPDATE events SET title = events.name, location = venues.name FROM venues WHERE venues.id = events.venue_id")
    op.execute("UPDATE events SET title = name WHERE title IS NULL")
    op.alter_column("events", "title", nullable=False)
    op.execute(CREATE_SYNC)
