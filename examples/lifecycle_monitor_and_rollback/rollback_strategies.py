"""Step 15: three ways back from a release, each tried on a copy of the released database.

    python -m examples.lifecycle_monitor_and_rollback.rollback_strategies var/backups/before-upgrade.db

The released database is the one HANDBOOK_DATABASE_URL names (at the head), the
backup the one taken before the release. Neither is written: each way back runs
on copies in a temporary folder, after the app has written a few rows on the
new schema, and the report says which of those rows each way keeps.
"""

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.util import CommandError

from examples.app.db import database_url, make_engine
from examples.app.models import Base
from examples.lifecycle.backup import BackupError, restore, sqlite_path
from tools.outputs.sql_capture import ROOT, migration_sql

HERE = Path(__file__).resolve().parent
ROLL_FORWARD_REVISION = HERE / "0013_allow_one_event_in_two_rooms.py"
RELEASED_HEAD = "0012"

# --8<-- [start:writes]
# What the app writes on the new schema between the release and the decision to go back.
WRITTEN_SINCE_RELEASE = {
    "users": [{"id": 4, "email": "margaret@example.org", "display_name": "Margaret Hamilton"}],
    "events": [
        {"id": 5, "owner_id": 4, "name": "Guidance workshop", "starts_at": datetime(2026, 12, 12, 10), "capacity": 20}
    ],
    "event_attendees": [{"event_id": 5, "user_id": 2}, {"event_id": 1, "user_id": 4}],
}
# --8<-- [end:writes]
NOUNS = {"users": ("user", "users"), "events": ("event", "events"), "event_attendees": ("sign-up", "sign-ups")}


class RollbackError(RuntimeError):
    """The comparison cannot run on what it was given; nothing was written."""


@dataclass(frozen=True)
class WayBack:
    name: str
    run: Callable[[str, Path], None]  # (url of a copy at the head, the backup file)


def roll_forward(url: str, _backup: Path) -> None:
    with tempfile.TemporaryDirectory() as versions:
        for revision_file in (ROOT / "migrations" / "versions").glob("*.py"):
            shutil.copy(revision_file, versions)
        shutil.copy(ROLL_FORWARD_REVISION, versions)
        migration_sql(url, "upgrade", "0013", versions=Path(versions))


def downgrade_to(target: str) -> Callable[[str, Path], None]:
    def run(url: str, _backup: Path) -> None:
        migration_sql(url, "downgrade", target)

    return run


def restore_backup(url: str, backup: Path) -> None:
    restore(backup, url)


# --8<-- [start:ways]
WAYS_BACK = [
    WayBack("roll forward to a new 0013", roll_forward),
    WayBack("alembic downgrade 0010", downgrade_to("0010")),
    WayBack("alembic downgrade 0006", downgrade_to("0006")),
    WayBack("alembic downgrade 0003", downgrade_to("0003")),
    WayBack("restore the backup", restore_backup),
]
# --8<-- [end:ways]


def write_as_the_app(url: str) -> None:
    """Insert WRITTEN_SINCE_RELEASE through the head's tables, as the app does."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for table, rows in WRITTEN_SINCE_RELEASE.items():
                connection.execute(Base.metadata.tables[table].insert(), rows)
    finally:
        engine.dispose()


def revision_of(engine: sa.Engine) -> str:
    with engine.connect() as connection:
        return ", ".join(r[0] for r in connection.exec_driver_sql("SELECT version_num FROM alembic_version"))


def rows_lost(url: str) -> dict[str, int]:
    """For each table the app wrote to: how many of those rows the database no longer holds."""
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        lost = {}
        with engine.connect() as connection:
            for table, rows in WRITTEN_SINCE_RELEASE.items():
                if not inspector.has_table(table):
                    lost[table] = len(rows)
                    continue
                found = 0
                for row in rows:
                    key = {column: value for column, value in row.items() if column.endswith("id")}
                    where = " AND ".join(f"{column} = :{column}" for column in key)
                    found += connection.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {where}"), key).scalar()
                lost[table] = len(rows) - found
        return lost
    finally:
        engine.dispose()


def describe_loss(lost: dict[str, int]) -> str:
    parts = [f"{n} {NOUNS[table][n != 1]}" for table, n in lost.items() if n]
    return "lost: " + ", ".join(parts) if parts else "all kept"


def compare(released: str, backup: Path) -> list[tuple[str, str, str, str]]:
    """(way back, revision after, rows written since the release, code that can run) for each way."""
    source = sqlite_path(released)
    if not source.is_file():
        raise RollbackError(f"no database at {source}")
    if not backup.is_file():
        raise RollbackError(f"no backup at {backup}: take one before the release (Step 2)")
    engine = sa.create_engine(released)
    try:
        if revision_of(engine) != RELEASED_HEAD:
            raise RollbackError(f"{source.name} is at {revision_of(engine)}, not at the release's head {RELEASED_HEAD}")
    finally:
        engine.dispose()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for number, way in enumerate(WAYS_BACK):
            copy = Path(folder) / f"copy-{number}.db"
            shutil.copyfile(source, copy)
            url = f"sqlite:///{copy}"
            write_as_the_app(url)
            refused = ""
            try:
                way.run(url, backup)
            except CommandError as refusal:
                refused = " (refused: " + refusal.args[0].split(" (")[0] + " is irreversible)"
            engine = sa.create_engine(url)
            try:
                revision = revision_of(engine)
            finally:
                engine.dispose()
            results.append((way.name, revision + refused, describe_loss(rows_lost(url)), f"the code for {revision}"))
    return results


def table(results: list[tuple[str, str, str, str]]) -> str:
    header = ("way back", "revision after", "rows written since the release", "code that can run after")
    widths = [max(len(row[i]) for row in [header, *results]) for i in range(len(header))]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n" for row in [header, *results])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m examples.lifecycle_monitor_and_rollback.rollback_strategies", description=__doc__.split("\n")[0]
    )
    parser.add_argument("backup_file", type=Path)
    options = parser.parse_args(argv)
    try:
        results = compare(database_url(), options.backup_file)
    except (RollbackError, BackupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    written = ", ".join(f"{len(rows)} {NOUNS[t][len(rows) != 1]}" for t, rows in WRITTEN_SINCE_RELEASE.items())
    print(f"on copies of {sqlite_path(database_url()).name} at {RELEASED_HEAD}, after the app wrote {written}:")
    print(table(results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
