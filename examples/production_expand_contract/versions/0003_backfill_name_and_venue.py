"""backfill: name from title, venue_id from location, for the rows written before 0002

Rows written since 0002 were filled by the trigger. On a big table, run this in
batches (docs/production/batched-backfills.md); here it is one statement each.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.execute("UPDATE events SET name = title WHERE name IS NULL")
    op.execute("INSERT INTO venues (name) SELECT DISTINCT location FROM events WHERE location IS NOT NULL "
               "ON CONFLICT (name) DO NOTHING")
    op.execute("UPDATE events SET venue_id = venues.id FROM venues "
               "WHERE events.venue_id IS NULL AND venues.name = events.location")
# --8<-- [end:upgrade]


def downgrade() -> None:
    # Nothing to undo: the values it wrote are copies of title and location.
    pass
