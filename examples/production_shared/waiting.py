"""Wait for a database event instead of sleeping: sessions queued for a lock, read from pg_stat_activity."""

import contextlib
import time
from collections.abc import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import make_url

WAIT_LIMIT_SECONDS = 60


@contextlib.contextmanager
def connection_to(url: str, **options) -> Iterator[sa.Connection]:
    """One connection of its own (no pool), closed on the way out."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, **options)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def pids_waiting_for_a_lock(url: str) -> list[int]:
    with connection_to(url) as connection:
        return connection.execute(
            sa.text("SELECT pid FROM pg_stat_activity WHERE datname = :db AND wait_event_type = 'Lock' ORDER BY pid"),
            {"db": make_url(url).database},
        ).scalars().all()


def wait_for_lock_waiters(url: str, count: int, gave_up: Callable[[], str | None] = lambda: None) -> list[int]:
    """Poll until `count` sessions wait for a lock; return their pids.

    `gave_up` is asked on every poll: a message it returns (a process ended early, say)
    stops the wait with that message instead of waiting out the time limit.
    """
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while len(waiting := pids_waiting_for_a_lock(url)) < count:
        if (reason := gave_up()) is not None:
            raise RuntimeError(reason)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{count} session(s) did not queue for a lock within {WAIT_LIMIT_SECONDS} s")
        time.sleep(0.02)
    return waiting
