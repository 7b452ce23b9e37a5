"""give the constraints created before the naming convention the names it gives

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# --8<-- [start:names]
# The names the convention gives, by table, kind and columns: written out here, not
# read from the models, which will have changed by the time a new database runs this.
CONVENTION_NAMES = {"users": {("unique", ("email",)): "uq_users_email"}}
NAMING_CONVENTION = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
# --8<-- [end:names]


# --8<-- [start:upgrade]
def upgrade() -> None:
    bind = op.get_bind()
    for table, names in CONVENTION_NAMES.items():
        if bind.dialect.name == "sqlite":
            # SQLite cannot rename a constraint: rebuild the table, naming each unnamed one.
            with op.batch_alter_table(table, recreate="always", naming_convention=NAMING_CONVENTION):
                pass
            continue
        for found in sa.inspect(bind).get_unique_constraints(table):
            wanted = names.get(("unique", tuple(found["column_names"])))
            if wanted and found["name"] != wanted:
                op.execute(f'ALTER TABLE {table} RENAME CONSTRAINT "{found["name"]}" TO "{wanted}"')
# --8<-- [end:upgrade]


def downgrade() -> None:
    pass  # the old names were the database's choice; nothing depends on them
