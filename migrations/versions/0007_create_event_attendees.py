"""create event_attendees

Users can now sign up for events they do not own: a many-to-many relationship,
stored in an association table with one row per (event, user). Its primary key
is the pair, so nobody signs up twice; deleting an event or a user removes
their sign-ups (ON DELETE CASCADE).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_table(
        "event_attendees",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "registered_at",
            sa.DateTime(),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_attendees_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_event_attendees_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "user_id", name=op.f("pk_event_attendees")),
    )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_table("event_attendees")
# --8<-- [end:downgrade]
