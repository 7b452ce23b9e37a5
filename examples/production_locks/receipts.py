"""Lock receipts: what each statement of a migration did to the tables on PostgreSQL.

    with LockRecorder(engine) as receipts:
        ...  # run `alembic upgrade` on engine
    receipts  # one StatementReceipt per statement the revision sent

After every statement, still inside the migration's own transaction, the recorder
reads on the migration's own connection:

* `pg_locks` for its own backend: the lock modes it now holds on each table;
* `pg_class.relfilenode` of each table: a new file node means the table was rewritten.

Locks taken inside a transaction are held until COMMIT, so a receipt lists the modes a
statement added; a mode an earlier statement of the same transaction already holds is
not listed again.
"""

import time
from dataclasses import dataclass, field

import sqlalchemy as sa

# --8<-- [start:queries]
LOCKS_HELD = """
SELECT c.relname, l.mode
FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
  AND c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
"""
FILE_NODES = """
SELECT relname, relfilenode FROM pg_class
WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
"""
# --8<-- [end:queries]

# From the weakest to the strongest (PostgreSQL's "Table-Level Lock Modes").
MODES = (
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
)
# What each mode stops other sessions from doing while it is held.
BLOCKS = {
    "AccessShareLock": "nothing but ACCESS EXCLUSIVE",
    "RowShareLock": "EXCLUSIVE and ACCESS EXCLUSIVE",
    "RowExclusiveLock": "index builds and most ALTER TABLEs, not reads or writes",
    "ShareUpdateExclusiveLock": "other DDL and VACUUM, not reads or writes",
    "ShareLock": "writes (INSERT, UPDATE, DELETE)",
    "ShareRowExclusiveLock": "writes (INSERT, UPDATE, DELETE)",
    "ExclusiveLock": "writes; reads still run",
    "AccessExclusiveLock": "everything, reads included",
}


def strongest(modes) -> str:
    return max(modes, key=MODES.index)


def is_bookkeeping(statement: str) -> bool:
    """Alembic's own version table, and what env.py sends around every run (its timeout, its migration lock)."""
    upper = statement.upper()
    return "ALEMBIC_VERSION" in upper or upper.startswith(
        ("SET LOCK_TIMEOUT", "SET LOCAL LOCK_TIMEOUT", "SELECT PG_ADVISORY_", "BEGIN", "COMMIT", "SELECT PG_CATALOG.")
    )


@dataclass(frozen=True)
class StatementReceipt:
    revision: str
    sql: str
    locks: dict[str, tuple[str, ...]]  # table -> modes this statement added
    created: tuple[str, ...]  # tables this statement created (no other session can see them yet)
    rewritten: tuple[str, ...]  # tables whose file node changed
    seconds: float
    in_transaction: bool  # False: autocommit, its locks ended with the statement


def _rows(dbapi_connection, query: str) -> list[tuple]:
    cursor = dbapi_connection.cursor()  # a raw cursor: not seen by the engine's events
    try:
        cursor.execute(query)
        return cursor.fetchall()
    finally:
        cursor.close()


@dataclass
class LockRecorder:
    engine: sa.Engine
    revision: str = ""  # set by the caller before each revision runs
    receipts: list[StatementReceipt] = field(default_factory=list)
    _before: dict = field(default_factory=dict)

    def __enter__(self) -> list[StatementReceipt]:
        sa.event.listen(self.engine, "before_cursor_execute", self._start)
        sa.event.listen(self.engine, "after_cursor_execute", self._finish)
        return self.receipts

    def __exit__(self, *exc) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._start)
        sa.event.remove(self.engine, "after_cursor_execute", self._finish)

    def _start(self, conn, cursor, statement, parameters, context, executemany):
        if is_bookkeeping(statement.strip()):
            return
        raw = conn.connection.dbapi_connection
        self._before = {
            "locks": set(_rows(raw, LOCKS_HELD)),
            "nodes": dict(_rows(raw, FILE_NODES)),
            "started": time.perf_counter(),
        }

    def _finish(self, conn, cursor, statement, parameters, context, executemany):
        if is_bookkeeping(statement.strip()) or not self._before:
            return
        seconds = time.perf_counter() - self._before["started"]
        raw = conn.connection.dbapi_connection
        in_transaction = not raw.autocommit
        locks = set(_rows(raw, LOCKS_HELD)) if in_transaction else set()
        nodes = dict(_rows(raw, FILE_NODES))
        before_nodes = self._before["nodes"]
        added: dict[str, list[str]] = {}
        for table, mode in sorted(locks - self._before["locks"]):
            added.setdefault(table, []).append(mode)
        self.receipts.append(
            StatementReceipt(
                revision=self.revision,
                sql=statement.strip(),
                locks={t: tuple(sorted(m, key=MODES.index)) for t, m in added.items()},
                created=tuple(sorted(set(nodes) - set(before_nodes))),
                rewritten=tuple(sorted(t for t, n in nodes.items() if t in before_nodes and before_nodes[t] != n)),
                seconds=seconds,
                in_transaction=in_transaction,
            )
        )
        self._before = {}
