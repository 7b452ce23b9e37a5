"""create venues and link events to them

A location was free text on each event, so "Hall A" was typed again for every
event held there. Venues get their own table (one row per place, names unique),
and events get a nullable venue_id foreign key. SQLite cannot add a foreign key
to an existing table with ALTER TABLE: batch mode rebuilds events with it.
Filling the new column is the next revision's job (0009).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 10:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_table(
        "venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venues")),
        sa.UniqueConstraint("name", name=op.f("uq_venues_name")),
    )
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("venue_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_events_venue_id_venues"), "venues", ["venue_id"], ["id"], ondelete="SET NULL"
        )
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_constraint(op.f("fk_events_venue_id_venues"), type_="foreignkey")
        batch_op.drop_column("venue_id")
    op.drop_table("venues")
# --8<-- [end:downgrade]
