"""Step 14 on PostgreSQL: what to watch while and after a release runs.

A migration's lock waits and slow statements show up in two places PostgreSQL
keeps anyway: the server log (with the settings below) and the live views
pg_stat_activity and pg_locks. `release_under_load` runs revision 0012 (a plain
CREATE INDEX) while the app has a write open on the same table, and records
what both places show: the migration queues behind the app, and the app's next
write queues behind the migration.
"""

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import command

from examples.app.models import Base
from examples.lifecycle.sample_data import EVENTS, USERS
from tools.outputs.sql_capture import handbook_config

# --8<-- [start:settings]
# Set once per database (or in postgresql.conf); new sessions pick them up.
WATCH_SETTINGS = {
    "log_lock_waits": "on",  # log a statement still waiting for a lock after deadlock_timeout
    "deadlock_timeout": "100ms",  # the default is 1s; lower here so the run is short
    "log_min_duration_statement": "50ms",  # log every statement slower than this, with its duration
}
# --8<-- [end:settings]

# --8<-- [start:waiting]
# Who waits for which lock, and behind whom: run it from another session during the release.
WAITING = """
SELECT waiting.application_name AS session,
       lock.mode AS wants,
       lock.relation::regclass AS on_table,
       (SELECT string_agg(holder.application_name, ', ' ORDER BY holder.application_name)
          FROM pg_stat_activity holder
         WHERE holder.pid = ANY (pg_blocking_pids(waiting.pid))) AS behind,
       round(extract(epoch FROM clock_timestamp() - waiting.query_start) * 1000) AS waited_ms
  FROM pg_stat_activity waiting
  JOIN pg_locks lock ON lock.pid = waiting.pid AND NOT lock.granted
 ORDER BY waiting.query_start
"""
# --8<-- [end:waiting]

APP_TRANSACTION = "app: sign-up, not yet committed"
MIGRATION = "alembic upgrade 0012"
APP_REQUEST = "app: next sign-up"
MONITOR = "monitor"
LOG_LINE = re.compile(r"^\S+ \S+ \S+ \[(?P<pid>\d+)\] (?P<text>.*)$")


@dataclass
class ReleaseRecord:
    waiting: list[dict]  # the WAITING query's rows while both sessions waited
    log: list[str]  # the server log's lines from the three sessions, pids replaced by their names
    migration_seconds: float  # wall time of `alembic upgrade 0012`, waiting included


def session_engine(url: str, name: str) -> sa.Engine:
    """An engine whose sessions show up as `name` in pg_stat_activity and in the log."""
    return sa.create_engine(url, connect_args={"application_name": name}, poolclass=sa.pool.NullPool)


def database_at_0011(url: str) -> None:
    """The app's tables as revision 0011 leaves them (the head's models without 0012's index),
    the sample rows, and alembic_version at 0011."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            connection.exec_driver_sql("DROP INDEX ix_event_attendees_user_id")
            users, events = Base.metadata.tables["users"], Base.metadata.tables["events"]
            connection.execute(users.insert(), [{**u, "email": u["email"].strip().lower()} for u in USERS])
            connection.execute(
                events.insert(), [{k: v for k, v in e.items() if k not in ("title", "location")} | {"name": e["title"]} for e in EVENTS]
            )
        command.stamp(handbook_config(engine), "0011")
    finally:
        engine.dispose()


def watch(url: str) -> None:
    """Apply WATCH_SETTINGS to the database `url` names."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            database = connection.exec_driver_sql("SELECT current_database()").scalar()
            for name, value in WATCH_SETTINGS.items():
                connection.exec_driver_sql(f'ALTER DATABASE "{database}" SET {name} = \'{value}\'')
    finally:
        engine.dispose()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll `condition` (a lock wait has no event a client can subscribe to)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout} s")
        time.sleep(0.02)


