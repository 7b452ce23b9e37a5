"""index event_attendees by user

The "my events" page lists the events a user signed up for. The primary key
(event_id, user_id) starts with event_id, so it cannot find a user's rows:
SQLite walked every event and probed the key for each one (EXPLAIN QUERY PLAN:
SCAN events). An index on user_id turns that into a search for the user's rows.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25 11:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_index(op.f("ix_event_attendees_user_id"), "event_attendees", ["user_id"])
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_index(op.f("ix_event_attendees_user_id"), table_name="event_attendees")
# --8<-- [end:downgrade]
