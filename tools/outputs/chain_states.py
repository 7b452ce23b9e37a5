"""The chain's databases on any engine: seeded copies at each revision, and their full state.

A guarantee about a revision is checked on a database that holds rows (the sample
rows of examples/lifecycle/sample_data.py, inserted at 0002), at the revision
before it. Each such database is built once per process from the one before it
(one upgrade step), then copied for every check: a file copy on SQLite,
`CREATE DATABASE … TEMPLATE` on PostgreSQL.
"""

import functools
import hashlib
import itertools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from examples.app.db import make_engine
from examples.app.show_schema import describe_table
from examples.lifecycle.sample_data import seed_revision_0002
from tools.outputs.sql_capture import handbook_config

SEEDED_AT = "0002"


@functools.cache
def revisions() -> tuple[str, ...]:
    """The chain's revision ids, base first."""
    script = ScriptDirectory.from_config(handbook_config())
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def previous(revision: str) -> str | None:
    index = revisions().index(revision)
    return revisions()[index - 1] if index else None


def engine_for(url: str) -> sa.Engine:
    """An engine as env.py builds one (SQLite: transactional, foreign keys off while migrating)."""
    return make_engine(url, foreign_keys=False)


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(handbook_config())


def _migrate(url: str, revision: str, engine: sa.Engine | None, steps) -> None:
    """What `alembic upgrade/downgrade <revision>` does, through the handbook's env.py, but
    with the revision files read once per process (the checks run thousands of migrations)."""
    own = engine is None
    engine = engine or engine_for(url)
    config = handbook_config(engine)
    script = _script()
    try:
        with EnvironmentContext(config, script, fn=lambda current, _context: steps(script, current),
                                destination_rev=revision):
            script.run_env()
    finally:
        if own:
            engine.dispose()


def upgrade(url: str, revision: str, engine: sa.Engine | None = None) -> None:
    """`alembic upgrade <revision>` on `url` (or on `engine`, built for it)."""
    _migrate(url, revision, engine, lambda script, current: script._upgrade_revs(revision, current))


def downgrade(url: str, revision: str, engine: sa.Engine | None = None) -> None:
    """`alembic downgrade <revision>` on `url` (or on `engine`, built for it)."""
    _migrate(url, revision, engine, lambda script, current: script._downgrade_revs(revision, current))


def step_up(url: str, revision: str, *, seed: bool = True) -> None:
    """One upgrade step to `revision`; the sample rows go in once the chain reaches 0002."""
    upgrade(url, revision)
    if seed and revision == SEEDED_AT:
        engine = sa.create_engine(url)
        try:
            with engine.begin() as connection:
                seed_revision_0002(connection)
        finally:
            engine.dispose()


class SeededChain:
    """Fresh databases at any revision of the chain, with the sample rows (unless
    `seeded` is false: then empty tables), on one engine.

    `server` is a PostgreSQL server (tools/engines/postgresql.py), or None for SQLite files."""

    def __init__(self, server=None, folder: Path | None = None, *, seeded: bool = True):
        self.server = server
        self.seeded = seeded
        self.engine_name = "sqlite" if server is None else "postgresql"
        self.folder = folder or Path(tempfile.mkdtemp(prefix="seeded-chain-"))
        self._templates: dict[str | None, str] = {}
        self._states: dict[str | None, DatabaseState] = {}
        self._upgraded: dict[str, DatabaseState] = {}
        self._copies = itertools.count(1)

    def _new_name(self, stem: str) -> str:
        return f"{stem}_{next(self._copies)}"

    def _empty(self, stem: str) -> str:
        if self.server is None:
            return f"sqlite:///{self.folder / (stem + '.db')}"
        return self.server.create_database(f"{stem}_{id(self)}")

    def template(self, revision: str | None) -> str:
        """The URL of the (never modified) database at `revision`; None is the empty database."""
        if revision not in self._templates:
            stem = f"template_{revision or 'base'}"
            if revision is None:
                url = self._empty(stem)
                if self.server is None:
                    sa.create_engine(url).dispose()
                    Path(make_url(url).database).touch()
            else:
                url = self._copy(self.template(previous(revision)), stem)
                step_up(url, revision, seed=self.seeded)
            self._templates[revision] = url
        return self._templates[revision]

    def _copy(self, source_url: str, stem: str) -> str:
        if self.server is None:
            target = self.folder / f"{self._new_name(stem)}.db"
            shutil.copyfile(make_url(source_url).database, target)
            return f"sqlite:///{target}"
        name = f"{self._new_name(stem)}_{id(self)}"
        with self.server.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(source_url).database}"')
        return self.server.url(name)

    def database_at(self, revision: str | None) -> str:
        """A fresh copy of the seeded database at `revision`: a caller may change it freely."""
        return self._copy(self.template(revision), "copy")

    def state_at(self, revision: str | None) -> "DatabaseState":
        """The full state of the seeded database at `revision` (computed once)."""
        if revision not in self._states:
            self._states[revision] = database_state(self.template(revision))
        return self._states[revision]

    def state_after_upgrade(self, revision: str) -> "DatabaseState":
        """The state an uninterrupted `upgrade <revision>` leaves, from the database before it."""
        if revision not in self._upgraded:
            url = self.database_at(previous(revision))
            upgrade(url, revision)
            self._upgraded[revision] = database_state(url)
            self.discard(url)
        return self._upgraded[revision]

    def discard(self, url: str) -> None:
        if self.server is None:
            Path(make_url(url).database).unlink(missing_ok=True)
        else:
            self.server.drop_database(make_url(url).database)


