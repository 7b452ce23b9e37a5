"""The rows a live database holds before the lifecycle starts (revision 0002).

Tests and scenarios migrate this data, never an empty database: a migration
that works on empty tables proves little. A reader creates the same database:

    python -m examples.lifecycle.sample_data
 The rows are written with
table snapshots of the 0002 schema (`sa.table()`), not the app's models, which
describe the head.
"""

import sys
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import make_url

from examples.app.db import database_url, make_engine, run_main, shown_url
from tools.outputs.sql_capture import handbook_config

# --8<-- [start:rows]
# Two spellings need normalising (0004); "Hall A" is typed on two events and
# becomes one venue (0009); one event has no location at all.
USERS = [
    {"id": 1, "email": " Ada@Example.org", "display_name": "Ada Lovelace"},
    {"id": 2, "email": "grace@example.org", "display_name": "Grace Hopper"},
    {"id": 3, "email": "LINUS@example.org ", "display_name": "Linus Torvalds"},
]
EVENTS = [
    {"id": 1, "owner_id": 1, "title": "Kick-off", "starts_at": datetime(2026, 12, 1, 10), "location": "Hall A"},
    {"id": 2, "owner_id": 2, "title": "Compiler night", "starts_at": datetime(2026, 12, 3, 18), "location": "Room 101"},
    {"id": 3, "owner_id": 1, "title": "Retrospective", "starts_at": datetime(2026, 12, 8, 15), "location": "Hall A"},
    {"id": 4, "owner_id": 3, "title": "Kernel walk-through", "starts_at": datetime(2026, 12, 10, 9), "location": None},
]
# --8<-- [end:rows]

# A fixed creation time, so outputs that show rows are the same on every run.
CREATED_AT = datetime(2026, 11, 2, 9)

users_0002 = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("display_name", sa.String),
    sa.column("created_at", sa.DateTime),
)
events_0002 = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    sa.column("title", sa.String),
    sa.column("starts_at", sa.DateTime),
    sa.column("location", sa.String),
    sa.column("created_at", sa.DateTime),
)


def seed_revision_0002(connection: sa.Connection, users: list[dict] = USERS, events: list[dict] = EVENTS) -> None:
    """Insert the rows into a database at revision 0002."""
    connection.execute(users_0002.insert(), [{"created_at": CREATED_AT, **row} for row in users])
    connection.execute(events_0002.insert(), [{"created_at": CREATED_AT, **row} for row in events])


def production_database(path: Path, revision: str = "0002") -> str:
    """A SQLite file at `path` holding the sample rows, migrated to `revision`
    (0002 or later): what a live database looks like when a step begins."""
    return seed_database(f"sqlite:///{path}", revision)


def seed_database(url: str, revision: str = "0002") -> str:
    """The sample rows in the empty database at `url` (any engine), migrated to `revision`."""
    engine = make_engine(url, foreign_keys=False)  # as env.py builds it
    try:
        config = handbook_config(engine)
        command.upgrade(config, "0002")
        with engine.begin() as connection:
            seed_revision_0002(connection)
        command.upgrade(config, revision)
    finally:
        engine.dispose()
    return url


def execute(url: str, *statements: str) -> None:
    """Run SQL on the database as the app would (foreign keys on), in one transaction."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def main() -> int:
    """`python -m examples.lifecycle.sample_data`: create the lifecycle's starting database."""
    url = database_url()
    if make_url(url).get_backend_name() != "sqlite":
        engine = make_engine(url)
        try:
            tables = sa.inspect(engine).get_table_names()
        finally:
            engine.dispose()
        if tables:
            print(f"error: {shown_url(url)} has tables already: use an empty database", file=sys.stderr)
            return 1
        seed_database(url, "0002")
        print(f"seeded {shown_url(url)} at revision 0002 with {len(USERS)} users and {len(EVENTS)} events")
        return 0
    path = Path(make_url(url).database or "")
    if path.exists():
        print(f"error: {path.name} exists already: delete it to start the lifecycle over", file=sys.stderr)
        return 1
    production_database(path, "0002")
    print(f"created {path.name} at revision 0002 with {len(USERS)} users and {len(EVENTS)} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_main(main))
