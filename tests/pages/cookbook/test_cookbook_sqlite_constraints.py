"""docs/cookbook/sqlite-constraints.md: "No support for ALTER of constraints in
SQLite dialect" and "Constraint must have a name", produced by the revisions
autogenerate writes, and the setup that works (batch mode + a naming convention)."""

import sqlite3

import pytest

from tools.outputs.scenarios._cookbook import (
    add,
    build,
    query,
    run,
    schema,
    statements_of_a_failed_upgrade,
    version_rows,
)
from tools.outputs.scenarios.cookbook_sqlite_constraints import (
    DROP_REVISION,
    autogenerate_with,
    project_with_unnamed_unique,
)


@pytest.fixture
def project(tmp_path):
    project = build("sqlite_constraints", tmp_path / "project")
    run(project, "upgrade head")
    query(project, "INSERT INTO users (email) VALUES ('ada@example.org')")
    return project


def test_plain_alter_of_a_constraint_fails_on_sqlite_and_changes_nothing(project):
    """Without batch mode, autogenerate writes op.create_unique_constraint(None, ...);
    SQLite's impl raises NotImplementedError, and the upgrade leaves the database at 0002."""
    _, upgrade = autogenerate_with(project, None)
    assert "op.create_unique_constraint(None, 'users', ['email'])" in upgrade
    before = schema(project)
    text = run(project, "upgrade head", expect=1)
    assert text.rstrip().endswith("NotImplementedError: No support for ALTER of constraints in SQLite dialect. "
                                  "Please refer to the batch mode feature which allows for SQLite migrations "
                                  "using a copy-and-move strategy.")
    assert schema(project) == before
    assert version_rows(project) == ["0002"]


def test_batch_mode_without_a_naming_convention_fails_with_constraint_must_have_a_name(project):
    """With batch mode but no naming convention, the constraint is still unnamed
    (None) and batch mode refuses it; nothing changes."""
    _, upgrade = autogenerate_with(project, "env_batch.py")
    assert "batch_op.create_unique_constraint(None, ['email'])" in upgrade
    before = schema(project)
    text = run(project, "upgrade head", expect=1)
    assert text.rstrip().endswith("ValueError: Constraint must have a name")
    assert schema(project) == before
    assert version_rows(project) == ["0002"]


def test_naming_convention_and_batch_mode_add_the_constraint_and_keep_the_rows(project):
    """With a naming convention the revision names the constraint (uq_users_email);
    batch mode rebuilds the table with it, the rows survive, and duplicates are refused."""
    _, upgrade = autogenerate_with(project, "env_named.py")
    assert "batch_op.create_unique_constraint(batch_op.f('uq_users_email'), ['email'])" in upgrade
    run(project, "upgrade head")
    assert version_rows(project) == ["0003"]
    assert query(project, "SELECT email FROM users") == [("ada@example.org",)]
    (sql,) = query(project, "SELECT sql FROM sqlite_schema WHERE name = 'users'")[0]
    assert "CONSTRAINT uq_users_email UNIQUE (email)" in sql
    with pytest.raises(sqlite3.IntegrityError, match=r"UNIQUE constraint failed: users.email"):
        query(project, "INSERT INTO users (email) VALUES ('ada@example.org')")
    assert not [row for row in schema(project) if row[1].startswith("_alembic_tmp")]


def test_a_constraint_created_without_a_name_cannot_be_dropped_by_name(tmp_path):
    """A unique constraint created with no name has none in SQLite either; batch mode
    reflects it unnamed, so dropping "uq_tags_name" fails, and the upgrade changes nothing."""
    project = project_with_unnamed_unique(str(tmp_path))
    before = schema(project)
    text = run(project, "upgrade head", expect=1)
    assert text.rstrip().endswith("ValueError: No such constraint: 'uq_tags_name'")
    assert schema(project) == before
    assert version_rows(project) == ["0003"]


def test_a_naming_convention_on_the_batch_operation_names_the_reflected_constraint(tmp_path):
    """batch_alter_table(naming_convention=...) names the reflected constraint, so the drop
    works: the table is rebuilt without it and duplicate names are accepted."""
    project = project_with_unnamed_unique(str(tmp_path))
    add("sqlite_constraints", project, DROP_REVISION, "0004_allow_duplicate_tag_names_fixed.py")
    run(project, "upgrade head")
    assert version_rows(project) == ["0004"]
    (sql,) = query(project, "SELECT sql FROM sqlite_schema WHERE name = 'tags'")[0]
    assert "UNIQUE" not in sql
    query(project, "INSERT INTO tags (name) VALUES ('sql'), ('sql')")
    assert query(project, "SELECT count(*) FROM tags") == [(2,)]


def test_the_constraint_errors_are_raised_before_any_sql_is_sent(project, tmp_path):
    """"No support for ALTER of constraints" and "No such constraint" come from Alembic
    itself, before the revision sends SQLite anything: the database stays put because
    nothing was sent, not because a transaction was rolled back."""
    autogenerate_with(project, None)
    sent, failure = statements_of_a_failed_upgrade(project)
    assert isinstance(failure, NotImplementedError) and sent == []
    unnamed = project_with_unnamed_unique(str(tmp_path / "unnamed"))
    sent, failure = statements_of_a_failed_upgrade(unnamed)
    assert str(failure) == "No such constraint: 'uq_tags_name'" and sent == []
