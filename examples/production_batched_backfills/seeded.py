"""A database at revision 0001 with `rows` events, ready to be copied (CREATE DATABASE … TEMPLATE)."""

import sqlalchemy as sa

from examples.production_batched_backfills.backfill import seed
from examples.production_shared.chain import upgrade
from examples.production_shared.waiting import connection_to

CHAIN = "batched_backfills"


def prepare(url: str, rows: int) -> None:
    with connection_to(url) as connection:
        upgrade(CHAIN, connection, "0001")
        seed(connection, rows)
        connection.commit()


def at_0002(url: str) -> str:
    """Add the empty column (revision 0002), for backfills run outside Alembic."""
    with connection_to(url) as connection:
        upgrade(CHAIN, connection, "0002")
    return url


def copy_of(admin: sa.Engine, template_url: str, name: str) -> str:
    """A new database `name` holding what the template holds; the template must have no session open."""
    template = sa.engine.make_url(template_url)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"')
    return template.set(database=name).render_as_string(hide_password=False)
