"""fill nicknames, through the ORM model

It worked the day it was written, when the model matched the table.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

# The model as it is *today*, not as it was at revision 0003.
from examples.cookbook_data_migrations.models import User

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    session = Session(bind=op.get_bind())
    for user in session.scalars(sa.select(User).where(User.nickname.is_(None))):
        user.nickname = user.email.split("@")[0]
    session.flush()
# --8<-- [end:upgrade]


def downgrade() -> None:
    pass  # the nicknames stay; 0002's downgrade drops the column
