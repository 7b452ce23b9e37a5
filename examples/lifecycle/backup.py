"""Step 2: back up a SQLite database before upgrading it, and restore it.

SQLite's online backup API copies the database page by page through a
connection, so the copy is consistent even if the app is writing: unlike
copying the file, which can catch a half-written transaction or miss the WAL.

    python -m examples.lifecycle.backup create var/backups/before-upgrade.db
    python -m examples.lifecycle.backup restore var/backups/before-upgrade.db

Both read the database named by HANDBOOK_DATABASE_URL (else var/handbook.db).
"""

import argparse
import contextlib
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from examples.app.db import database_url


class BackupError(RuntimeError):
    """A backup or restore that cannot be done safely; nothing was written."""


def sqlite_path(url: str) -> Path:
    url_ = make_url(url)
    if url_.get_backend_name() != "sqlite" or not url_.database or url_.database == ":memory:":
        raise BackupError(f"{url} is not a SQLite file: this backup works on SQLite files only")
    return Path(url_.database)


# --8<-- [start:backup]
def backup(url: str, destination: Path) -> Path:
    """Copy the live database at `url` into a new file `destination`."""
    source = sqlite_path(url)
    if not source.is_file():
        # sqlite3.connect() would silently create an empty database instead.
        raise BackupError(f"no database at {source}: nothing to back up")
    if destination.exists():
        raise BackupError(f"{destination} exists already: refusing to overwrite a backup")
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Read-only: taking a backup must never change the source.
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as live, contextlib.closing(
        sqlite3.connect(destination)
    ) as copy:
        live.backup(copy)
    return destination
# --8<-- [end:backup]


# --8<-- [start:restore]
def restore(backup_file: Path, url: str) -> None:
    """Replace the database at `url` with the backup's contents (stop the app first)."""
    if not backup_file.is_file():
        raise BackupError(f"no backup at {backup_file}: the database was left as it is")
    target = sqlite_path(url)
    with contextlib.closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as saved, contextlib.closing(
        sqlite3.connect(target)
    ) as live:
        saved.backup(live)  # one step, under a lock: readers never see a mix of the two
# --8<-- [end:restore]


# --8<-- [start:contents]
def contents(url: str) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """Everything a restore must bring back: the schema as SQLite stores it
    (tables, indexes, their SQL) and every row of every table, in key order."""
    with contextlib.closing(sqlite3.connect(f"file:{sqlite_path(url)}?mode=ro", uri=True)) as db:
        schema = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
        tables = [name for kind, name, _, _ in schema if kind == "table"]
        rows = {table: db.execute(f'SELECT * FROM "{table}" ORDER BY {order_by_every_column(db, table)}').fetchall() for table in tables}
    return schema, rows
# --8<-- [end:contents]


def order_by_every_column(db: sqlite3.Connection, table: str) -> str:
    count = len(db.execute(f'PRAGMA table_info("{table}")').fetchall())
    return ", ".join(str(position) for position in range(1, count + 1))


def summary(url: str) -> str:
    _schema, rows = contents(url)
    tables = ", ".join(f"{table} {len(table_rows)}" for table, table_rows in sorted(rows.items()))
    return f"{len(rows)} tables, {sum(map(len, rows.values()))} rows ({tables})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.lifecycle.backup", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["create", "restore"])
    parser.add_argument("backup_file", type=Path)
    options = parser.parse_args(argv)
    url = database_url()
    try:
        if options.action == "create":
            backup(url, options.backup_file)
            print(f"backed up {sqlite_path(url).name} to {options.backup_file}: {summary(url)}")
        else:
            restore(options.backup_file, url)
            print(f"restored {sqlite_path(url).name} from {options.backup_file}: {summary(url)}")
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
