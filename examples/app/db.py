"""Where the database is, and how to connect to SQLite safely.

The app, the Alembic environment and the tests all build their engines here,
so they share one definition of "a safe SQLite connection".
"""

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

# --8<-- [start:database_url]
DATABASE_URL_ENV = "HANDBOOK_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///var/handbook.db"


def database_url(configured: str | None = None) -> str:
    """The environment variable wins, then the configured URL, then the default."""
    return os.environ.get(DATABASE_URL_ENV) or configured or DEFAULT_DATABASE_URL
# --8<-- [end:database_url]


# --8<-- [start:transactional_sqlite]
def make_sqlite_transactional(engine: Engine, *, foreign_keys: bool = True) -> Engine:
    """Make every SQLAlchemy transaction on this SQLite engine a real one.

    Python's sqlite3 driver only opens a transaction before INSERT, UPDATE and
    DELETE, so CREATE and ALTER would run (and stay) outside of it. We switch
    the driver's own handling off and send BEGIN ourselves.
    """

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # the driver stops sending BEGIN
        # Must be set outside a transaction: inside one SQLite ignores it.
        state = "ON" if foreign_keys else "OFF"
        dbapi_connection.execute(f"PRAGMA foreign_keys = {state}")

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine
# --8<-- [end:transactional_sqlite]


def make_engine(url: str | None = None, *, foreign_keys: bool = True) -> Engine:
    """An engine for `url` (default: `database_url()`), SQLite made transactional."""
    url = url or database_url()
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        path = make_url(url).database
        if path and path != ":memory:":
            # A fresh clone has no var/ folder yet; SQLite will not create it.
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        make_sqlite_transactional(engine, foreign_keys=foreign_keys)
    return engine
