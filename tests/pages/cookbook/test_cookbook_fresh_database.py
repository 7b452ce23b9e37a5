"""docs/cookbook/fresh-database.md: a new database from the models plus
`stamp head` is the same as one built by running every migration."""

import contextlib

import pytest
from alembic.config import Config
from alembic.util import CommandError

from examples.app.db import make_engine
from examples.app.show_schema import describe
from examples.cookbook_fresh_database.create_database import create_database
from tools.outputs.scenarios._cookbook import (
    build,
    run,
    run_module,
    schema,
    version_rows,
)
from tools.outputs.scenarios.cookbook_fresh_database import CREATE, STARTUP


def described(project) -> str:
    engine = make_engine(f"sqlite:///{project / 'app.db'}")
    try:
        return describe(engine)
    finally:
        engine.dispose()


@pytest.fixture
def project(tmp_path, monkeypatch):
    # The project's alembic.ini names its own app.db: the variable must not override it.
    monkeypatch.delenv("HANDBOOK_DATABASE_URL")
    return build("fresh_database", tmp_path / "project")


def test_create_all_alone_records_no_revision_and_the_first_upgrade_fails(project):
    """Tables from create_all() and no alembic_version: Alembic thinks the database
    is empty, replays 0001, and fails on "table users already exists"; nothing changes."""
    run_module(project, STARTUP)
    assert version_rows(project) == []
    before = schema(project)
    text = run(project, "upgrade head", expect=1)
    assert "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) table users already exists" in text
    assert schema(project) == before


def test_create_database_gives_the_migrated_schema_at_head(project, tmp_path):
    """create_all + stamp head: the version row says head, `alembic check` finds no
    difference, and the schema reads back the same as a database built by
    `alembic upgrade head`."""
    run_module(project, CREATE)
    assert version_rows(project) == ["0002"]
    assert "No new upgrade operations detected." in run(project, "check")
    migrated = build("fresh_database", tmp_path / "migrated")
    run(migrated, "upgrade head")
    assert described(project) == described(migrated)
    assert "Running upgrade" not in run(project, "upgrade head")


def test_create_database_is_one_transaction(project):
    """If the stamp fails (here: a second head makes `head` ambiguous), the tables
    created just before are rolled back too."""
    second_head = (project / "versions" / "0002_add_user_nickname.py").read_text()
    second_head = second_head.replace('revision = "0002"', 'revision = "0002b"')
    (project / "versions" / "0002b_second_head.py").write_text(second_head)
    config = Config(str(project / "alembic.ini"))
    config.attributes["configure_logger"] = False
    with contextlib.chdir(project), pytest.raises(CommandError, match="Multiple heads are present"):
        create_database(config)
    assert (project / "app.db").exists()  # the tables were created, then rolled back
    assert schema(project) == []
