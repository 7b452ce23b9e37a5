"""add named UNIQUE and CHECK constraints to events

Two rules the app enforced only in Python now hold in the database, where no
script or second app can skip them: an owner cannot have two events with the
same name at the same time (a double-submitted form), and a capacity is at
least one seat. Both are named (naming convention), so a later batch migration
can drop them by name. Rows that break a rule stop the upgrade with a message
that names them, before anything is changed.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from alembic.util import CommandError

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

events = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("starts_at", sa.DateTime),
    sa.column("capacity", sa.Integer),
)


def rows_breaking_the_rules(connection: sa.Connection) -> list[str]:
    key = (events.c.owner_id, events.c.name, events.c.starts_at)
    duplicates = connection.execute(
        sa.select(*key, sa.func.count()).group_by(*key).having(sa.func.count() > 1).order_by(*key)
    ).all()
    no_seats = connection.execute(
        sa.select(events.c.id, events.c.capacity).where(events.c.capacity < 1).order_by(events.c.id)
    ).all()
    return [f"owner {o} has {n} events named {name!r} at {at}" for o, name, at, n in duplicates] + [
        f"event {id_} has capacity {capacity}" for id_, capacity in no_seats
    ]


# --8<-- [start:upgrade]
def upgrade() -> None:
    problems = [] if context.is_offline_mode() else rows_breaking_the_rules(op.get_bind())
    if problems:
        raise CommandError("cannot add the event constraints, nothing was changed: " + "; ".join(problems))
    with op.batch_alter_table("events") as batch_op:
        batch_op.create_unique_constraint(op.f("uq_events_owner_id_name_starts_at"), ["owner_id", "name", "starts_at"])
        batch_op.create_check_constraint(op.f("ck_events_capacity_positive"), "capacity > 0")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_constraint(op.f("ck_events_capacity_positive"), type_="check")
        batch_op.drop_constraint(op.f("uq_events_owner_id_name_starts_at"), type_="unique")
# --8<-- [end:downgrade]
