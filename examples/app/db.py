"""Where the database is, and how to connect to SQLite safely.

The app, the Alembic environment and the tests all build their engines here,
so they share one definition of "a safe SQLite connection".
"""

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

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


# --8<-- [start:unavailable]
class DatabaseUnavailable(Exception):
    """The database a URL names cannot be used: the URL is malformed, its driver is
    unknown, the server is down, or the database does not exist. One line, password hidden."""


def shown_url(url: str | URL) -> str:
    """`url` as it may be printed: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not parseable: hide whatever sits between "user:" and "@"
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def first_line(error: BaseException) -> str:
    """The first line of a driver's error (or of `error`), its whitespace collapsed."""
    reason = str(getattr(error, "orig", None) or error)
    return " ".join(reason.split("\n")[0].split())


def report_unavailable(engine: Engine) -> Engine:
    """Make a failed connect on `engine` raise DatabaseUnavailable, URL named, password hidden."""
    sa.event.listen(engine, "handle_error", _unavailable_on_connect)
    return engine


def _unavailable_on_connect(context) -> None:
    # Fired for every error; only those raised while opening a connection are ours.
    if context.connection is None and isinstance(context.sqlalchemy_exception, sa.exc.OperationalError):
        url = context.engine.url.render_as_string(hide_password=True)
        raise DatabaseUnavailable(f"cannot connect to {url}: {first_line(context.original_exception)}")


def run_main(main: Callable[..., int], *args) -> int:
    """A `python -m` entry point: a database that cannot be used is one line on stderr, exit code 1."""
    try:
        return main(*args)
    except DatabaseUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
# --8<-- [end:unavailable]


def make_engine(url: str | None = None, *, foreign_keys: bool = True) -> Engine:
    """An engine for `url` (default: `database_url()`), SQLite made transactional.

    A URL that cannot be used raises DatabaseUnavailable, here or on first connect."""
    url = url or database_url()
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError) as error:
        raise DatabaseUnavailable(f"not a usable database URL: {shown_url(url)} ({first_line(error)})") from None
    report_unavailable(engine)
    if engine.dialect.name == "sqlite":
        parsed = make_url(url)
        path = parsed.database
        # A URI filename (`file:…?mode=ro&uri=true`) is SQLite's to open as it says: read-only
        # must create nothing, and its "file:" is no folder to make.
        if path and path != ":memory:" and parsed.query.get("uri") not in ("true", "1"):
            # A fresh clone has no var/ folder yet; SQLite will not create it.
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        make_sqlite_transactional(engine, foreign_keys=foreign_keys)
    return engine
