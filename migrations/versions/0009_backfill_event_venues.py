"""backfill events.venue_id from the free-text location

A data migration: every distinct location becomes a venue, and each event
points at the venue named by its location. It uses table snapshots made with
`sa.table()` (never the app's models, which will have changed by the time this
runs), bound parameters for every value, and walks events in chunks of
CHUNK_SIZE rows by primary key, so memory and statement size stay small on a
large table. The whole run is still one transaction (env.py): a failure in any
chunk leaves no event half-linked.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from alembic.util import CommandError

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK_SIZE = 500

events = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("location", sa.String),
    sa.column("venue_id", sa.Integer),
)
venues = sa.table("venues", sa.column("id", sa.Integer), sa.column("name", sa.String))


# --8<-- [start:upgrade]
def upgrade() -> None:
    if context.is_offline_mode():
        raise CommandError("0009 reads the events it links, chunk by chunk: run it online, not with --sql")
    connection = op.get_bind()
    locations = connection.execute(
        sa.select(events.c.location).where(events.c.location.is_not(None)).distinct().order_by(events.c.location)
    ).scalars().all()  # read whole: an unread result keeps SQLite's read lock
    known = set(connection.execute(sa.select(venues.c.name)).scalars())
    missing = [{"name": name} for name in locations if name not in known]
    if missing:
        connection.execute(venues.insert(), missing)
    venue_id_by_name = {name: id_ for name, id_ in connection.execute(sa.select(venues.c.name, venues.c.id))}

    link = events.update().where(events.c.id == sa.bindparam("event_id")).values(venue_id=sa.bindparam("new_venue_id"))
    last_id = 0
    while True:  # keyset pagination: each chunk starts after the last id seen
        chunk = connection.execute(
            sa.select(events.c.id, events.c.location)
            .where(events.c.id > last_id, events.c.location.is_not(None))
            .order_by(events.c.id)
            .limit(CHUNK_SIZE)
        ).all()
        if not chunk:
            break
        connection.execute(link, [{"event_id": id_, "new_venue_id": venue_id_by_name[loc]} for id_, loc in chunk])
        last_id = chunk[-1].id
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    # Below 0009 venues are not filled yet: the locations, still on every event,
    # hold all the information, so unlinking loses nothing.
    op.execute(events.update().values(venue_id=None))
    op.execute(venues.delete())
# --8<-- [end:downgrade]
