"""drop events.location

Since 0009 every location lives in venues, and the app reads the venue. Keeping
the old text column would let the two disagree, so it goes. The downgrade puts
it back and refills it from each event's venue, so no information is lost.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 11:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

events = sa.table(
    "events",
    sa.column("location", sa.String),
    sa.column("venue_id", sa.Integer),
)
venues = sa.table("venues", sa.column("id", sa.Integer), sa.column("name", sa.String))


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("location")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    # On SQLite, recreate="always": only a rebuilt table can put a column back in its
    # old place, so the table is exactly the one 0009 left. PostgreSQL cannot drop a
    # table other tables point at (event_attendees), so there the column is added at
    # the end: the one difference, column order, which no query by name can see.
    location = sa.Column("location", sa.String(length=200), nullable=True)
    if op.get_context().dialect.name == "sqlite":
        with op.batch_alter_table("events", recreate="always") as batch_op:
            batch_op.add_column(location, insert_after="starts_at")
    else:
        op.add_column("events", location)
    venue_name = sa.select(venues.c.name).where(venues.c.id == events.c.venue_id).scalar_subquery()
    op.execute(events.update().values(location=venue_name))
# --8<-- [end:downgrade]
