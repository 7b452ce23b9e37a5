"""The Alembic environment of the Production section's example chains (PostgreSQL only).

Each chain is a section of alembic.ini beside this file (`--name <chain>`), with its
revisions in its page's examples folder. The database comes from HANDBOOK_DATABASE_URL, or from
a Connection a test hands over in config.attributes["connection"].
"""

import os
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from alembic.util import CommandError

from examples.app.db import DATABASE_URL_ENV


def connection_url() -> str:
    url = os.environ.get(DATABASE_URL_ENV)
    if not url or not url.startswith("postgresql"):
        raise CommandError(f"set {DATABASE_URL_ENV} to a PostgreSQL database: this example chain runs on PostgreSQL only")
    return url


def run(connection: sa.Connection) -> None:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.config.config_file_name is not None and context.config.attributes.get("configure_logger", True):
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)
if context.is_offline_mode():
    raise CommandError("the Production examples run online only")
given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    engine = sa.create_engine(connection_url(), poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
