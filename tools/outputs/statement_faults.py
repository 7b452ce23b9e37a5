"""A failure injected after the Nth statement a revision executes, and the list of those statements.

The plan (which statements each revision sends, per engine) is recorded by
running every revision once on a seeded database; the Guarantees page shows it,
and tests/migrations/test_failure_at_every_statement.py injects a failure after
each of its statements.
"""

import contextlib
import gc
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tools.outputs.chain_states import SeededChain, engine_for, previous, revisions, upgrade

LABEL_WIDTH = 72


class InjectedFailure(RuntimeError):
    """The failure a test injects: never raised by real code."""


def label(statement: str) -> str:
    """A statement's first words on one line, short enough for a message."""
    words = re.sub(r"\s+", " ", statement).strip()
    return words if len(words) <= LABEL_WIDTH else words[: LABEL_WIDTH - 1] + "…"


def kind(statement: str) -> str:
    """What a statement does, in a word or two: `CREATE TABLE`, `PRAGMA table_xinfo`, `UPDATE`."""
    words = statement.split()
    if words[0] == "PRAGMA":
        return "PRAGMA " + re.split(r"[.(]", words[1])[-2 if "." in words[1] else 0]
    if words[0] in ("CREATE", "DROP", "ALTER") and len(words) > 1:
        return " ".join(words[:3] if words[1] == "UNIQUE" else words[:2])
    return words[0]


@contextlib.contextmanager
def recorded(engine: sa.Engine) -> Iterator[list[str]]:
    """The label of each statement `engine` executes while the block runs."""
    statements: list[str] = []

    def after(conn, cursor, statement, parameters, context, executemany):
        statements.append(label(statement))

    sa.event.listen(engine, "after_cursor_execute", after)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "after_cursor_execute", after)


@contextlib.contextmanager
def failing_after(engine: sa.Engine, number: int) -> Iterator[list[str]]:
    """Raise InjectedFailure right after `engine` has executed its `number`th statement.

    Yields the labels of the statements executed, so a caller can check which one it hit."""
    with recorded(engine) as statements:

        def fail(conn, cursor, statement, parameters, context, executemany):
            if len(statements) == number:
                raise InjectedFailure(f"injected after statement {number}: {statements[-1]}")

        # Registered after the recorder, so it runs after the statement is counted.
        sa.event.listen(engine, "after_cursor_execute", fail)
        try:
            yield statements
        finally:
            sa.event.remove(engine, "after_cursor_execute", fail)


@dataclass(frozen=True)
class RevisionStatements:
    """The statements one revision's upgrade executes on one engine."""

    engine: str
    revision: str
    statements: tuple[str, ...]

    def points(self) -> list[tuple[str, str, int]]:
        """One injection point per statement: (engine, revision, statement number)."""
        return [(self.engine, self.revision, n) for n in range(1, len(self.statements) + 1)]

    def kinds(self) -> str:
        # Counted, not listed in order: batch mode reflects and recreates a table's
        # indexes and referred tables in an order that changes from run to run.
        counts = Counter(kind(s) for s in self.statements)
        return ", ".join(f"{n} × {k}" if n > 1 else k for k, n in sorted(counts.items()))


# env.py releases its migration lock after the run has committed (PostgreSQL): a failure
# there leaves the database migrated, as a retry expects, so it is no point of this guarantee.
AFTER_COMMIT = ("SELECT pg_advisory_unlock",)


def statements_of(chain: SeededChain, revision: str) -> RevisionStatements:
    """What `alembic upgrade <revision>` executes on the seeded database before it."""
    url = chain.database_at(previous(revision))
    engine = engine_for(url)
    try:
        with recorded(engine) as statements:
            upgrade(url, revision, engine)
    finally:
        engine.dispose()
        chain.discard(url)
    assert not any(s.startswith(AFTER_COMMIT) for s in statements[:-1]), "the lock is released last"
    return RevisionStatements(chain.engine_name, revision, tuple(s for s in statements if not s.startswith(AFTER_COMMIT)))


def chain_statements(chain: SeededChain) -> list[RevisionStatements]:
    return [statements_of(chain, revision) for revision in revisions()]


# The plan is stored as a Markdown table (the Guarantees page shows it) and read back
# by the tests, so collecting them needs no database server.
PLAN_HEADER = "| Engine | Revision | Statements | What they are |\n| --- | --- | ---: | --- |\n"


def plan_table(plan: list[RevisionStatements]) -> str:
    return PLAN_HEADER + "".join(
        f"| {r.engine} | {r.revision} | {len(r.statements)} | {r.kinds()} |\n" for r in plan
    )


def read_plan(table: str) -> list[tuple[str, str, int]]:
    """The injection points a stored plan lists: (engine, revision, statement number)."""
    points = []
    for line in table.splitlines()[2:]:
        engine, revision, count = (cell.strip() for cell in line.split("|")[1:4])
        points += [(engine, revision, n) for n in range(1, int(count) + 1)]
    return points


@dataclass(frozen=True)
class InjectedRun:
    """What a run failed on purpose did: the statement it failed after, and whether the
    database is still locked once the run is over (a result left unread holds SQLite's
    read lock while anything still refers to it)."""

    hit: str
    left_locked: bool


def still_locked(url: str) -> bool:
    """Whether another connection holds a lock on the SQLite file at `url` (PostgreSQL: never
    asked here; its results are read whole when executed and hold no lock)."""
    if make_url(url).get_backend_name() != "sqlite":
        return False
    probe = sqlite3.connect(make_url(url).database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN EXCLUSIVE")  # refused while any other connection reads or writes
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def upgrade_failing_after(url: str, revision: str, number: int) -> InjectedRun:
    """Run `upgrade <revision>` on `url`, failing right after its `number`th statement.

    The engine is disposed of before returning, as a failed `alembic` process ends. The
    failure's traceback refers to the revision's variables in a reference cycle that only
    the garbage collector frees, so it is kept off during the run and the lock check: a
    result the revision left unread is then found every time, not only when the collector
    happens not to run first."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        hit = _failing_upgrade(url, revision, number)
        return InjectedRun(hit, still_locked(url))
    finally:
        if collecting:
            gc.enable()


def _failing_upgrade(url: str, revision: str, number: int) -> str:
    engine = engine_for(url)
    try:
        with failing_after(engine, number) as executed:
            upgrade(url, revision, engine)
    except InjectedFailure:
        return label(executed[number - 1])
    finally:
        engine.dispose()
    raise AssertionError(f"upgrade {revision} finished before statement {number}: run `make snapshots`")
