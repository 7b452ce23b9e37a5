"""Changes made to a database at head outside the revision chain, and what
`alembic check` says about each (docs/reference/drift.md)."""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from tools.outputs.chain_states import upgrade
from tools.outputs.transcript import alembic

MEMORY_ADDRESS = re.compile(r"at 0x[0-9a-f]+")


def _sql(statement: str) -> Callable[[sa.Connection], None]:
    return lambda connection: connection.exec_driver_sql(statement)


def _batch(change: Callable) -> Callable[[sa.Connection], None]:
    """A change SQLite's ALTER TABLE cannot make: a table rebuild (Alembic's batch
    mode, run by hand on the connection, not as a revision)."""

    def run(connection: sa.Connection) -> None:
        change(Operations(MigrationContext.configure(connection)))

    return run


def _alter(table: str, column: str, **kw):
    def change(op: Operations) -> None:
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column(column, **kw)

    return change


def _drop_constraint(name: str, type_: str):
    def change(op: Operations) -> None:
        with op.batch_alter_table("events", recreate="always") as batch:
            batch.drop_constraint(name, type_=type_)

    return change


# kind of change -> the change, made on a SQLite database at head
DRIFTS: dict[str, Callable[[sa.Connection], None]] = {
    "column added": _sql("ALTER TABLE venues ADD COLUMN city VARCHAR(100)"),
    "column dropped": _sql("ALTER TABLE events DROP COLUMN description"),
    "index dropped": _sql("DROP INDEX ix_events_starts_at"),
    "index added": _sql("CREATE INDEX ix_users_display_name ON users (display_name)"),
    "type changed": _batch(_alter("venues", "name", type_=sa.Text(), existing_type=sa.String(200))),
    "nullability changed": _batch(_alter("users", "display_name", nullable=True, existing_type=sa.String(200))),
    "CHECK constraint removed": _batch(_drop_constraint("ck_events_capacity_positive", "check")),
    "UNIQUE constraint removed": _batch(_drop_constraint("uq_events_owner_id_name_starts_at", "unique")),
    "table added": _sql("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, note TEXT)"),
    "table dropped": _sql("DROP TABLE event_attendees"),
}


def drifted_database(template: Path, folder: Path, kind: str) -> str:
    """A copy of `template` (a database at head) with the `kind` change made: its URL."""
    path = folder / f"{kind.replace(' ', '-')}.db"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        DRIFTS[kind](connection)
    engine.dispose()
    return url


def check_report(url: str) -> tuple[int, str]:
    """`alembic check` against `url`: exit code and its last line (the verdict)."""
    code, transcript = alembic("check", url)
    # A server default's repr carries a memory address, different on every run.
    return code, MEMORY_ADDRESS.sub("at 0x…", transcript.rstrip().splitlines()[-1])


def database_at_head(folder: Path) -> Path:
    """An empty SQLite database upgraded to head through the handbook's env.py."""
    path = folder / "head.db"
    upgrade(f"sqlite:///{path}", "head")
    return path


# Why autogenerate cannot see a kind it misses (the row's test proves the miss).
MISSED_BECAUSE = {
    "CHECK constraint removed": "Alembic's autogenerate does not compare CHECK constraints at all: "
    "it neither adds nor drops them, on any backend.",
}


def matrix_rows(folder: Path) -> list[tuple[str, int, str]]:
    template = database_at_head(folder)
    return [(kind, *check_report(drifted_database(template, folder, kind))) for kind in DRIFTS]


def markdown_table(rows: list[tuple[str, int, str]]) -> str:
    lines = ["| Change made outside Alembic | `alembic check` exit code | Its last line |", "|---|---|---|"]
    lines += [f"| {kind} | {code} | `{line}` |" for kind, code, line in rows]
    return "\n".join(lines) + "\n"
