"""What every cookbook mini project's env.py runs.

A mini project's env.py is a few lines: it picks its models (or none) and any
recipe-specific hook, then calls `run_migrations`. The rest are the handbook's
safe defaults, as in migrations/env.py: the URL from the environment first,
real transactions on SQLite, batch operations from autogenerate.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection, Engine

from examples.app.db import database_url, make_engine


# --8<-- [start:database_url]
def configured_url() -> str:
    """HANDBOOK_DATABASE_URL if it is set, else `sqlalchemy.url` from alembic.ini.

    The URL goes straight to the engine. Writing it back into the config with
    `config.set_main_option()` would hand it to ConfigParser, which treats `%`
    as the start of an interpolation.
    """
    return database_url(context.config.get_main_option("sqlalchemy.url"))
# --8<-- [end:database_url]


def run_migrations(target_metadata: MetaData | None = None, **options) -> None:
    """Run the command Alembic was asked for; `options` go to `context.configure`."""
    config = context.config
    if config.config_file_name is not None and config.attributes.get("configure_logger", True):
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    options = {"target_metadata": target_metadata, "render_as_batch": True, **options}

    if context.is_offline_mode():
        context.configure(url=configured_url(), literal_binds=True, **options)
        with context.begin_transaction():
            context.run_migrations()
        return

    def run(connection: Connection) -> None:
        context.configure(connection=connection, transactional_ddl=True, **options)
        with context.begin_transaction():
            context.run_migrations()

    # A caller may hand over its own Engine or Connection (see fresh_database).
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run(given)
        return
    engine = given if isinstance(given, Engine) else make_engine(configured_url(), foreign_keys=False)
    try:
        with engine.connect() as connection:
            run(connection)
    finally:
        if engine is not given:  # ours: close its pooled connections now, not when Python collects them
            engine.dispose()
