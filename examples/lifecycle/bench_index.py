"""Step 14, timed: the "my events" query before and after revision 0012's index.

    make bench-lifecycle        (or: python -m examples.lifecycle.bench_index)

Builds a database at 0011 with many sign-ups, times the query, upgrades to 0012
(the index) and times it again. Timings depend on the machine and its load, so
they are printed here and never asserted by a test; the tests check the query
plan instead (tests/pages/lifecycle/test_lifecycle_monitor_and_rollback.py).
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from examples.app.db import make_engine
from examples.app.queries import events_attended_by_statement
from tools.outputs.sql_capture import handbook_config

users = sa.table("users", sa.column("id"), sa.column("email"), sa.column("display_name"))
events = sa.table("events", sa.column("id"), sa.column("owner_id"), sa.column("name"), sa.column("starts_at"))
attendees = sa.table("event_attendees", sa.column("event_id"), sa.column("user_id"))


def populate(connection: sa.Connection, n_users: int, n_events: int, per_event: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2027, 1, 1)
    connection.execute(
        users.insert(), [{"id": i, "email": f"user{i}@example.org", "display_name": f"User {i}"} for i in range(1, n_users + 1)]
    )
    connection.execute(
        events.insert(),
        [
            {"id": e, "owner_id": rng.randint(1, n_users), "name": f"Event {e}", "starts_at": start + timedelta(hours=e)}
            for e in range(1, n_events + 1)
        ],
    )
    connection.execute(
        attendees.insert(),
        [
            {"event_id": e, "user_id": u}
            for e in range(1, n_events + 1)
            for u in rng.sample(range(1, n_users + 1), per_event)
        ],
    )


def time_query(engine: sa.Engine, user_ids: list[int], repeat: int) -> float:
    """Median milliseconds for one "my events" query: the app's statement, rows
    fetched, no ORM objects built (that cost does not depend on the index)."""
    samples = []
    with engine.connect() as connection:
        for _ in range(repeat):
            for user_id in user_ids:
                begin = time.perf_counter()
                connection.execute(events_attended_by_statement(user_id)).all()
                samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.lifecycle.bench_index", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--per-event", type=int, default=20, help="sign-ups per event")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}", foreign_keys=False)
        config = handbook_config(engine)
        command.upgrade(config, "0011")
        with engine.begin() as connection:
            populate(connection, options.users, options.events, options.per_event)
        probes = random.Random(1).sample(range(1, options.users + 1), 20)
        before = time_query(engine, probes, options.repeat)
        command.upgrade(config, "0012")
        after = time_query(engine, probes, options.repeat)
        engine.dispose()
    rows = options.events * options.per_event
    print(f"event_attendees: {rows} rows, {options.events} events, {options.users} users")
    print(f"my events query, median of {options.repeat * len(probes)} runs:")
    print(f"  at 0011 (no index on user_id): {before:8.3f} ms")
    print(f"  at 0012 (ix_event_attendees_user_id): {after:8.3f} ms  ({before / after:.0f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
