"""Databases for the lifecycle tests, fast: each revision's database (sample rows
included) is built once per test run, then copied for every test that needs it."""

import atexit
import functools
import hashlib
import shutil
import tempfile
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from examples.app.show_schema import describe_table
from examples.lifecycle.backup import contents
from examples.lifecycle.sample_data import execute, production_database  # noqa: F401  (tests import execute from here)
from tools.outputs.sql_capture import migration_sql

_TEMPLATES = Path(tempfile.mkdtemp(prefix="lifecycle-templates-"))
atexit.register(shutil.rmtree, _TEMPLATES, ignore_errors=True)


# --8<-- [start:database_at]
@functools.cache
def _template(revision: str) -> Path:
    """Built from the previous revision's template: one upgrade step each."""
    path = _TEMPLATES / f"{revision}.db"
    if revision == "0002":
        production_database(path, revision)
    else:
        shutil.copyfile(_template(f"{int(revision) - 1:04d}"), path)
        migration_sql(f"sqlite:///{path}", "upgrade", revision)
    return path


def database_at(revision: str, directory: Path, name: str = "handbook.db") -> str:
    """A fresh copy of the sample database at `revision` (0002 to the head, by
    number), in `directory`: its URL."""
    path = directory / name
    shutil.copyfile(_template(revision), path)
    return f"sqlite:///{path}"
# --8<-- [end:database_at]


def reflected_schema(engine: sa.Engine, *, column_order: bool = True) -> str:
    """The app's schema as the database describes it (reflection: columns in
    order, types, defaults, keys, constraints, indexes), Alembic's own table
    left out: it is created on the first upgrade and kept at base.

    Reflection, not the stored CREATE TABLE text: batch mode rebuilds a table
    and SQLite then stores its name quoted, which changes no behaviour."""
    inspector = sa.inspect(engine)
    tables = [
        describe_table(inspector, table) for table in sorted(inspector.get_table_names()) if table != "alembic_version"
    ]
    if not column_order:
        tables = [_columns_sorted(table) for table in tables]
    return "\n".join(tables)


def _columns_sorted(described: str) -> str:
    """describe_table's text with its column lines in name order (keys and indexes stay last)."""
    name, *lines = described.splitlines()
    columns = [line for line in lines if not line.lstrip().startswith(DESCRIBED_AFTER_COLUMNS)]
    return "\n".join([name, *sorted(columns), *lines[len(columns):]]) + "\n"


DESCRIBED_AFTER_COLUMNS = ("foreign key ", "unique ", "check ", "index ", "unique index ")


def every_row(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version included), its values in column-name
    order and the rows sorted: plain SQL any engine runs, and a column's place in the
    table (which a re-added column changes on PostgreSQL) does not matter."""
    inspector = sa.inspect(engine)
    rows = {}
    with engine.connect() as connection:
        for table in sorted(inspector.get_table_names()):
            columns = sorted(c["name"] for c in inspector.get_columns(table))
            select = sa.select(*(sa.column(c) for c in columns)).select_from(sa.table(table))
            rows[table] = [tuple(row) for row in connection.execute(select.order_by(*(sa.column(c) for c in columns)))]
    return rows


def state(url: str) -> tuple[str, dict[str, list[tuple]], list[tuple]]:
    """(reflected schema, every row of the app's tables, alembic_version rows)."""
    engine = sa.create_engine(url)
    try:
        schema = reflected_schema(engine)
    finally:
        engine.dispose()
    rows = contents(url)[1]
    return schema, {t: r for t, r in rows.items() if t != "alembic_version"}, rows.get("alembic_version", [])


def file_digest(url: str) -> str:
    """The database file's bytes, hashed: equal digests mean nothing at all was written."""
    return hashlib.sha256(Path(make_url(url).database).read_bytes()).hexdigest()


def rows(url: str, sql: str, **params) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()
