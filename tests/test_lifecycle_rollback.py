"""Step 15, rollback plan: every downgrade is proved by a round trip with data,
and the one irreversible revision refuses and changes nothing."""

import pytest
from alembic.util import CommandError

from tests.conftest import IRREVERSIBLE_REVISIONS
from tests.lifecycle_support import database_at, execute, file_digest, rows, state
from tools.sql_capture import migration_sql

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
