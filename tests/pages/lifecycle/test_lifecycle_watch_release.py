"""Step 14, docs/lifecycle/monitor-and-rollback.md, on PostgreSQL: a release's lock
waits and slow statements, seen in pg_stat_activity/pg_locks and in the server log."""

import re

import pytest
import sqlalchemy as sa

from examples.lifecycle_monitor_and_rollback.watch_release import (
    APP_REQUEST,
    APP_TRANSACTION,
    MIGRATION,
    database_at_0011,
    release_under_load,
    watch,
)


@pytest.fixture(scope="module")
def release(postgresql_server):
    url = postgresql_server.create_database()
    database_at_0011(url)
    watch(url)
    return url, release_under_load(url, postgresql_server.log)


def logged_ms(lines: list[str], session: str, pattern: str) -> list[float]:
    return [float(m[1]) for line in lines if line.startswith(f"[{session}]") for m in [re.search(pattern, line)] if m]


def test_a_migration_waiting_for_its_lock_shows_behind_the_open_app_transaction(release):
    _, record = release
    migration = next(row for row in record.waiting if row["session"] == MIGRATION)
    assert (migration["wants"], migration["on_table"], migration["behind"]) == ("ShareLock", "event_attendees", APP_TRANSACTION)


def test_the_apps_next_write_queues_behind_the_waiting_migration(release):
    """A plain CREATE INDEX that waits blocks every write to the table queued after it."""
    _, record = release
    request = next(row for row in record.waiting if row["session"] == APP_REQUEST)
    assert (request["wants"], request["behind"]) == ("RowExclusiveLock", MIGRATION)


def test_log_lock_waits_records_each_wait_longer_than_deadlock_timeout(release):
    _, record = release
    for session in (MIGRATION, APP_REQUEST):
        waited = logged_ms(record.log, session, r"still waiting for \w+ on relation event_attendees after ([\d.]+) ms")
        assert waited and waited[0] >= 100, session


def test_log_min_duration_statement_records_the_migration_and_the_delayed_write(release):
    """Both statements took longer than the 50 ms threshold because they waited; the
    durations logged include the wait."""
    _, record = release
    index = logged_ms(record.log, MIGRATION, r"duration: ([\d.]+) ms  statement: CREATE INDEX ix_event_attendees_user_id")
    write = logged_ms(record.log, APP_REQUEST, r"duration: ([\d.]+) ms  statement: INSERT INTO event_attendees")
    assert index and index[0] >= 100
    assert write and write[0] >= 100
    assert record.migration_seconds >= index[0] / 1000


def test_the_release_completes_once_the_app_transaction_ends(release):
    url, _ = release
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0012"
        assert connection.exec_driver_sql("SELECT count(*) FROM event_attendees").scalar() == 2
        assert "ix_event_attendees_user_id" in {i["name"] for i in sa.inspect(connection).get_indexes("event_attendees")}
    engine.dispose()
