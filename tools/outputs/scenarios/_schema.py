"""What the schema scenarios share: a fresh database, the example schema's DDL as
SQLite received it, its reflected diagram, and the rows the pages start from.

No scenario lives here; the tests of the Schema fundamentals pages use it too,
so a page and its tests look at the same database.
"""

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import sqlalchemy as sa

from examples.app.db import make_engine
from examples.schema.models import Base
from tools.outputs.diagrams import SKIPPED_TABLES, er_diagram
from tools.outputs.sql_capture import (
    format_statements,
    is_bookkeeping,
    recording,
    stable_order,
)

ALL_TABLES = ("users", "venues", "events", "attendances")  # in dependency order

# Two users, a venue, one event each (Ada's at the venue), each registered for the other's.
SEED_ROWS = (
    "INSERT INTO users (id, email, display_name, time_zone) VALUES"
    " (1, 'ada@example.org', 'Ada', 'Europe/London'), (2, 'bob@example.org', 'Bob', 'UTC')",
    "INSERT INTO venues (id, name, capacity) VALUES (1, 'Main hall', 120)",
    "INSERT INTO events (id, owner_id, venue_id, title, starts_at, ends_at) VALUES"
    " (1, 1, 1, 'Kick-off', '2026-12-01 10:00:00', '2026-12-01 12:00:00'),"
    " (2, 2, NULL, 'Retrospective', '2026-12-08 15:00:00', '2026-12-08 16:00:00')",
    "INSERT INTO attendances (event_id, user_id) VALUES (1, 2), (2, 1)",
)


@contextlib.contextmanager
def fresh_database(*, foreign_keys: bool = True) -> Iterator[sa.Engine]:
    """An empty SQLite file behind the handbook's engine (transactional, foreign keys on)."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'schema.db'}", foreign_keys=foreign_keys)
        try:
            yield engine
        finally:
            engine.dispose()


def create_tables(engine: sa.Engine, names: Iterable[str] = ALL_TABLES) -> str:
    """`create_all` for the named tables of examples/schema/models.py; returns the
    DDL SQLite received (SQLAlchemy's PRAGMA look-ups before it left out), in a
    stable order: create_all walks each table's indexes as a set."""
    tables = [Base.metadata.tables[name] for name in names]
    with recording(engine) as statements:
        Base.metadata.create_all(engine, tables=tables)
    return format_statements(stable_order([s for s in statements if not is_bookkeeping(s)]))


def diagram(engine: sa.Engine, tables: Iterable[str] = ALL_TABLES) -> str:
    """The reflected ER diagram of the named tables only."""
    present = set(sa.inspect(engine).get_table_names())
    return er_diagram(engine, skip=SKIPPED_TABLES | (present - set(tables)))


def model_index(name: str) -> sa.Index:
    """The index called `name` in examples/schema/models.py."""
    indexes = {i.name: i for table in Base.metadata.tables.values() for i in table.indexes}
    if name not in indexes:
        raise KeyError(f"examples/schema/models.py has no index {name!r}; it has {sorted(indexes)}")
    return indexes[name]


def seed(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        for statement in SEED_ROWS:
            connection.exec_driver_sql(statement)
