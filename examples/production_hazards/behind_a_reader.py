"""DDL queued behind a long-running reader, and what `lock_timeout` changes.

A reader keeps a transaction open after a SELECT: it holds ACCESS SHARE on `bookings`
until it ends. A migration then asks for ACCESS EXCLUSIVE and has to wait. From that
moment, every later query on the table, a plain SELECT included, queues behind the
migration's request. With `lock_timeout` the migration gives up instead: its
transaction rolls back, the queue drains, and the migration can be run again.
"""

import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import command

from examples.production_hazards.gallery import AppSession, Observer, alembic_config, engine_for, lock_timeout, until

REVISION = "default_constant"  # a short ACCESS EXCLUSIVE: harmless, unless it has to wait
READER = "SELECT count(*) FROM bookings"


@dataclass(frozen=True)
class QueueRun:
    timeout: str
    migration_error: str  # "" when it ran
    select_waited: bool
    select_done_before_reader_ended: bool
    select_seconds: float  # from the moment it was sent


def migration_pid(observer: Observer) -> int | None:
    """The session waiting for a lock on bookings: the migration (nobody else asks for one)."""
    return observer.connection.exec_driver_sql(
        "SELECT l.pid FROM pg_locks l WHERE NOT l.granted AND l.relation = 'bookings'::regclass"
    ).scalar()


def queued_behind_reader(url: str, timeout: str) -> QueueRun:
    reader_engine, migration = engine_for(url), engine_for(url)
    observer = Observer(url)
    outcome: dict = {}
    reader = reader_engine.connect()
    reader.exec_driver_sql(READER)  # the transaction stays open: ACCESS SHARE is held

    def migrate():
        try:
            with lock_timeout(timeout):
                command.upgrade(alembic_config(migration), REVISION)
        except sa.exc.DBAPIError as error:
            outcome["error"] = f"{type(error.orig).__name__}: {str(error.orig).splitlines()[0]}"
        finally:
            outcome["done"] = True

    thread = threading.Thread(target=migrate, daemon=True)
    select = AppSession(url, "SELECT")  # connected now: only the query is left to send
    try:
        thread.start()

        def migration_waits_or_gave_up():
            """the migration waiting for its lock, or finished"""
            return "done" in outcome or migration_pid(observer) is not None

        until(migration_waits_or_gave_up)
        sent = time.perf_counter()
        select.start()
        waited = observer.settle(select)
        if timeout != "0":
            thread.join()  # lock_timeout ends the migration's wait; the reader still holds its lock
            select.thread.join(timeout=30)  # the queue drains: nothing stronger than ACCESS SHARE is left
        select_done_early = select.ended_at is not None
        reader.rollback()  # the reader's transaction ends
        thread.join()
        query = select.finish(waited, sent)
    finally:
        reader.close()
        observer.close()
        reader_engine.dispose()
        migration.dispose()
    return QueueRun(timeout, outcome.get("error", ""), waited, select_done_early, query.seconds)
