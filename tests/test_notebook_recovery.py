"""examples/notebooks/recovery.py: the backup, restore, failing revision and stock
project the "Break it and recover" notebook uses."""

import sqlite3
from pathlib import Path

import alembic
import pytest

from examples.notebooks.recovery import (
    RecoveryError,
    backup,
    contents,
    failing_revision,
    online_runner,
    restore,
    stock_project,
    versions_with,
)


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "live.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
        db.executemany("INSERT INTO users (email) VALUES (?)", [("a@example.org",), ("b@example.org",)])
    return path


def test_backup_then_restore_gives_back_schema_and_rows(live, tmp_path):
    saved = backup(live, tmp_path / "saved.db")
    assert contents(saved) == contents(live)
    with sqlite3.connect(live) as db:
        db.execute("DROP TABLE users")
        db.execute("CREATE TABLE leftover (x)")
    assert contents(live) != contents(saved)
    restore(saved, live)
    assert contents(live) == contents(saved)


def test_backup_refuses_a_missing_database_and_an_existing_backup(live, tmp_path):
    """Bad input gets a clear error and writes nothing."""
    with pytest.raises(RecoveryError, match="no database at .*missing.db: nothing to back up"):
        backup(tmp_path / "missing.db", tmp_path / "out.db")
    assert not (tmp_path / "missing.db").exists() and not (tmp_path / "out.db").exists()
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"an older backup")
    with pytest.raises(RecoveryError, match="exists already: refusing to overwrite a backup"):
        backup(live, existing)
    assert existing.read_bytes() == b"an older backup"


def test_restore_refuses_a_missing_backup_and_leaves_the_database(live, tmp_path):
    before = contents(live)
    with pytest.raises(RecoveryError, match="no backup at .*: the database was left as it is"):
        restore(tmp_path / "nothing.db", live)
    assert contents(live) == before


def test_failing_revision_follows_the_head_and_raises_after_two_changes():
    text = failing_revision("0012")
    assert 'down_revision = "0012"' in text and 'revision = "fails_halfway"' in text
    upgrade = text[text.index("def upgrade") : text.index("def downgrade")]
    assert upgrade.index("create_table") < upgrade.index("batch_alter_table") < upgrade.index("raise RuntimeError")


def test_stock_project_is_alembic_init_untouched_with_the_handbook_revisions(tmp_path):
    """The stock env.py is the template of the pinned Alembic, byte for byte."""
    versions = versions_with(tmp_path / "versions", {"extra.py": failing_revision("0012")})
    config = stock_project(tmp_path / "stock", tmp_path / "stock.db", versions)
    env_py = tmp_path / "stock" / "migrations" / "env.py"
    template = Path(alembic.__file__).parent / "templates" / "generic" / "env.py"
    assert env_py.read_text() == template.read_text()
    assert sorted(p.name for p in (tmp_path / "stock" / "migrations" / "versions").glob("*.py")) == sorted(
        p.name for p in versions.glob("*.py")
    )
    assert config.get_main_option("sqlalchemy.url") == f"sqlite:///{tmp_path / 'stock.db'}"
    runner = online_runner(env_py)
    assert runner.startswith("def run_migrations_online() -> None:") and "context.run_migrations()" in runner
    # Running it is left to the notebook's own kernel (tests/test_notebooks.py): the stock
    # env.py calls logging's fileConfig, which would disable the loggers of this process.