def waiting_sessions(monitor: sa.Connection) -> list[dict]:
    return [dict(row._mapping, waited_ms=int(row.waited_ms)) for row in monitor.exec_driver_sql(WAITING)]


def release_under_load(url: str, server_log: Callable[[], str]) -> ReleaseRecord:
    """Revision 0012 on `url` (at 0011) while the app writes to event_attendees."""
    engines = {name: session_engine(url, name) for name in (APP_TRANSACTION, MIGRATION, APP_REQUEST, MONITOR)}
    failures: list[BaseException] = []
    timings: dict[str, float] = {}

    def in_thread(name: str, work: Callable[[], None]) -> threading.Thread:
        def run() -> None:
            started = time.monotonic()
            try:
                work()
            except BaseException as failure:  # re-raised by the caller after join()
                failures.append(failure)
            timings[name] = time.monotonic() - started

        thread = threading.Thread(target=run, name=name)
        thread.start()
        return thread

    def migrate() -> None:
        command.upgrade(handbook_config(engines[MIGRATION]), "0012")

    def next_sign_up() -> None:
        with engines[APP_REQUEST].begin() as connection:
            connection.exec_driver_sql("INSERT INTO event_attendees (event_id, user_id) VALUES (2, 3)")

    try:
        with engines[MONITOR].connect() as monitor, engines[APP_TRANSACTION].connect() as app:
            monitor = monitor.execution_options(isolation_level="AUTOCOMMIT")
            pids = dict(monitor.exec_driver_sql("SELECT pg_backend_pid(), 'monitor'").all())
            app.begin()
            app.exec_driver_sql("INSERT INTO event_attendees (event_id, user_id) VALUES (1, 3)")

            def waiters() -> set[str]:
                return {row["session"] for row in waiting_sessions(monitor)}

            migration = in_thread(MIGRATION, migrate)
            wait_until(lambda: MIGRATION in waiters() or bool(failures), "the migration to wait for its lock")
            request = in_thread(APP_REQUEST, next_sign_up)
            wait_until(lambda: APP_REQUEST in waiters() or bool(failures), "the app's next write to queue")
            pids |= dict(monitor.exec_driver_sql(
                "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()"
            ).all())
            for name in (MIGRATION, APP_REQUEST):
                pid = next(pid for pid, named in pids.items() if named == name)
                wait_until(lambda: f"process {pid} still waiting" in server_log(), f"{name}'s lock wait in the log")
            table_oid = monitor.exec_driver_sql("SELECT 'event_attendees'::regclass::oid").scalar()
            waiting = waiting_sessions(monitor)
            app.commit()  # the app's transaction ends: the migration gets its lock, then the request
            migration.join()
            request.join()
        if failures:
            raise failures[0]
        migration_pid = next(pid for pid, named in pids.items() if named == MIGRATION)
        wait_until(lambda: f"[{migration_pid}] LOG:  duration:" in server_log(), "the migration's duration in the log")
        log = named_log_lines(server_log(), pids, {table_oid: "event_attendees"})
        return ReleaseRecord(waiting, log, timings[MIGRATION])
    finally:
        for engine in engines.values():
            engine.dispose()


def named_log_lines(log: str, pids: dict[int, str], tables: dict[int, str]) -> list[str]:
    """The log lines written by `pids`, the time and pid replaced by the session's name,
    pids and table oids in the text by names."""
    def named(match: re.Match) -> str:
        if match["relation"]:
            return f"relation {tables.get(int(match['relation']), match['relation'])}"
        return f"[{pids[int(match['pid'])]}]" if int(match["pid"]) in pids else match["pid"]

    lines = []
    for raw in log.splitlines():
        line = LOG_LINE.match(raw)
        if line and int(line["pid"]) in pids:
            text = re.sub(r"relation (?P<relation>\d+) of database \d+|(?<![.\d])(?P<pid>\d+)(?!\.\d|\d)", named, line["text"])
            lines.append(f"[{pids[int(line['pid'])]}] {text}")
    return lines
