"""Stop a backfill halfway, on purpose and at a known row, to look at the database meanwhile.

A transaction of ours locks one event's row (SELECT … FOR UPDATE). The backfill runs
until it reaches that row and waits there; pg_stat_activity shows it waiting, so we know
exactly which batches are done. Then we can read the table, try a write, or end the
backfill's connection (pg_terminate_backend), as a crash or a killed deploy would.
"""

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg
import sqlalchemy as sa

from examples.production_batched_backfills.backfill import Progress, backfill_in_one_transaction
from examples.production_shared.chain import start_alembic
from examples.production_shared.waiting import WAIT_LIMIT_SECONDS, connection_to, wait_for_lock_waiters

CHAIN = "batched_backfills"


@dataclass
class Outcome:
    succeeded: bool
    message: str  # the migration's log, or the error that ended the run


class MigrationRun:
    """`alembic upgrade head` of the backfill chain, as its own process."""

    def __init__(self, url: str):
        self.process = start_alembic(CHAIN, url, "upgrade", "head")

    def ended_early(self) -> str | None:
        return None if self.process.poll() is None else f"the migration ended early:\n{self.process.stderr.read()}"

    def finish(self) -> Outcome:
        _, log = self.process.communicate(timeout=WAIT_LIMIT_SECONDS)
        return Outcome(self.process.returncode == 0, log)


class ThreadRun:
    """A backfill function on a connection of its own, in a thread of this process."""

    isolation_level = "READ COMMITTED"

    def __init__(self, url: str):
        self.outcome: Outcome | None = None
        self.thread = threading.Thread(target=self._run, args=(url,))
        self.thread.start()

    def backfill(self, connection: sa.Connection) -> Progress:
        raise NotImplementedError

    def _run(self, url: str) -> None:
        try:
            with connection_to(url, isolation_level=self.isolation_level) as connection:
                progress = self.backfill(connection)
            self.outcome = Outcome(True, f"{progress.rows} rows in {progress.batches} batches")
        except sa.exc.DBAPIError as failure:
            self.outcome = Outcome(False, str(failure.orig).strip())

    def ended_early(self) -> str | None:
        return None if self.thread.is_alive() else f"the backfill ended early: {self.outcome}"

    def finish(self) -> Outcome:
        self.thread.join(timeout=WAIT_LIMIT_SECONDS)
        return self.outcome


class OneTransactionRun(ThreadRun):
    def backfill(self, connection: sa.Connection) -> Progress:
        return backfill_in_one_transaction(connection)


@dataclass
class Stop:
    pid: int  # the backfill's session, waiting at our row
    outcome: Outcome | None = None  # how the backfill ended, once our row is released


@contextlib.contextmanager
def stopped_at(url: str, event_id: int, start: Callable[[str], MigrationRun | ThreadRun]) -> Iterator[Stop]:
    """Start a backfill with event `event_id` locked by us; yield once it waits at that row.

    On the way out our lock is released, the backfill goes on (or fails, if its session
    was terminated meanwhile), and `outcome` says how it ended.
    """
    with connection_to(url) as holder:
        holder.execute(sa.text("SELECT id FROM events WHERE id = :id FOR UPDATE"), {"id": event_id})
        run = start(url)
        try:
            [pid] = wait_for_lock_waiters(url, 1, run.ended_early)
            stop = Stop(pid)
            yield stop
        finally:
            holder.rollback()
            outcome = run.finish()
    stop.outcome = outcome


def terminate(url: str, pid: int) -> None:
    """End a session from the server's side: its transaction rolls back, its client gets an error."""
    with connection_to(url) as connection:
        connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


def filled_rows(url: str) -> int:
    with connection_to(url) as connection:
        return connection.execute(sa.text("SELECT count(slug) FROM events")).scalar_one()


def version(url: str) -> str | None:
    with connection_to(url) as connection:
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def write_waits(url: str, event_id: int, lock_timeout_ms: int = 200) -> bool:
    """Would a write to this event wait for a lock? Tried with a lock_timeout, so it never hangs."""
    with connection_to(url) as connection:
        connection.exec_driver_sql(f"SET lock_timeout = '{int(lock_timeout_ms)}ms'")
        try:
            connection.execute(sa.text("UPDATE events SET title = title WHERE id = :id"), {"id": event_id})
        except sa.exc.OperationalError as failure:
            if isinstance(failure.orig, psycopg.errors.LockNotAvailable):
                return True
            raise
        finally:
            connection.rollback()
        return False


@dataclass(frozen=True)
class KilledAndResumed:
    """`alembic upgrade head` killed at a held row, the state it left, then the same command again."""

    killed: Outcome
    first_row_waited: bool  # while it was stopped halfway, did a write to event 1 wait?
    after_kill: tuple[str | None, int]  # alembic_version, events with a slug
    resumed: Outcome
    after_resume: tuple[str | None, int]


def kill_halfway_then_resume(url: str, held_event: int) -> KilledAndResumed:
    with stopped_at(url, held_event, MigrationRun) as stop:
        first_row_waited = write_waits(url, event_id=1)
        terminate(url, stop.pid)
    after_kill = (version(url), filled_rows(url))
    resumed = MigrationRun(url).finish()
    return KilledAndResumed(stop.outcome, first_row_waited, after_kill, resumed, (version(url), filled_rows(url)))
