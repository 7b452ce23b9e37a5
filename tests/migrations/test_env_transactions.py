"""The handbook's env.py makes a failed upgrade leave the database exactly as it was,
on SQLite and on PostgreSQL (each test runs on both, through `engine_url`).

Alembic's SQLite support assumes no transactional DDL, and Python's sqlite3
driver runs CREATE and ALTER outside any transaction. env.py and
examples/app/db.py fix both; these tests show the result. PostgreSQL's DDL is
transactional on its own; the same tests show env.py keeps it so.
"""

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from examples.app.db import make_engine
from examples.notebooks_break_and_recover.recovery import failing_revision
from tests.lifecycle_support import every_row, reflected_schema
from tools.common import ROOT


@pytest.fixture
def database_url(engine_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh database on each engine, exported as HANDBOOK_DATABASE_URL for commands."""
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", engine_url)
    return engine_url


def database_state(url: str) -> tuple[str, dict[str, list[tuple]]]:
    """The schema as the database reports it, and every row (alembic_version's too)."""
    engine = sa.create_engine(url)
    try:
        return reflected_schema(engine), every_row(engine)
    finally:
        engine.dispose()


def file_digest(url: str) -> str | None:
    """A SQLite file's bytes, hashed (None on a server: there is no file to read)."""
    if not url.startswith("sqlite"):
        return None
    return hashlib.sha256(Path(sa.engine.make_url(url).database).read_bytes()).hexdigest()


@pytest.fixture
def chain_with_failing_revision(alembic_cfg, tmp_path):
    """The real revisions, plus one on top that raises after changing two tables
    (the revision the notebook "Break it and recover" breaks, with a failure of our own)."""
    versions = tmp_path / "versions"
    shutil.copytree(ROOT / "migrations" / "versions", versions, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory.from_config(alembic_cfg).get_current_head()
    fault = versions / "fault_fails_halfway.py"

    def write(failure: str) -> None:
        fault.write_text(failing_revision(head, revision="fault", failure=failure))
        shutil.rmtree(versions / "__pycache__", ignore_errors=True)

    write('raise RuntimeError("simulated failure after two schema changes")')
    alembic_cfg.set_main_option("version_locations", str(versions))
    return alembic_cfg, head, write


def test_failed_revision_leaves_database_unchanged(chain_with_failing_revision, database_url):
    """A revision that creates a table and rebuilds another in batch mode, then
    raises: the schema, the recorded version and the file's bytes are unchanged."""
    config, head, _ = chain_with_failing_revision
    command.upgrade(config, head)
    before, digest = database_state(database_url), file_digest(database_url)

    with pytest.raises(RuntimeError, match="simulated failure"):
        command.upgrade(config, "fault")

    assert database_state(database_url) == before
    assert file_digest(database_url) == digest
    assert before[1]["alembic_version"] == [(head,)]


def test_retry_after_fixing_the_failed_revision_succeeds(chain_with_failing_revision, database_url):
    """Nothing was left half-applied, so once the revision is fixed the same
    upgrade simply runs: no "table already exists", no leftover _alembic_tmp_ table."""
    config, head, write = chain_with_failing_revision
    command.upgrade(config, head)
    with pytest.raises(RuntimeError):
        command.upgrade(config, "fault")

    write("pass  # fixed")
    command.upgrade(config, "fault")

    _, rows = database_state(database_url)
    assert rows["alembic_version"] == [("fault",)]
    assert "audit_log" in rows
    assert not any(name.startswith("_alembic_tmp") for name in rows)
    engine = sa.create_engine(database_url)
    users = {c["name"] for c in sa.inspect(engine).get_columns("users")}
    engine.dispose()
    assert "nickname" in users


def test_whole_upgrade_is_one_transaction(chain_with_failing_revision, database_url):
    """From an empty database, a failure in the last revision rolls back every
    revision of the run: the database stays empty, as env.py's docstring says."""
    config, _, _ = chain_with_failing_revision
    with pytest.raises(RuntimeError):
        command.upgrade(config, "fault")
    engine = sa.create_engine(database_url)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


@pytest.mark.parametrize("engine_url", ["sqlite"], indirect=True)  # PostgreSQL never switches keys off
def test_upgrade_that_orphans_rows_is_rolled_back(alembic_cfg, database_url, tmp_path):
    """Foreign keys are off while batch mode rebuilds tables; env.py runs
    PRAGMA foreign_key_check before COMMIT, so orphaned rows abort the upgrade."""
    versions = tmp_path / "versions"
    shutil.copytree(ROOT / "migrations" / "versions", versions, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory.from_config(alembic_cfg).get_current_head()
    (versions / "orphan_rows.py").write_text(textwrap.dedent(f'''\
        """a data change that leaves an event without its owner"""
        from alembic import op
        revision = "orphan"
        down_revision = "{head}"
        branch_labels = depends_on = None

        def upgrade():
            op.execute("INSERT INTO users (id, email, display_name) VALUES (1, 'a@example.org', 'A')")
            op.execute("INSERT INTO events (owner_id, name, starts_at) VALUES (1, 'Kick-off', '2026-12-01 10:00')")
            op.execute("DELETE FROM users WHERE id = 1")

        def downgrade():
            pass
        '''))
    alembic_cfg.set_main_option("version_locations", str(versions))
    command.upgrade(alembic_cfg, head)
    before = database_state(database_url)

    with pytest.raises(RuntimeError, match="foreign key violations"):
        command.upgrade(alembic_cfg, "orphan")

    assert database_state(database_url) == before


def test_sqlite_driver_sends_no_begin_of_its_own(tmp_path):
    """db.py sets the driver's isolation_level to None so that only the engine's begin
    event opens transactions: a statement sent straight to the driver, past SQLAlchemy,
    gets no BEGIN from the driver (in its default mode it would open one before an INSERT)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'driver.db'}")
    raw = engine.raw_connection()
    try:
        sent: list[str] = []
        raw.driver_connection.set_trace_callback(sent.append)
        cursor = raw.cursor()
        cursor.execute("CREATE TABLE notes (body TEXT)")
        cursor.execute("INSERT INTO notes VALUES ('x')")
        assert [s for s in sent if s.strip().upper().startswith("BEGIN")] == []
        assert raw.driver_connection.in_transaction is False  # the INSERT committed on its own
    finally:
        raw.close()
        engine.dispose()
