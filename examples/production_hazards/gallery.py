"""Run a gallery revision on PostgreSQL while the application uses the table, and
record what the application saw.

Each DDL statement of the migration is held at the door: just before it runs, a
"gate" session takes SHARE UPDATE EXCLUSIVE on the gallery's tables, a mode that lets
the application's reads and writes through but makes every schema change wait (an
autovacuum holds the same mode). While the statement waits for the gate, its lock
request is visible in `pg_locks` (`granted = false`), and the application's INSERT and
SELECT are sent: each either runs, or queues behind the migration's request (seen in
`pg_stat_activity`: `wait_event_type = 'Lock'`, on a relation). Then the gate opens, the
statement runs, and a queued query finishes when the migration releases its lock.

Nothing here sleeps to let something happen: every wait is for a state the server reports.
"""

import contextlib
import itertools
import os
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = Path(__file__).parent / "versions"
BASE = "gallery_base"
TABLES = ("bookings", "members")
LOCK_TIMEOUT_ENV = "HANDBOOK_LOCK_TIMEOUT"  # read by migrations/env.py
POLL = 0.002  # seconds between two looks at the server's own view of who waits

MEMBERS = 1_000
BOOKINGS = 100_000
# --8<-- [start:seed]
SEED = (
    f"INSERT INTO members (name) SELECT 'Member ' || g FROM generate_series(1, {MEMBERS}) AS g",
    f"""INSERT INTO bookings (member_id, seat, note)
        SELECT 1 + mod(g, {MEMBERS}), g, 'Booking ' || g FROM generate_series(1, {BOOKINGS}) AS g""",
    "ANALYZE bookings, members",
)
# --8<-- [end:seed]

# --8<-- [start:probes]
APP_QUERIES = {
    "INSERT": "INSERT INTO bookings (member_id, seat, note) VALUES (1, -pg_backend_pid(), 'from the app')",
    "SELECT": "SELECT note FROM bookings WHERE id = 1",
}
# Waiting for a table lock, precisely: not a relation-extension or row lock, which also
# show as wait_event_type 'Lock' in pg_stat_activity.
WAITING = """
SELECT wait_event_type = 'Lock' AND wait_event = 'relation' FROM pg_stat_activity WHERE pid = :pid
"""
REQUESTED = """
SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = :pid AND NOT l.granted ORDER BY c.relname
"""
# --8<-- [end:probes]
HOLDS_TABLE_LOCK = """
SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = pg_backend_pid() AND c.relname IN ('bookings', 'members')
"""
FILE_NODES = "SELECT relname, relfilenode FROM pg_class WHERE relname IN ('bookings', 'members')"


def alembic_config(engine: sa.Engine) -> Config:
    """The handbook's own alembic.ini and env.py, reading the gallery's revision files."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    config.attributes["connection"] = engine
    config.set_main_option("version_locations", str(VERSIONS))
    return config


@contextlib.contextmanager
def lock_timeout(value: str) -> Iterator[None]:
    """HANDBOOK_LOCK_TIMEOUT for the block (env.py reads it when a migration starts)."""
    saved = os.environ.get(LOCK_TIMEOUT_ENV)
    os.environ[LOCK_TIMEOUT_ENV] = value
    try:
        yield
    finally:
        if saved is None:
            del os.environ[LOCK_TIMEOUT_ENV]
        else:
            os.environ[LOCK_TIMEOUT_ENV] = saved


def engine_for(url: str, **options) -> sa.Engine:
    return sa.create_engine(url, poolclass=sa.pool.NullPool, **options)


def prepare(url: str) -> None:
    """Bring an empty database to the gallery's base revision and fill it."""
    engine = engine_for(url)
    try:
        command.upgrade(alembic_config(engine), BASE)
        with engine.connect() as connection:
            connection.connection.dbapi_connection.autocommit = True  # ANALYZE, no transaction needed
            for statement in SEED:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def file_nodes(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.exec_driver_sql(FILE_NODES).all())


