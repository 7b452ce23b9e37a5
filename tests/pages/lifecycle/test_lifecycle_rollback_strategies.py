"""Step 15, docs/lifecycle/monitor-and-rollback.md: three ways back from a release,
compared on copies of one released database after the app has written to it."""

import pytest

from examples.lifecycle_monitor_and_rollback.rollback_strategies import RollbackError, compare
from tests.lifecycle_support import database_at, file_digest


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
    with pytest.raises(RollbackError, match="no backup at .*take one before the release"):
        compare(url, tmp_path / "nowhere.db")
    assert file_digest(url) == digest


def test_a_database_not_at_the_release_head_is_refused(tmp_path):
    with pytest.raises(RollbackError, match="is at 0009, not at the release's head 0012"):
        compare(database_at("0009", tmp_path), tmp_path / "handbook.db")
