"""docs/lifecycle/prepare.md (steps 1-2): what the page claims, one part per step.

- Step 2, back up data: SQLite's online backup API, and a restore proved identical.

- Step 1, pre-migration: the inventory reads the live database and changes nothing.

- The lifecycle's starting database: created at 0002 with the sample rows, never over an existing one.
"""

import sqlite3
from pathlib import Path

import pytest

from examples.app.db import make_engine
from examples.lifecycle import backup as backup_module
from examples.lifecycle.backup import BackupError, backup, contents, main, restore
from examples.lifecycle.inventory import inventory
from examples.lifecycle.sample_data import EVENTS, USERS, main as sample_data_main
from tests.lifecycle_support import database_at, file_digest, rows
from tools.outputs.sql_capture import migration_sql

# Step 2, back up data

def test_restore_after_upgrading_gives_back_the_identical_database(tmp_path):
    """Back up at 0002, upgrade to head (which rewrites tables and emails), restore:
    the schema as SQLite stores it and every row of every table, alembic_version
    included, are exactly those of the backup."""
    url = database_at("0002", tmp_path)
    before = contents(url)
    saved = backup(url, tmp_path / "backups" / "before-upgrade.db")
    migration_sql(url, "upgrade", "head")
    assert contents(url) != before  # the upgrade really changed things

    restore(saved, url)

    assert contents(url) == before
    assert contents(url)[1]["alembic_version"] == [("0002",)]


def test_backup_opens_the_source_read_only(tmp_path, monkeypatch):
    """Each connection backup() opens is probed for writes before it closes: the one on
    the source refuses them (SQLite's read-only mode), the one on the copy does not.
    Unchanged bytes alone would not show it: a read-write open that writes nothing keeps them too."""
    refused: dict[str, bool] = {}

    class Probed(sqlite3.Connection):
        def close(self):
            name = Path(self.execute("PRAGMA database_list").fetchone()[2]).name
            try:
                self.execute("SAVEPOINT probe")
                self.execute("CREATE TABLE main.write_probe (x)")
                self.execute("ROLLBACK TO probe")
                refused[name] = False
            except sqlite3.OperationalError as error:
                refused[name] = "readonly" in str(error)
            super().close()

    real_connect = sqlite3.connect
    monkeypatch.setattr(backup_module.sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Probed, **k))
    url = database_at("0002", tmp_path)

    backup(url, tmp_path / "copy.db")

    assert refused == {"handbook.db": True, "copy.db": False}


def test_backup_leaves_the_source_untouched(tmp_path):
    """The source's bytes do not change, and the copy holds the same schema and rows."""
    url = database_at("0002", tmp_path)
    digest = file_digest(url)
    backup(url, tmp_path / "copy.db")
    assert file_digest(url) == digest
    assert contents(f"sqlite:///{tmp_path / 'copy.db'}") == contents(url)


def test_backup_refuses_to_overwrite_an_existing_backup(tmp_path):
    """An older backup is never silently replaced: clear error, its bytes unchanged."""
    url = database_at("0002", tmp_path)
    existing = tmp_path / "backup.db"
    existing.write_bytes(b"an older backup")
    with pytest.raises(BackupError, match="exists already: refusing to overwrite"):
        backup(url, existing)
    assert existing.read_bytes() == b"an older backup"


def test_backup_of_a_missing_database_creates_no_file(tmp_path):
    """sqlite3.connect() would create an empty database; the backup refuses instead."""
    with pytest.raises(BackupError, match="nothing to back up"):
        backup(f"sqlite:///{tmp_path / 'missing.db'}", tmp_path / "backup.db")
    assert list(tmp_path.iterdir()) == []


def test_restore_from_a_missing_backup_changes_nothing(tmp_path):
    """A wrong backup path is a clear error, and the live database is left byte for byte as it was."""
    url = database_at("0002", tmp_path)
    digest = file_digest(url)
    with pytest.raises(BackupError, match="no backup at"):
        restore(tmp_path / "nowhere.db", url)
    assert file_digest(url) == digest


def test_backup_refuses_a_database_that_is_not_a_sqlite_file(tmp_path):
    """An in-memory database has no file to back up: a clear error, nothing written."""
    with pytest.raises(BackupError, match="not a SQLite file"):
        backup("sqlite://", tmp_path / "backup.db")


def test_command_line_reports_refusals_with_exit_code_1(tmp_path, monkeypatch, capsys):
    """`python -m examples.lifecycle.backup create` succeeds once, then refuses the same file with exit code 1 and a message."""
    url = database_at("0002", tmp_path)
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    target = Path(tmp_path / "b.db")
    assert main(["create", str(target)]) == 0
    assert main(["create", str(target)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err



# Step 1, pre-migration

def inventory_of(url: str) -> str:
    engine = make_engine(url)
    try:
        return inventory(engine)
    finally:
        engine.dispose()


def test_inventory_lists_the_recorded_revision_what_is_pending_and_the_rows(tmp_path):
    """At 0002 the inventory names the recorded revision, every revision still to
    run in order, and each table's row count, read from the database itself."""
    text = inventory_of(database_at("0002", tmp_path))
    assert "recorded revision: 0002\n" in text
    assert "head of the scripts: 0012\n" in text
    assert "revisions to run: 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012\n" in text
    assert "  events                4\n" in text and "  users                 3\n" in text
    assert "  title        VARCHAR(200)  NOT NULL" in text  # the live schema, not the models at head


def test_inventory_at_head_has_nothing_to_run(tmp_path):
    """At the head nothing is pending, and the tables the chain added are listed."""
    text = inventory_of(database_at("0012", tmp_path))
    assert "recorded revision: 0012\n" in text
    assert "revisions to run: (none)\n" in text
    assert "event_attendees" in text and "venues" in text


def test_inventory_writes_nothing(tmp_path):
    """Taking stock must be safe on production: the file's bytes do not change."""
    url = database_at("0002", tmp_path)
    before = file_digest(url)
    inventory_of(url)
    assert file_digest(url) == before



# The lifecycle's starting database

def test_the_starting_database_is_at_0002_with_the_sample_rows(tmp_path, monkeypatch, capsys):
    """`python -m examples.lifecycle.sample_data` creates the file the pages start from."""
    url = f"sqlite:///{tmp_path / 'var' / 'lifecycle.db'}"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert sample_data_main() == 0
    assert capsys.readouterr().out == "created lifecycle.db at revision 0002 with 3 users and 4 events\n"
    assert rows(url, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert rows(url, "SELECT id, email FROM users ORDER BY id") == [(u["id"], u["email"]) for u in USERS]
    assert rows(url, "SELECT count(*) FROM events") == [(len(EVENTS),)]


def test_an_existing_database_is_never_overwritten(tmp_path, monkeypatch, capsys):
    """Run twice: the second run refuses with exit code 1 and the file is unchanged."""
    url = f"sqlite:///{tmp_path / 'lifecycle.db'}"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert sample_data_main() == 0
    digest = file_digest(url)
    assert sample_data_main() == 1
    assert "exists already" in capsys.readouterr().err
    assert file_digest(url) == digest
