"""The handbook's Alembic environment.

Differences from the `alembic init` template, each for a reason the pages explain:

* the database URL comes from HANDBOOK_DATABASE_URL, else alembic.ini;
* on SQLite, DDL really runs inside a transaction, and the whole upgrade is one
  transaction: a revision that fails halfway leaves the database as it was;
* a caller (pytest-alembic, a test, an app) may hand over a Connection, an Engine
  or anything else with a `connect()` in `config.attributes["connection"]`, and it
  is used: the configured URL is read only when nothing was handed over.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from examples.app.db import database_url, make_engine
from examples.app.models import Base

config = context.config

if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    # Keep loggers that exist already (pytest's caplog among them) working.
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


# --8<-- [start:configure_options]
def configure_options(dialect_name: str) -> dict:
    """Options shared by the online and offline paths."""
    sqlite = dialect_name == "sqlite"
    return {
        "target_metadata": target_metadata,
        # SQLite's ALTER TABLE is limited: let autogenerate write batch operations.
        "render_as_batch": sqlite,
        "compare_server_default": True,
        # Alembic assumes SQLite has no transactional DDL; with the driver fix in
        # examples/app/db.py it does, so the whole run is one transaction.
        "transactional_ddl": True if sqlite else None,
    }
# --8<-- [end:configure_options]


# --8<-- [start:offline]
def run_migrations_offline() -> None:
    """`alembic upgrade --sql`: write the SQL instead of running it."""
    url = database_url(config.get_main_option("sqlalchemy.url"))
    dialect_name = url.split(":", 1)[0].split("+", 1)[0]
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **configure_options(dialect_name),
    )
    with context.begin_transaction():
        context.run_migrations()
# --8<-- [end:offline]


# --8<-- [start:run_on_connection]
def run_on_connection(connection: Connection) -> None:
    context.configure(connection=connection, **configure_options(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            # Foreign keys are off while tables are rebuilt; check them before
            # COMMIT, so a migration that orphans rows is rolled back.
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key violations after migrating: {problems}")
# --8<-- [end:run_on_connection]


# --8<-- [start:online]
def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run_on_connection(given)
        return
    if given is not None:
        # Whatever else a caller hands over (an Engine, pytest-alembic's wrapper of
        # its open connection) is used through its connect(): never the configured URL.
        connectable = given
    else:
        url = database_url(config.get_main_option("sqlalchemy.url"))
        # SQLite's own advice for rebuilding tables: foreign keys off during the
        # change, then PRAGMA foreign_key_check before committing.
        connectable = make_engine(url, foreign_keys=False)
    with connectable.connect() as connection:
        run_on_connection(connection)
# --8<-- [end:online]


# --8<-- [start:dispatch]
if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
# --8<-- [end:dispatch]
