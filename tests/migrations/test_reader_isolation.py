"""No test touches the reader's database, and the chain's checks run on the database they are given.

pytest-alembic hands env.py a wrapper around its open connection for
`test_downgrade_leaves_no_trace`; env.py used to ignore it and migrate the
configured database instead, so that check compared two copies of an untouched
database and could not fail. These tests break a downgrade and watch it fail.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_alembic
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from pytest_alembic.config import Config as PytestAlembicConfig
from pytest_alembic.plugin.error import AlembicTestFailure
from pytest_alembic.tests.experimental.downgrade_leaves_no_trace import (
    test_downgrade_leaves_no_trace as pytest_alembic_downgrade_leaves_no_trace,
)

import tests.migrations.test_migrations as chain_checks
from examples.app.db import make_engine
from tests import reader_isolation
from tests.conftest import IRREVERSIBLE_REVISIONS
from tools.outputs.sql_capture import handbook_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chain_with_leaky_downgrade(tmp_path) -> Path:
    """The real revisions plus one on top whose downgrade forgets the column it added."""
    versions = tmp_path / "versions"
    shutil.copytree(ROOT / "migrations" / "versions", versions, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory.from_config(handbook_config()).get_current_head()
    (versions / "leaky_add_user_nickname.py").write_text(textwrap.dedent(f'''\
        """add users.nickname; the downgrade forgets to drop it"""
        import sqlalchemy as sa
        from alembic import op

        revision = "leaky"
        down_revision = "{head}"
        branch_labels = depends_on = None

        def upgrade():
            op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))

        def downgrade():
            pass  # the bug: users.nickname stays behind
        '''))
    return versions


@pytest.fixture
def leaky_runner(chain_with_leaky_downgrade, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'leaky.db'}", foreign_keys=False)
    config = PytestAlembicConfig(
        alembic_config=handbook_config(versions=chain_with_leaky_downgrade),
        minimum_downgrade_revision=IRREVERSIBLE_REVISIONS[-1],
    )
    with pytest_alembic.runner(config=config, engine=engine) as runner:
        yield runner, engine
    engine.dispose()


def test_pytest_alembic_downgrade_check_fails_on_a_downgrade_that_leaves_a_column(leaky_runner):
    """pytest-alembic's `downgrade_leaves_no_trace` now migrates the database it holds open
    (env.py uses the wrapper it is given), so a downgrade that leaves a column fails it."""
    runner, _ = leaky_runner
    with pytest.raises(AlembicTestFailure, match="'leaky'-downgrade"):
        pytest_alembic_downgrade_leaves_no_trace(runner)


def test_own_round_trip_check_fails_on_a_downgrade_that_leaves_a_column(leaky_runner):
    """The handbook's own per-revision check catches the same bug, naming the revision."""
    runner, engine = leaky_runner
    with pytest.raises(AssertionError, match="downgrade of leaky left changes behind"):
        chain_checks.test_every_revision_goes_up_down_and_up_again(runner, engine)


def test_a_test_that_asks_for_no_database_cannot_open_the_configured_one():
    """Without a database fixture, HANDBOOK_DATABASE_URL names a place that cannot be
    opened: an upgrade that falls back to "the configured database" fails loudly."""
    assert os.environ["HANDBOOK_DATABASE_URL"] == reader_isolation.UNASKED_URL
    with pytest.raises(OSError, match="no-test-asked-for-a-database"):
        command.upgrade(handbook_config(), "head")


def test_opening_var_handbook_db_from_a_test_is_refused(monkeypatch):
    """The reader's default database is refused by the connect hook, whatever URL or
    working directory leads to it, before SQLite creates or opens the file."""
    monkeypatch.chdir(ROOT)
    engine = sa.create_engine("sqlite:///var/handbook.db")
    try:
        with pytest.raises(reader_isolation.ReadersDatabaseOpened, match="the reader's database"):
            engine.connect()
    finally:
        engine.dispose()


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def test_a_pytest_run_leaves_the_readers_database_unchanged(tmp_path):
    """A reader with HANDBOOK_DATABASE_URL exported runs the chain's tests (pytest-alembic's
    included): their database and var/handbook.db are byte for byte as before.

    The chain's tests run on SQLite here, not on PostgreSQL too: both engines go through the
    same fixtures, guard and env.py, and a test that fell back to the configured database
    would reach the reader's SQLite file from either; the PostgreSQL half only added a server."""
    readers = tmp_path / "readers.db"
    engine = sa.create_engine(f"sqlite:///{readers}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE bookmark (page TEXT)")
        connection.exec_driver_sql("INSERT INTO bookmark VALUES ('lifecycle/testing')")
    engine.dispose()
    watched = [readers, ROOT / "var" / "handbook.db"]
    before = [_digest(path) for path in watched]

    env = {**os.environ, "HANDBOOK_DATABASE_URL": f"sqlite:///{readers}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
         "tests/migrations/test_migrations.py", "-k", "not postgresql"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert [_digest(path) for path in watched] == before
