"""docs/cookbook/data-migrations.md: a data migration that imports today's ORM
model fails on a table from the past; one that describes its table with
sa.table() keeps working, and sends its values as bound parameters."""

import ast
import tempfile

import pytest

from examples.cookbook.project import recipe_folder
from tools.outputs.scenarios._cookbook import (
    add,
    columns,
    query,
    run,
    statements_of_a_failed_upgrade,
    upgrade_sql,
    version_rows,
)
from tools.outputs.scenarios.cookbook_data_migrations import (
    DATA_MIGRATION,
    project_with_users,
)


@pytest.fixture
def project():
    with tempfile.TemporaryDirectory() as tmp:
        yield project_with_users(tmp)


def test_orm_data_migration_fails_once_the_model_has_a_newer_column(project):
    """Revision 0003 queries the User model, which now maps `bio` (added by 0004):
    the SELECT names a column the table does not have yet. The upgrade fails and
    the rows and version are untouched."""
    before = query(project, "SELECT * FROM users ORDER BY id")
    text = run(project, "upgrade head", expect=1)
    assert "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such column: users.bio" in text
    assert "[SQL: SELECT users.id, users.email, users.nickname, users.bio" in text
    assert query(project, "SELECT * FROM users ORDER BY id") == before
    assert version_rows(project) == ["0002"]
    assert "bio" not in columns(project, "users")


def test_orm_data_migration_fails_on_its_first_statement(project):
    """The failing SELECT is the first statement 0003 sends: nothing was written
    before it, so there is nothing for a rollback to undo."""
    sent, failure = statements_of_a_failed_upgrade(project)
    assert "no such column: users.bio" in str(failure)
    assert len(sent) == 1 and sent[0].startswith("SELECT users.id, users.email, users.nickname, users.bio")


def test_sa_table_data_migration_runs_and_uses_bound_parameters(project):
    """With the sa.table() version of 0003 the whole chain runs; the nicknames are
    filled, and the UPDATE's text holds placeholders, the values travel separately."""
    add("data_migrations", project, DATA_MIGRATION)
    sql = upgrade_sql(project, "head")
    assert "UPDATE users SET nickname=? WHERE users.id = ?;\n-- parameters: [('ada', 1), ('grace', 2)]" in sql
    assert query(project, "SELECT email, nickname FROM users ORDER BY id") == [
        ("ada@example.org", "ada"),
        ("grace@example.org", "grace"),
    ]
    assert version_rows(project) == ["0004"]


def test_sa_table_revision_imports_nothing_from_the_app():
    """The fixed revision depends only on sqlalchemy and alembic: nothing a later
    change to the models can break."""
    tree = ast.parse((recipe_folder("data_migrations") / "extra" / "0003_fill_nicknames.py").read_text())
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"sqlalchemy", "alembic"}
