"""expand: add events.name beside title, and keep both pairs of columns in step

Nothing is removed or renamed, so the old app keeps working; the new app can write
name and venue_id, and the trigger fills title and location for the old one.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from examples.production_expand_contract.sync import CREATE_SYNC, DROP_SYNC

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.add_column("events", sa.Column("name", sa.String(200), nullable=True))
    op.execute(CREATE_SYNC)
# --8<-- [end:upgrade]


def downgrade() -> None:
    op.execute(DROP_SYNC)
    op.drop_column("events", "name")
