"""require a unique email for every member

Batch mode with `copy_from`: the table as revision 0001 left it is written out
here, so Alembic needs no database to reflect it, and `alembic upgrade --sql`
works.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# --8<-- [start:copy_from]
# members as revision 0001 created it: a snapshot, never the app's current model.
MEMBERS_AT_0001 = sa.Table(
    "members",
    sa.MetaData(),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("email", sa.String(320), nullable=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.PrimaryKeyConstraint("id", name="pk_members"),
)


def upgrade() -> None:
    with op.batch_alter_table("members", copy_from=MEMBERS_AT_0001) as batch:
        batch.alter_column("email", existing_type=sa.String(320), nullable=False)
        batch.create_unique_constraint("uq_members_email", ["email"])
# --8<-- [end:copy_from]


def downgrade() -> None:
    members_at_0002 = MEMBERS_AT_0001.to_metadata(sa.MetaData())
    members_at_0002.c.email.nullable = False
    members_at_0002.append_constraint(sa.UniqueConstraint("email", name="uq_members_email"))
    with op.batch_alter_table("members", copy_from=members_at_0002) as batch:
        batch.drop_constraint("uq_members_email", type_="unique")
        batch.alter_column("email", existing_type=sa.String(320), nullable=True)
