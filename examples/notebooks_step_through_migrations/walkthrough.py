"""What the notebook "Step through every revision" needs besides Alembic itself.

* `revision_chain`: the revisions in the order `upgrade` applies them, read from the
  script directory (never a hard-coded list: the chain grows);
* `snapshot` and `data_changes`: what a database holds, and what happened to its rows
  and values between two moments, in sentences;
* `seed_new_tables`: a few sample rows for a table the moment a revision creates it,
  so later revisions (and downgrades) have data to work on.
"""

import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from examples.app.db import make_engine
from examples.lifecycle.sample_data import CREATED_AT, EVENTS, USERS


@dataclass(frozen=True)
class Step:
    revision: str
    down_revision: str | None
    message: str  # the first line of the revision's docstring
    why: str  # the rest of the docstring: why the change exists
    module: ModuleType = field(repr=False, compare=False)

    def source(self, function: str) -> str:
        """The code of the revision's `upgrade` or `downgrade` function."""
        return inspect.getsource(getattr(self.module, function))

    @property
    def downgrade_target(self) -> str:
        return self.down_revision or "base"


def revision_chain(config: Config) -> list[Step]:
    """Every revision from the first to the head, as `alembic upgrade head` runs them."""
    script = ScriptDirectory.from_config(config)
    heads = script.get_heads()
    if len(heads) != 1:
        raise ValueError(f"the chain has {len(heads)} heads ({', '.join(heads)}): merge them before stepping through")
    steps = []
    for revision in reversed(list(script.walk_revisions())):
        doc = (revision.module.__doc__ or revision.doc or "").strip()
        first, _, rest = doc.partition("\n")
        body = rest.split("\nRevision ID:")[0].strip()
        steps.append(
            Step(revision.revision, revision.down_revision, first.strip(), " ".join(body.split()), revision.module)
        )
    return steps


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


Snapshot = dict[str, Table]


def snapshot(engine: sa.Engine) -> Snapshot:
    """Every table except alembic_version: its columns and all its rows (sorted), read
    with plain queries (reflection would cost more than the migrations themselves)."""
    state = {}
    with engine.connect() as connection:
        for name in table_names(connection):
            if name == "alembic_version":
                continue
            result = connection.exec_driver_sql(f'SELECT * FROM "{name}"')
            columns = tuple(column[0] for column in result.cursor.description)
            rows = sorted((tuple(row) for row in result), key=_sort_key)
            state[name] = Table(columns, tuple(rows))
    return state


def table_names(connection: sa.Connection) -> list[str]:
    return [
        name
        for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _sort_key(row: tuple) -> tuple:
    return tuple((value is None, str(type(value)), value if value is not None else 0) for value in row)


def schema_sql(engine: sa.Engine) -> dict[str, list[str]]:
    """{table: the SQL SQLite stores for it and its indexes}: two equal results mean equal schemas."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY tbl_name, type DESC, name"
        ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, sql in rows:
        tables.setdefault(table, []).append(sql)
    return tables


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """Tables a step created or altered (their SQL or their indexes differ), still present after it."""
    return sorted(name for name in after if before.get(name) != after[name] and name != "alembic_version")


def current_revision(engine: sa.Engine) -> str | None:
    if "alembic_version" not in sa.inspect(engine).get_table_names():
        return None
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _column(table: Table, name: str) -> list:
    index = table.columns.index(name)
    return [row[index] for row in table.rows]


def _literal(value) -> str:
    return "NULL" if value is None else repr(value)


def data_changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What happened to the data between two snapshots, one sentence per table."""
    sentences = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None:
            sentences.append(f"`{name}` is new, with {_rows(len(new.rows))}.")
            continue
        if new is None:
            n = len(old.rows)
            lost = f"its {_rows(n)} {'is' if n == 1 else 'are'} gone" if n else "it was empty"
            sentences.append(f"`{name}` was dropped: {lost}.")
            continue
        notes = []
        dropped = [c for c in old.columns if c not in new.columns]
        added = [c for c in new.columns if c not in old.columns]
        for column in list(dropped):  # same values under a new name: a rename, not a loss
            values = _column(old, column)
            twin = next((a for a in added if len(old.rows) == len(new.rows) and _column(new, a) == values), None)
            if twin and old.rows:
                notes.append(f"column `{column}` renamed to `{twin}`, its {len(values)} values kept")
                dropped.remove(column)
                added.remove(twin)
        for column in dropped:
            notes.append(f"column `{column}` dropped with its {len(old.rows)} values")
        for column in added:
            values = sorted({_literal(v) for v in _column(new, column)})
            shown = ", ".join(values[:3]) + (", ..." if len(values) > 3 else "")
            notes.append(f"column `{column}` added" + (f" (existing rows got {shown})" if values else ""))
        if len(old.rows) != len(new.rows):
            notes.append(f"went from {_rows(len(old.rows))} to {len(new.rows)}")
        else:
            for column in (c for c in old.columns if c in new.columns):
                if _column(old, column) != _column(new, column):
                    notes.append(f"values of `{column}` rewritten")
        if notes:
            sentences.append(f"`{name}`: " + "; ".join(notes) + ".")
        elif old.rows:
            sentences.append(f"`{name}`: {_rows(len(old.rows))} kept, every value unchanged.")
    return sentences


def rows_text(state: Snapshot, names: Iterable[str] | None = None, limit: int = 3) -> str:
    """The first rows of each table, as an aligned text table."""
    blocks = []
    for name in names if names is not None else sorted(state):
        table = state[name]
        shown = [[("NULL" if v is None else str(v)) for v in row] for row in table.rows[:limit]]
        widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(table.columns)]
        lines = [f"{name} ({_rows(len(table.rows))})"]
        lines.append("  " + " | ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip())
        lines += ["  " + " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in shown]
        if len(table.rows) > limit:
            lines.append(f"  ... {len(table.rows) - limit} more")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else "(no tables)\n"


# The lifecycle's sample rows (examples/lifecycle/sample_data.py), added the moment
# their table appears; only the columns the table has at that moment are used, and
# later revisions transform them (emails normalised in 0004, locations turned into
# venues in 0009). Sign-ups are added when event_attendees appears (0007).
SAMPLE_ROWS: dict[str, list[dict]] = {
    "users": [{**row, "created_at": CREATED_AT} for row in USERS],
    "events": [{**row, "created_at": CREATED_AT} for row in EVENTS],
    "event_attendees": [
        {"event_id": 1, "user_id": 2, "registered_at": datetime(2026, 11, 20, 9, 0)},
        {"event_id": 1, "user_id": 3, "registered_at": datetime(2026, 11, 20, 9, 5)},
        {"event_id": 2, "user_id": 1, "registered_at": datetime(2026, 11, 21, 17, 40)},
    ],
}


def seed_new_tables(url: str, before: Snapshot) -> dict[str, int]:
    """Insert the sample rows of every table that did not exist in `before`.

    Returns {table: rows inserted}. Values go through bound parameters; a column
    the table does not have is left out, so the rows fit the schema of the day.
    """
    engine = make_engine(url)
    inserted = {}
    try:
        with engine.begin() as connection:
            present = set(sa.inspect(connection).get_table_names())
            for name, rows in SAMPLE_ROWS.items():  # parents before children
                if name in before or name not in present:
                    continue
                table = sa.Table(name, sa.MetaData(), autoload_with=connection)
                fitted = [{k: v for k, v in row.items() if k in table.c} for row in rows]
                connection.execute(table.insert(), fitted)
                inserted[name] = len(fitted)
    finally:
        engine.dispose()
    return inserted
