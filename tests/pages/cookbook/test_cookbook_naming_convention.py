"""docs/cookbook/naming-convention.md, on SQLite and PostgreSQL: a convention added
after the first revision ran leaves old databases with other constraint names than
new ones, and a revision that names them the convention's way brings them together."""

import tempfile
from pathlib import Path

import pytest

from tools.snapshots._cookbook import run
from tools.snapshots.cookbook_naming_convention import add_drop, add_fix, project_with_old_database, unique_constraints

OLD_NAMES = {"sqlite": "None: UNIQUE (email)\n", "postgresql": "users_email_key: UNIQUE (email)\n"}
DROP_FAILS = {
    "sqlite": "ValueError: No such constraint: 'uq_users_email'",
    "postgresql": 'constraint "uq_users_email" of relation "users" does not exist',
}


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def engine_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def test_a_constraint_created_before_the_convention_has_the_databases_name(folder, engine_url):
    project_with_old_database(folder, engine_url)
    assert unique_constraints(engine_url) == OLD_NAMES[engine_of(engine_url)]


def test_the_same_first_revision_run_today_gives_the_convention_name(folder, engine_url, tmp_path_factory):
    """Alembic names an unnamed constraint with the convention of the env's target_metadata,
    so a database built today differs from one built before the convention."""
    project = project_with_old_database(folder, f"sqlite:///{tmp_path_factory.mktemp('old') / 'old.db'}")
    run(project, "upgrade 0001", url=engine_url)
    assert unique_constraints(engine_url) == "uq_users_email: UNIQUE (email)\n"


def test_dropping_by_the_convention_name_fails_on_the_old_database_and_changes_nothing(folder, engine_url):
    project = project_with_old_database(folder, engine_url)
    add_drop(project)
    text = run(project, "upgrade head", expect=1, url=engine_url)
    assert DROP_FAILS[engine_of(engine_url)] in text
    assert unique_constraints(engine_url) == OLD_NAMES[engine_of(engine_url)]
    assert run(project, "current", url=engine_url).rstrip().endswith("0001")


def test_after_the_naming_revision_the_drop_runs_on_the_old_database(folder, engine_url):
    project = project_with_old_database(folder, engine_url)
    add_drop(project)
    add_fix(project)
    run(project, "upgrade 0002", url=engine_url)
    assert unique_constraints(engine_url) == "uq_users_email: UNIQUE (email)\n"
    run(project, "upgrade head", url=engine_url)
    assert unique_constraints(engine_url) == ""
    assert "No new upgrade operations detected." in run(project, "check", url=engine_url)


def test_the_naming_revision_changes_nothing_on_a_database_built_with_the_convention(
    folder, engine_url, tmp_path_factory
):
    project = project_with_old_database(folder, f"sqlite:///{tmp_path_factory.mktemp('old') / 'old.db'}")
    add_drop(project)
    add_fix(project)
    run(project, "upgrade 0002", url=engine_url)
    assert unique_constraints(engine_url) == "uq_users_email: UNIQUE (email)\n"
    run(project, "upgrade head", url=engine_url)
    assert "No new upgrade operations detected." in run(project, "check", url=engine_url)
