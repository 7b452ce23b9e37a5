"""docs/production/batched-backfills.md: batches that each commit, against one transaction, stopped halfway."""

import itertools

import pytest
import sqlalchemy as sa

from examples.production_batched_backfills import seeded
from examples.production_batched_backfills.backfill import backfill_in_batches
from examples.production_batched_backfills.halfway import (
    MigrationRun,
    OneTransactionRun,
    filled_rows,
    stopped_at,
    terminate,
    version,
    write_waits,
)
from examples.production_shared.waiting import connection_to
from tools.outputs.scenarios.production_batched_backfills import HELD_EVENT as SCENARIO_HELD, ROWS as SCENARIO_ROWS, killed_and_resumed

ROWS = 20_000
BATCH_SIZE = 5_000  # examples/production_batched_backfills/backfill.py
HELD_EVENT = ROWS // 2 + 1  # the first row of the third batch
SCENARIO_DONE_BEFORE_HELD = (SCENARIO_HELD - 1) // BATCH_SIZE * BATCH_SIZE
_numbers = itertools.count()

# The page's run happens once per process: this page's tests and its staleness test on one worker.
pytestmark = pytest.mark.xdist_group("production-batched-backfills")


@pytest.fixture(scope="module")
def template_url(postgresql_server):
    url = postgresql_server.create_database()
    seeded.prepare(url, ROWS)
    return url


@pytest.fixture
def seeded_url(postgresql_server, template_url):
    """Events with an empty slug column (revision 0002)."""
    return seeded.at_0002(seeded.copy_of(postgresql_server.admin, template_url, f"backfill_{next(_numbers)}"))


@pytest.fixture(scope="module")
def killed_run(postgresql_server):
    """The run the page shows (tools/outputs/scenarios/production_batched_backfills.py), once per process."""
    return killed_and_resumed()


def test_batched_backfill_keeps_the_batches_it_committed_when_killed_halfway(killed_run):
    assert not killed_run.killed.succeeded
    assert killed_run.after_kill[1] == SCENARIO_DONE_BEFORE_HELD


def test_killed_backfill_leaves_the_version_at_the_ddl_revision(killed_run):
    assert killed_run.after_kill[0] == "0002"


def test_batched_migration_leaves_the_table_and_done_rows_writable(killed_run):
    assert not killed_run.first_row_waited


def test_batched_backfill_resumes_where_it_stopped(killed_run):
    assert killed_run.resumed.succeeded, killed_run.resumed.message
    left = SCENARIO_ROWS - SCENARIO_DONE_BEFORE_HELD
    assert f"slug backfill: {left} rows in {left // BATCH_SIZE} batches" in killed_run.resumed.message
    assert killed_run.after_resume == ("0003", SCENARIO_ROWS)


REFUSE_UPDATES = """
CREATE FUNCTION refuse_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'no update today'; END $$;
CREATE TRIGGER refuse_updates BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION refuse_updates();
"""


def test_ddl_revision_is_committed_before_the_first_batch(postgresql_server, template_url):
    url = seeded.copy_of(postgresql_server.admin, template_url, "backfill_first_batch_fails")
    with connection_to(url) as connection:
        connection.exec_driver_sql(REFUSE_UPDATES)
        connection.commit()
    outcome = MigrationRun(url).finish()  # 0002 then 0003, in one `alembic upgrade head`
    assert not outcome.succeeded and "no update today" in outcome.message
    assert (version(url), filled_rows(url)) == ("0002", 0)


def test_one_transaction_backfill_keeps_nothing_when_killed_halfway(seeded_url):
    with stopped_at(seeded_url, HELD_EVENT, OneTransactionRun) as stop:
        terminate(seeded_url, stop.pid)
    assert not stop.outcome.succeeded
    assert filled_rows(seeded_url) == 0


def test_one_transaction_backfill_blocks_writes_to_rows_it_already_did(seeded_url):
    with stopped_at(seeded_url, HELD_EVENT, OneTransactionRun):
        assert write_waits(seeded_url, event_id=1)


def test_batch_size_below_one_is_refused_and_changes_nothing(seeded_url):
    with connection_to(seeded_url, isolation_level="AUTOCOMMIT") as connection:
        with pytest.raises(ValueError, match="batch size must be at least 1, got 0"):
            backfill_in_batches(connection, size=0)
    assert filled_rows(seeded_url) == 0


def test_batches_refuse_a_connection_inside_a_transaction(seeded_url):
    with connection_to(seeded_url) as connection:
        with pytest.raises(ValueError, match="needs an AUTOCOMMIT connection"):
            backfill_in_batches(connection)
    assert filled_rows(seeded_url) == 0


def test_batched_backfill_fills_every_row(seeded_url):
    with connection_to(seeded_url, isolation_level="AUTOCOMMIT") as connection:
        progress = backfill_in_batches(connection)
        slugs = connection.execute(sa.text("SELECT slug FROM events WHERE id IN (1, :last) ORDER BY id"),
                                   {"last": ROWS}).scalars().all()
    assert (progress.rows, progress.batches) == (ROWS, ROWS // BATCH_SIZE)
    assert slugs == ["event-1-meet-greet", f"event-{ROWS}-meet-greet"]