def until(condition, *, timeout: float = 30) -> None:
    """Return once `condition()` is true; fail loudly if it never becomes so."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the server never reported {condition.__doc__ or condition}")
        time.sleep(POLL)


@dataclass(frozen=True)
class AppQuery:
    kind: str  # "INSERT" or "SELECT"
    waited: bool  # seen queued behind a lock request
    seconds: float  # from the moment the migration could take its lock to the query's end
    error: str = ""


@dataclass(frozen=True)
class Step:
    statement: str
    requested: tuple[tuple[str, str], ...]  # (table, mode) the statement waited for at the gate
    in_transaction: bool
    app: tuple[AppQuery, ...]


@dataclass(frozen=True)
class HazardRun:
    revision: str
    steps: tuple[Step, ...]
    rewritten: tuple[str, ...]
    seconds: float  # the whole `alembic upgrade`
    error: str  # what the migration raised, "" when it succeeded


class AppSession:
    """One application query in a thread of its own, on a connection of its own."""

    def __init__(self, url: str, kind: str):
        self.kind = kind
        self.engine = engine_for(url, isolation_level="AUTOCOMMIT")
        self.connection = self.engine.connect()
        self.pid = self.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        self.ended_at: float | None = None
        self.error = ""
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.connection.exec_driver_sql(APP_QUERIES[self.kind])
        except sa.exc.DBAPIError as error:
            self.error = type(error.orig).__name__
        finally:
            self.ended_at = time.perf_counter()

    def start(self) -> "AppSession":
        self.thread.start()
        return self

    def finish(self, waited: bool, lock_free_at: float) -> AppQuery:
        self.thread.join()
        self.connection.close()
        self.engine.dispose()
        return AppQuery(self.kind, waited, max(0.0, self.ended_at - lock_free_at), self.error)


class Observer:
    """An autocommit session reading the server's own view of locks and waits."""

    def __init__(self, url: str):
        self.engine = engine_for(url, isolation_level="AUTOCOMMIT")
        self.connection = self.engine.connect()

    def waiting(self, pid: int) -> bool:
        return bool(self.connection.execute(sa.text(WAITING), {"pid": pid}).scalar())

    def requested(self, pid: int) -> tuple[tuple[str, str], ...]:
        return tuple(tuple(row) for row in self.connection.execute(sa.text(REQUESTED), {"pid": pid}))

    def settle(self, session: AppSession) -> bool:
        """Wait until the app's query has either finished or queued; return whether it queued."""
        queued = []

        def settled():
            """the app's query finishing or queueing"""
            if session.ended_at is not None:
                return True
            queued.append(self.waiting(session.pid))
            return queued[-1]

        until(settled)
        return bool(queued and queued[-1])

    def close(self) -> None:
        self.connection.close()
        self.engine.dispose()


@dataclass
class _Announced:
    statement: str
    pid: int
    in_transaction: bool
    done: threading.Event = field(default_factory=threading.Event)
    go: threading.Event = field(default_factory=threading.Event)


class Gate:
    """Holds SHARE UPDATE EXCLUSIVE on the gallery's tables: reads and writes pass, DDL waits."""

    def __init__(self, url: str):
        self.engine = engine_for(url)
        self.connection: sa.Connection | None = None

    def close(self) -> None:
        self.connection = self.engine.connect()
        self.connection.exec_driver_sql("LOCK TABLE bookings, members IN SHARE UPDATE EXCLUSIVE MODE")

    def open(self) -> float:
        """Release the tables; return the moment the migration could take its lock."""
        opened = time.perf_counter()
        self.connection.rollback()
        self.connection.close()
        self.connection = None
        return opened

    def dispose(self) -> None:
        if self.connection is not None:
            self.open()
        self.engine.dispose()