@dataclass(frozen=True)
class DatabaseState:
    schema: str  # every table as reflection describes it, Alembic's own included
    rows: dict[str, list[tuple]]  # every row of every table, in a fixed order
    # Rows with values drawn from a sequence left out, and references to such a row
    # replaced by the row's other values (see database_state).
    rows_without_drawn_keys: dict[str, list[tuple]] = field(default_factory=dict, compare=False)

    def checksums(self) -> dict[str, str]:
        """A digest of each table's rows: equal digests, equal rows."""
        return {table: hashlib.sha256(repr(rows).encode()).hexdigest()[:16] for table, rows in self.rows.items()}

    @property
    def row_count(self) -> int:
        return sum(map(len, self.rows.values()))


class PrefetchedInspector:
    """An inspector's per-table answers (columns, keys, constraints, indexes), read for all
    tables at once. PostgreSQL answers each per-table question with its own query, the one
    its `get_multi_*` runs for every table, so a database's state costs six queries, not six
    per table; the answers are the same (tests/migrations/test_failure_at_every_statement.py compares)."""

    KINDS = ("columns", "pk_constraint", "foreign_keys", "unique_constraints", "check_constraints", "indexes")

    def __init__(self, inspector: sa.Inspector):
        self._tables = inspector.get_table_names()
        self._answers = {kind: getattr(inspector, f"get_multi_{kind}")() for kind in self.KINDS}

    def get_table_names(self) -> list[str]:
        return list(self._tables)

    def _answer(self, kind: str, table: str):
        return self._answers[kind][(None, table)]

    def get_columns(self, table: str) -> list[dict]:
        return self._answer("columns", table)

    def get_pk_constraint(self, table: str) -> dict:
        return self._answer("pk_constraint", table)

    def get_foreign_keys(self, table: str) -> list[dict]:
        return self._answer("foreign_keys", table)

    def get_unique_constraints(self, table: str) -> list[dict]:
        return self._answer("unique_constraints", table)

    def get_check_constraints(self, table: str) -> list[dict]:
        return self._answer("check_constraints", table)

    def get_indexes(self, table: str) -> list[dict]:
        return self._answer("indexes", table)


def database_state(url: str, reader: sa.Engine | None = None) -> DatabaseState:
    """The schema, every row and `alembic_version` of the database at `url`, read through
    `reader` when given: a check that reads one database several times passes one engine,
    so the reflection queries are compiled once, not once per read (40 ms each on PostgreSQL)."""
    engine = reader or sa.create_engine(url)
    try:
        inspector = PrefetchedInspector(sa.inspect(engine))
        tables = sorted(inspector.get_table_names())
        schema = "\n".join(describe_table(inspector, table) for table in tables)
        # Column names in name order: rows compare equal wherever a column stands (PostgreSQL
        # appends a re-added one).
        positions = {table: sorted(c["name"] for c in inspector.get_columns(table)) for table in tables}
        with engine.connect() as connection:
            rows = {}
            for table in tables:
                columns = [sa.column(name) for name in positions[table]]
                result = connection.execute(sa.select(*columns).select_from(sa.table(table)).order_by(*columns))
                rows[table] = [tuple(row) for row in result]
        return DatabaseState(schema, rows, _without_drawn_keys(inspector, positions, rows))
    finally:
        if reader is None:
            engine.dispose()


def columns_in_any_order(schema: str) -> str:
    """The schema text with each table's lines sorted: the same columns, constraints
    and indexes, wherever a column stands. PostgreSQL's ADD COLUMN always appends, so a
    downgrade that gives back a dropped column gives it back as the table's last."""
    tables, current = [], []
    for line in schema.splitlines():
        if not line.startswith(" ") and current:
            tables.append(current)
            current = []
        current.append(line)
    if current:
        tables.append(current)
    return "\n".join("\n".join([t[0], *sorted(t[1:])]) for t in tables)


def _without_drawn_keys(inspector, positions, rows) -> dict[str, list[tuple]]:
    """PostgreSQL draws serial keys from sequences, and a rolled-back transaction does not
    give the numbers back: a retry after a failure numbers new rows further on. What must
    not change is the rows themselves, so each drawn key is left out, and a foreign key to
    such a row is replaced by the rest of the referred row. (SQLite numbers rows max + 1:
    nothing is drawn there.)"""
    tables = list(positions)
    drawn = {
        (table, column["name"])
        for table in tables
        for column in inspector.get_columns(table)
        if "nextval(" in str(column.get("default") or "")
    }
    references = {
        table: {
            fk["constrained_columns"][0]: (fk["referred_table"], fk["referred_columns"][0])
            for fk in inspector.get_foreign_keys(table)
            if len(fk["constrained_columns"]) == 1 and (fk["referred_table"], fk["referred_columns"][0]) in drawn
        }
        for table in tables
    }
    by_key = {
        (table, name): {row[positions[table].index(name)]: row for row in rows[table]}
        for table, name in drawn
    }

    def converted(table: str, row: tuple) -> tuple:
        """The row without its drawn keys, each reference to a drawn key replaced by the
        referred row, itself converted (an attendance names its event by the event's
        values, and the event its venue by the venue's)."""
        values = []
        for name, value in zip(positions[table], row, strict=True):
            if (table, name) in drawn:
                continue
            if name in references[table] and value is not None:
                referred_table, _ = target = references[table][name]
                referred = by_key[target].get(value)
                value = None if referred is None else converted(referred_table, referred)
            values.append(value)
        return tuple(values)

    return {table: sorted((converted(table, row) for row in rows[table]), key=repr) for table in tables}

