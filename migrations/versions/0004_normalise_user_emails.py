"""normalise user emails

Sign-ups typed " Ada@Example.org" and "ada@example.org" as two addresses, and
the unique constraint let both in. From now on an email is stored trimmed and
lower-cased. When two stored addresses would become the same one, the upgrade
stops and names them: merging accounts is a decision for a person, not a script.

IRREVERSIBLE: the original spelling of each address is not kept anywhere, so the
downgrade refuses (and, like every failed run, changes nothing). To go below this
revision, restore the backup taken before upgrading.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from alembic.util import CommandError

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A snapshot of the table as this revision knows it: never the app's models,
# which describe the head and will keep changing after this file is written.
users = sa.table("users", sa.column("id", sa.Integer), sa.column("email", sa.String))


# --8<-- [start:upgrade]
def upgrade() -> None:
    normalised = sa.func.lower(sa.func.trim(users.c.email))
    if context.is_offline_mode():
        # `alembic upgrade --sql` has no rows to read: the script relies on
        # uq_users_email alone, which rejects the UPDATE if two addresses collide.
        op.execute(users.update().where(users.c.email != normalised).values(email=normalised))
        return
    # Plain SQL every engine has (no group_concat, no quote()): the rows whose
    # normalised address is shared, gathered per address here.
    shared = sa.select(normalised).group_by(normalised).having(sa.func.count() > 1)
    rows = op.get_bind().execute(
        sa.select(normalised, users.c.email).where(normalised.in_(shared)).order_by(normalised, users.c.email)
    )
    collisions: dict[str, list[str]] = {}
    for address, spelling in rows:
        collisions.setdefault(address, []).append("'" + spelling.replace("'", "''") + "'")
    if collisions:
        listed = "; ".join(f"{address} <- {', '.join(spellings)}" for address, spellings in collisions.items())
        raise CommandError(
            f"cannot normalise emails: {len(collisions)} address(es) would collide ({listed}). "
            "Merge or fix those accounts first; nothing was changed."
        )
    op.execute(users.update().where(users.c.email != normalised).values(email=normalised))
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    raise CommandError(
        "revision 0004 (normalise user emails) is irreversible: the original spelling of "
        "each email was not kept. Nothing was changed. To go below 0004, restore the "
        "backup taken before the upgrade."
    )
# --8<-- [end:downgrade]