def _hold_each_statement(engine: sa.Engine, announcements: queue.Queue) -> None:
    """Before each statement the migration sends while it holds no lock on the gallery's
    tables, hand it to the harness and wait for the gate to close."""
    current: list[_Announced] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        if "alembic_version" in statement or statement.lstrip().upper().startswith(("SET ", "SELECT PG_CATALOG")):
            return
        raw = conn.connection.dbapi_connection
        probe = raw.cursor()
        probe.execute(HOLDS_TABLE_LOCK)
        holds = probe.fetchone()[0]
        probe.execute("SELECT pg_backend_pid()")
        pid = probe.fetchone()[0]
        probe.close()
        if holds:
            return  # in a transaction that already locked them: the first statement's step covers it
        step = _Announced(" ".join(statement.split()), pid, not raw.autocommit)
        current.append(step)
        announcements.put(step)
        step.go.wait()

    @sa.event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        if current:
            current.pop().done.set()

    @sa.event.listens_for(engine, "handle_error")
    def failed(context):
        if current:
            current.pop().done.set()


def run_hazard(url: str, revision: str, timeout: str = "0") -> HazardRun:
    """`alembic upgrade <revision>` on `url` (a copy of the prepared database), each of its
    DDL statements held at the gate while an INSERT and a SELECT from the app are sent."""
    migration = engine_for(url)
    observer, gate = Observer(url), Gate(url)
    before = file_nodes(observer.engine)
    announcements: queue.Queue = queue.Queue()
    _hold_each_statement(migration, announcements)
    outcome: dict = {}

    def migrate():
        started = time.perf_counter()
        try:
            with lock_timeout(timeout):
                command.upgrade(alembic_config(migration), revision)
        except Exception as error:
            cause = getattr(error, "orig", None) or error
            outcome["error"] = f"{type(cause).__name__}: {str(cause).splitlines()[0]}"
        finally:
            outcome["seconds"] = time.perf_counter() - started
            announcements.put(None)

    thread = threading.Thread(target=migrate, daemon=True)
    thread.start()
    steps, pending = [], []
    try:
        while (step := announcements.get()) is not None:
            gate.close()
            step.go.set()

            def held(step=step):
                """the migration's statement waiting at the gate, or done"""
                return step.done.is_set() or bool(observer.requested(step.pid))

            until(held)
            requested = () if step.done.is_set() else observer.requested(step.pid)
            sessions = [AppSession(url, kind).start() for kind in APP_QUERIES] if requested else []
            waited = [observer.settle(session) for session in sessions]
            free_at = gate.open()
            pending.append((step, requested, list(zip(sessions, waited, strict=True)), free_at))
        thread.join()
        for step, requested, sessions, free_at in pending:
            if not requested:
                continue  # it never waited for the gate: it takes no lock DDL needs
            app = tuple(session.finish(waited, free_at) for session, waited in sessions)
            steps.append(Step(step.statement, requested, step.in_transaction, app))
        after = file_nodes(observer.engine)
    finally:
        gate.dispose()
        observer.close()
        migration.dispose()
    rewritten = tuple(sorted(t for t in before if after.get(t) not in (None, before[t])))
    return HazardRun(revision, tuple(steps), rewritten, outcome["seconds"], outcome.get("error", ""))


TEMPLATE = "gallery_template"
_copies = itertools.count(1)


def fresh_copy(server) -> str:
    """A new database holding the seeded base, copied from one prepared template
    (prepared on first use on this server; a copy takes a fraction of a second)."""
    with server.admin.connect() as connection:
        exists = connection.exec_driver_sql(f"SELECT 1 FROM pg_database WHERE datname = '{TEMPLATE}'").scalar()
        if not exists:
            connection.exec_driver_sql(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
    if not exists:
        prepare(server.url(TEMPLATE))
    name = f"gallery_{os.getpid()}_{next(_copies)}"
    with server.admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    return server.url(name)
