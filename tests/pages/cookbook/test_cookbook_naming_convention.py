"""docs/cookbook/naming-convention.md, on SQLite and PostgreSQL: a convention added
after the first revision ran leaves old databases with other constraint names than
new ones, and a revision that names them the convention's way brings them together.

Each engine's story runs once per module (an old database: the drop fails, then the
fix; a fresh one: the whole chain), and each test checks one of its claims."""

import tempfile
from pathlib import Path

import pytest

from tools.outputs.scenarios._cookbook import run
from tools.outputs.scenarios.cookbook_naming_convention import add_drop, add_fix, project_with_old_database, unique_constraints

OLD_NAMES = {"sqlite": "None: UNIQUE (email)\n", "postgresql": "users_email_key: UNIQUE (email)\n"}
CONVENTION_NAME = "uq_users_email: UNIQUE (email)\n"
DROP_FAILS = {
    "sqlite": "ValueError: No such constraint: 'uq_users_email'",
    "postgresql": 'constraint "uq_users_email" of relation "users" does not exist',
}


def new_database(engine: str, folder: Path, name: str, request: pytest.FixtureRequest) -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder / f'{name}.db'}"
    return request.getfixturevalue("postgresql_server").create_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def story(request) -> dict:
    engine = request.param
    seen = {"engine": engine}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, fresh = (new_database(engine, folder, name, request) for name in ("old", "fresh"))
        project = project_with_old_database(folder, old)
        seen["old_names"] = unique_constraints(old)
        run(project, "upgrade 0001", url=fresh)
        seen["fresh_names"] = unique_constraints(fresh)
        add_drop(project)
        seen["drop_on_old"] = run(project, "upgrade head", expect=1, url=old)
        seen["old_names_after_failure"] = unique_constraints(old)
        seen["old_current_after_failure"] = run(project, "current", url=old)
        add_fix(project)
        for name, url in (("old", old), ("fresh", fresh)):
            run(project, "upgrade 0002", url=url)
            seen[f"{name}_names_after_fix"] = unique_constraints(url)
            run(project, "upgrade head", url=url)
            seen[f"{name}_names_at_head"] = unique_constraints(url)
            seen[f"{name}_check"] = run(project, "check", url=url)
    return seen


def test_a_constraint_created_before_the_convention_has_the_databases_name(story):
    assert story["old_names"] == OLD_NAMES[story["engine"]]


def test_the_same_first_revision_run_today_gives_the_convention_name(story):
    """Alembic names an unnamed constraint with the convention of the env's target_metadata,
    so a database built today differs from one built before the convention."""
    assert story["fresh_names"] == CONVENTION_NAME


def test_dropping_by_the_convention_name_fails_on_the_old_database_and_changes_nothing(story):
    assert DROP_FAILS[story["engine"]] in story["drop_on_old"]
    assert story["old_names_after_failure"] == OLD_NAMES[story["engine"]]
    assert story["old_current_after_failure"].rstrip().endswith("0001")


def test_after_the_naming_revision_the_drop_runs_on_the_old_database(story):
    assert story["old_names_after_fix"] == CONVENTION_NAME
    assert story["old_names_at_head"] == ""
    assert "No new upgrade operations detected." in story["old_check"]


def test_the_naming_revision_changes_nothing_on_a_database_built_with_the_convention(story):
    assert story["fresh_names_after_fix"] == CONVENTION_NAME
    assert story["fresh_names_at_head"] == ""
    assert "No new upgrade operations detected." in story["fresh_check"]
