"""docs/lifecycle/monitor-and-rollback.md (steps 14-16): what the page claims, one part per step.

- Step 14, monitor performance: the query plan, drawn as a tree; the index's
effect is checked on the plan, never on timings (those are in make bench-lifecycle).

- Step 15, rollback plan: every downgrade is proved by a round trip with data,
and the one irreversible revision refuses and changes nothing.

- Steps 13 and 16: after the upgrade the models match the database; a change
made by hand later is found by compare_metadata and by `alembic check`.
"""

import re

import pytest
import sqlalchemy as sa
from alembic.util import CommandError

from examples.lifecycle.drift import OUT_OF_BAND_CHANGES, drift, drift_report
from examples.lifecycle.query_plan import query_plan, uses_a_full_scan
from examples.lifecycle_monitor_and_rollback.rollback_strategies import RollbackError, compare
from examples.lifecycle_monitor_and_rollback.watch_release import (
    APP_REQUEST,
    APP_TRANSACTION,
    MIGRATION,
    database_at_0011,
    release_under_load,
    watch,
)
from tests.conftest import IRREVERSIBLE_REVISIONS
from tests.lifecycle_support import database_at, execute, file_digest, rows, state
from tools.outputs.sql_capture import migration_sql
from tools.outputs.transcript import alembic

# Step 14, monitor performance


def plan_on(statement, *setup: str) -> str:
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        for sql in setup:
            connection.exec_driver_sql(sql)
        return query_plan(connection, statement)


def test_a_plan_is_drawn_as_the_sqlite3_shell_draws_it():
    """A one-step plan is drawn under a QUERY PLAN title, like `.eqp on` in the sqlite3 shell."""
    plan = plan_on(sa.text("SELECT * FROM t WHERE a = 1"), "CREATE TABLE t (a INTEGER, b TEXT)")
    assert plan == "QUERY PLAN\n`--SCAN t\n"


def test_an_index_changes_scan_into_search():
    """The same query, before and after CREATE INDEX: the plan says which rows SQLite reads."""
    table = "CREATE TABLE t (a INTEGER, b TEXT)"
    query = sa.text("SELECT b FROM t WHERE a = 1")
    before = plan_on(query, table)
    after = plan_on(query, table, "CREATE INDEX ix_t_a ON t (a)")
    assert uses_a_full_scan(before, "t")
    assert after == "QUERY PLAN\n`--SEARCH t USING INDEX ix_t_a (a=?)\n"
    assert not uses_a_full_scan(after, "t")


def test_nested_steps_are_indented_under_their_parent():
    """A plan with a subquery draws its children indented under their parent step."""
    plan = plan_on(
        sa.text("SELECT * FROM t WHERE a IN (SELECT a FROM u)"),
        "CREATE TABLE t (a INTEGER)",
        "CREATE TABLE u (a INTEGER)",
    )
    lines = plan.splitlines()
    assert lines[0] == "QUERY PLAN"
    assert any(line.startswith(("|  ", "   ")) for line in lines[2:])  # a child drawn under its parent



# Step 15, rollback plan


REVISIONS = [f"{n:04d}" for n in range(3, 13)]


def test_every_reversible_revision_round_trips_with_its_rows(tmp_path):
    """From the sample database at 0002, for each revision: upgrade, downgrade,
    and compare with the state before: the schema (reflected) and every row of
    every table are the same. Then upgrade again and carry on to the next one."""
    url = database_at("0002", tmp_path)
    for revision in REVISIONS:
        before = state(url)
        migration_sql(url, "upgrade", revision)
        after = state(url)
        if revision in IRREVERSIBLE_REVISIONS:
            continue  # proved below: it refuses
        migration_sql(url, "downgrade", "-1")
        assert state(url) == before, f"downgrading {revision} did not give back the rows and schema it started from"
        migration_sql(url, "upgrade", revision)
        assert state(url) == after, f"upgrading {revision} again gave a different result"


def test_downgrade_from_head_to_0004_keeps_the_events_and_their_locations(tmp_path):
    """Eight downgrades in one run; the events come back under their old column
    names, each location refilled from its venue by 0010's downgrade."""
    url = database_at("0004", tmp_path)
    before = state(url)
    migration_sql(url, "upgrade", "head")
    migration_sql(url, "downgrade", "0004")
    assert state(url) == before
    assert rows(url, "SELECT id, title, location FROM events ORDER BY id") == [
        (1, "Kick-off", "Hall A"),
        (2, "Compiler night", "Room 101"),
        (3, "Retrospective", "Hall A"),
        (4, "Kernel walk-through", None),
    ]


def test_irreversible_0004_refuses_and_changes_nothing(tmp_path):
    """`downgrade base` from the head: the downgrades of 0012 to 0005 run, then
    0004 refuses with a message saying why and what to do. The whole run is one
    transaction, so the database file is byte for byte what it was: still at head."""
    url = database_at("0012", tmp_path)
    digest = file_digest(url)
    with pytest.raises(CommandError, match=r"irreversible: the original spelling .* restore the backup"):
        migration_sql(url, "downgrade", "base")
    assert file_digest(url) == digest
    assert rows(url, "SELECT version_num FROM alembic_version") == [("0012",)]


