"""No test opens the reader's database: `var/handbook.db`, or the database that
HANDBOOK_DATABASE_URL named when pytest started.

Every test runs with HANDBOOK_DATABASE_URL pointing at a location that cannot be
opened (UNASKED_URL): a test that wants a database asks for one (`database_url`,
`engine_url`, `postgresql_url`, …), and code that falls back to "the configured
database" fails loudly instead of migrating the reader's. On top of that, a
connect hook refuses the reader's own databases outright, whatever URL reached them.
"""

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from examples.app.db import DATABASE_URL_ENV

ROOT = Path(__file__).resolve().parents[1]

# Captured at import, before any test (or the guard) changes the variable.
READERS_URL = os.environ.get(DATABASE_URL_ENV)
# /dev/null is a file: nothing can be created below it, so opening this fails at once.
UNASKED_FOLDER = Path("/dev/null/no-test-asked-for-a-database")
UNASKED_URL = f"sqlite:///{UNASKED_FOLDER / 'handbook.db'}"


class ReadersDatabaseOpened(RuntimeError):
    pass


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return (ROOT / parsed.database).resolve() if not Path(parsed.database).is_absolute() else Path(parsed.database)


def forbidden_files() -> set[Path]:
    files = {ROOT / "var" / "handbook.db"}
    if READERS_URL and (path := _sqlite_path(READERS_URL)):
        files.add(path)
    return files


def _is_readers_server_database(cparams: dict) -> bool:
    if not READERS_URL or _sqlite_path(READERS_URL) or READERS_URL.startswith("sqlite"):
        return False
    readers = make_url(READERS_URL)
    opened = (str(cparams.get("host")), str(cparams.get("port", "")), cparams.get("dbname") or cparams.get("database"))
    return opened == (str(readers.host), str(readers.port or ""), readers.database)


def refuse_readers_database(dialect, _connection_record, cargs, cparams) -> None:
    """An Engine `do_connect` hook: raise before a connection to the reader's database opens."""
    if dialect.name == "sqlite":
        target = cargs[0] if cargs else cparams.get("database")
        if not target or target == ":memory:" or str(target).startswith("file:"):
            return
        path = Path(os.path.abspath(target))  # relative paths open from the working directory
        if path in forbidden_files() or UNASKED_FOLDER in path.parents:
            raise ReadersDatabaseOpened(
                f"a test opened {path}, the reader's database (or none was asked for): "
                "ask for a database with the database_url, engine_url or postgresql_url fixture"
            )
    elif _is_readers_server_database(cparams):
        raise ReadersDatabaseOpened(f"a test opened the reader's database {READERS_URL!r}: ask for a database")


def install() -> None:
    """Hook every Engine of this process (idempotent)."""
    if not sa.event.contains(sa.engine.Engine, "do_connect", refuse_readers_database):
        sa.event.listen(sa.engine.Engine, "do_connect", refuse_readers_database)
