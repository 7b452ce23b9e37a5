"""Step 2, back up data: SQLite's online backup API, and a restore proved identical."""

import sqlite3
from pathlib import Path

import pytest

from examples.lifecycle import backup as backup_module
from examples.lifecycle.backup import BackupError, backup, contents, main, restore
from tests.lifecycle_support import database_at, file_digest
from tools.sql_capture import migration_sql


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