def test_downgrading_0007_deletes_sign_ups_made_since(tmp_path):
    """A downgrade restores the schema, not data written after the upgrade:
    dropping event_attendees drops its rows. A rollback plan must say so."""
    url = database_at("0007", tmp_path)
    execute(url, "INSERT INTO event_attendees (event_id, user_id) VALUES (1, 2)")
    migration_sql(url, "downgrade", "0006")
    migration_sql(url, "upgrade", "0007")
    assert rows(url, "SELECT count(*) FROM event_attendees") == [(0,)]



# Steps 13 and 16


def drift_of(url: str) -> list:
    engine = sa.create_engine(url)
    try:
        return drift(engine)
    finally:
        engine.dispose()


def test_after_the_upgrade_the_models_match_the_database(tmp_path):
    """Post-migration: the sample database upgraded from 0002 has no drift, and
    `alembic check` agrees (exit code 0)."""
    url = database_at("0012", tmp_path)
    assert drift_of(url) == []
    code, text = alembic("check", url)
    assert code == 0 and text.endswith("No new upgrade operations detected.\n")


def test_a_column_and_an_index_added_by_hand_are_detected(tmp_path):
    """The out-of-band changes the page shows: compare_metadata reports both, and `alembic check` fails (exit code 255) naming them."""
    url = database_at("0012", tmp_path)
    execute(url, *OUT_OF_BAND_CHANGES)
    found = {(d[0], getattr(d[-1], "name", None)) for d in drift_of(url)}
    assert found == {("remove_column", "notes"), ("remove_index", "ix_events_name")}
    code, text = alembic("check", url)
    assert code == 255
    assert "FAILED: New upgrade operations detected" in text and "ix_events_name" in text and "'notes'" in text


def test_an_index_dropped_by_hand_is_detected(tmp_path):
    """Drift the other way: an index the migrations built, dropped by hand, is reported as one to add."""
    url = database_at("0012", tmp_path)
    execute(url, "DROP INDEX ix_event_attendees_user_id")
    assert [(d[0], d[1].name) for d in drift_of(url)] == [("add_index", "ix_event_attendees_user_id")]


def test_the_report_says_so_when_there_is_no_drift():
    """An empty comparison reads as a sentence, not as `[]`."""
    assert drift_report([]) == "no drift: the database matches the models\n"


# Step 14, docs/lifecycle/monitor-and-rollback.md, on PostgreSQL: a release's lock
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


# Step 15, docs/lifecycle/monitor-and-rollback.md: three ways back from a release,
@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The sample database released to 0012, and the backup taken at 0002 before the release."""
    folder = tmp_path_factory.mktemp("released")
    return database_at("0012", folder), folder / "backup.db", database_at("0002", folder, "backup.db")


@pytest.fixture(scope="module")
def outcomes(released):
    url, backup, _ = released
    return {way: (revision, rows) for way, revision, rows, _code in compare(url, backup)}


def test_restoring_the_backup_loses_every_row_written_since_it(outcomes):
    """The backup predates the release: the user, the event and the sign-ups written
    on the new schema are gone, and the database is back at 0002."""
    assert outcomes["restore the backup"] == ("0002", "lost: 1 user, 1 event, 2 sign-ups")


def test_rolling_forward_keeps_every_row_written_since_the_release(outcomes):
    """A new revision on top of the release changes the schema and nothing else."""
    assert outcomes["roll forward to a new 0013"] == ("0013", "all kept")


def test_a_downgrade_loses_only_what_the_undone_revisions_held(outcomes):
    """Undoing 0011 and 0012 drops constraints and an index: no rows. Undoing 0007 too
    drops event_attendees, and with it the sign-ups made since the release."""
    assert outcomes["alembic downgrade 0010"] == ("0010", "all kept")
    assert outcomes["alembic downgrade 0006"] == ("0006", "lost: 2 sign-ups")


def test_a_downgrade_through_an_irreversible_revision_is_refused_and_keeps_everything(outcomes):
    assert outcomes["alembic downgrade 0003"] == ("0012 (refused: revision 0004 is irreversible)", "all kept")


def test_the_comparison_writes_neither_the_released_database_nor_the_backup(released, outcomes):
    url, backup, backup_url = released
    assert file_digest(url) == file_digest(database_at("0012", backup.parent, "fresh-0012.db"))
    assert file_digest(backup_url) == file_digest(database_at("0002", backup.parent, "fresh-0002.db"))


def test_a_missing_backup_is_refused_before_anything_runs(tmp_path):
    url = database_at("0012", tmp_path)
    digest = file_digest(url)
    with pytest.raises(RollbackError, match=r"no backup at .*take one before the release"):
        compare(url, tmp_path / "nowhere.db")
    assert file_digest(url) == digest


def test_a_database_not_at_the_release_head_is_refused(tmp_path):
    with pytest.raises(RollbackError, match="is at 0009, not at the release's head 0012"):
        compare(database_at("0009", tmp_path), tmp_path / "handbook.db")
