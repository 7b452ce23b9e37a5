"""The handbook's Alembic environment.

Differences from the `alembic init` template, each for a reason the pages explain:

* the database URL comes from HANDBOOK_DATABASE_URL, else alembic.ini;
* on SQLite, DDL really runs inside a transaction, and the whole upgrade is one
  transaction: a revision that fails halfway leaves the database as it was;
* a caller (pytest-alembic, a test, an app) may hand over a Connection, an Engine
  or anything else with a `connect()` in `config.attributes["connection"]`, and it
  is used: the configured URL is read only when nothing was handed over;
* a URL that cannot be used (server down, no such database) fails in one line,
  password hidden, before anything runs; so does a SQLite file that cannot be
  written (locked, read-only, disk full), and a database whose tables exist while
  `alembic_version` names no revision, after the run is rolled back.
* on PostgreSQL, every run sets `lock_timeout` first (HANDBOOK_LOCK_TIMEOUT, default
  5s; 0 sets nothing): a statement that cannot get its lock fails, rolled back and retryable,
  instead of queueing every later query behind it (docs/production/hazards.md).
* on PostgreSQL, one migrator at a time: a second `alembic upgrade` waits for
  the first, then finds the database migrated (docs/production/where-migrations-run.md).
"""

import contextlib
import os
import re
from collections.abc import Iterator
from logging.config import fileConfig
from urllib.parse import unquote

from alembic import context
from alembic.migration import MigrationContext
from alembic.util import CommandError
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from examples.app.db import DatabaseUnavailable, database_url, first_line, make_engine, shown_url
from examples.app.models import Base

config = context.config

if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    # Keep loggers that exist already (pytest's caplog among them) working.
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


# --8<-- [start:lock_timeout]
LOCK_TIMEOUT_ENV = "HANDBOOK_LOCK_TIMEOUT"
LOCK_TIMEOUT = re.compile(r"\d+(ms|s|min)?")  # PostgreSQL's units; "0": leave the server's setting


def lock_timeout() -> str:
    value = os.environ.get(LOCK_TIMEOUT_ENV, "5s").strip()
    if not LOCK_TIMEOUT.fullmatch(value):
        raise ValueError(f"{LOCK_TIMEOUT_ENV}={value!r} is not a duration such as 5s, 500ms or 0 (off)")
    return value


def set_lock_timeout(dialect_name: str) -> None:
    """First statement of every PostgreSQL run, online and in `--sql` scripts alike."""
    if dialect_name == "postgresql" and (value := lock_timeout()) != "0":
        context.execute(f"SET lock_timeout = '{value}'")
# --8<-- [end:lock_timeout]


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
        set_lock_timeout(dialect_name)
        context.run_migrations()
# --8<-- [end:offline]


# --8<-- [start:migration_lock]
# Any constant shared by every process that migrates this database; advisory locks
# belong to one database, so other databases on the same server are not held up.
MIGRATION_LOCK_KEY = 4_242_001


@contextlib.contextmanager
def migration_lock(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, hold a session-level advisory lock while migrating.

    Session level, not pg_advisory_xact_lock: a revision's autocommit_block()
    commits the migration's transaction, which would release a transaction-level
    lock halfway through the run. `-x migration_lock=off` shows the race without it.
    """
    wanted = context.get_x_argument(as_dictionary=True).get("migration_lock", "on") != "off"
    if connection.dialect.name != "postgresql" or not wanted:
        yield
        return
    if connection.in_transaction():
        # Inside a caller's transaction: the lock ends with that transaction.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        yield
        return
    # Wait as long as the other migrator takes: a lock_timeout meant for DDL must not apply.
    connection.exec_driver_sql("SET LOCAL lock_timeout = 0")
    connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
    connection.commit()  # ends the autobegun transaction; the session keeps the lock
    try:
        yield
    finally:
        if connection.in_transaction():
            connection.rollback()
        connection.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")
        connection.commit()
# --8<-- [end:migration_lock]


# --8<-- [start:run_on_connection]
def run_on_connection(connection: Connection) -> None:
    with migration_lock(connection):
        migrate(connection)


def migrate(connection: Connection) -> None:
    context.configure(connection=connection, **configure_options(connection.dialect.name))
    with context.begin_transaction():
        set_lock_timeout(connection.dialect.name)
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
        engine = given
    else:
        url = database_url(config.get_main_option("sqlalchemy.url"))
        # SQLite's own advice for rebuilding tables: foreign keys off during the
        # change, then PRAGMA foreign_key_check before committing.
        engine = as_command_error(make_engine, url, foreign_keys=False)
    with as_command_error(engine.connect) as connection:
        try:
            run_on_connection(connection)
        except DBAPIError as error:
            raise_if_unwritable(connection, error)
            raise_if_unversioned(connection, error)
            raise


def as_command_error(call, *args, **kwargs):
    """`call(...)`; a URL that cannot be used becomes Alembic's one-line `FAILED: …`."""
    try:
        return call(*args, **kwargs)
    except DatabaseUnavailable as error:
        raise CommandError(str(error)) from None
# --8<-- [end:online]


# --8<-- [start:unwritable]
# SQLite's answers when the file cannot be written at all: no revision is at fault, so
# the reader gets one line naming the file, not a traceback ending in the SQL that hit it.
UNWRITABLE = ("database is locked", "attempt to write a readonly database", "disk I/O error",
              "database or disk is full")


def raise_if_unwritable(connection: Connection, error: DBAPIError) -> None:
    reason = first_line(error)
    if connection.dialect.name == "sqlite" and reason in UNWRITABLE:
        raise CommandError(f"cannot write to {_shown(connection)}: {reason}; the run was rolled back") from None
# --8<-- [end:unwritable]


# --8<-- [start:unversioned]
def raise_if_unversioned(connection: Connection, error: DBAPIError) -> None:
    """A table the chain creates already exists, and `alembic_version` (read again after the
    rollback) names no revision: the database was built without Alembic, or its version row
    was lost, and Alembic took it for an empty one. Say that, not only which table clashed."""
    reason = first_line(error)
    if "already exists" in reason and not MigrationContext.configure(connection).get_current_heads():
        raise CommandError(
            f"{_shown(connection)} has tables but alembic_version names no revision ({reason}): "
            "stamp the revision its schema matches (alembic stamp <revision>), then upgrade; "
            "the run was rolled back"
        ) from None
# --8<-- [end:unversioned]


def _shown(connection: Connection) -> str:
    # Unquoted, a SQLite URI filename reads as it was typed (SQLite URLs hold no password).
    shown = shown_url(connection.engine.url)
    return unquote(shown) if connection.dialect.name == "sqlite" else shown


# --8<-- [start:dispatch]
if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
# --8<-- [end:dispatch]
