"""allow an owner to run the same event in two rooms at once

Revision 0011's rule "one event per owner, name and start time" turned out to
be wrong after the release: a workshop held in two rooms at the same time is two
events with the same owner, name and start. This revision drops the rule and
keeps every row written since the release: a roll forward.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_constraint(op.f("uq_events_owner_id_name_starts_at"), type_="unique")
# --8<-- [end:upgrade]


def downgrade() -> None:
    # Fails, and changes nothing, once two events share owner, name and start.
    with op.batch_alter_table("events") as batch_op:
        batch_op.create_unique_constraint(op.f("uq_events_owner_id_name_starts_at"), ["owner_id", "name", "starts_at"])
