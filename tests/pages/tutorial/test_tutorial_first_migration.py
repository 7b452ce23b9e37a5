"""docs/tutorial/first-migration.md: the reader's own project, from `alembic init`
in an empty folder to a downgrade and back.

The page's outputs are checked by tests/docs/test_snapshots.py, which runs the
tutorial's steps afresh (tools/outputs/scenarios/tutorial_first_migration.py); this module
checks that the page gives those steps in the order the run takes them, and the
claims the page makes about what would happen otherwise.
"""

import logging
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy.schema import CreateTable

from examples.alembic_transactions.projects import Settings, run_upgrade
from tools.outputs.scenarios.tutorial_first_migration import (
    NAME,
    REVISION_IDS,
    SECOND,
    STEPS,
    Run,
    StaleExample,
    Write,
    check_write,
    edited,
    follow,
    run_command,
    steps_through,
)
from tools.site.pages import ROOT, includes

PAGE = ROOT / "docs" / "tutorial" / "first-migration.md"


def step_shown_by(path: str) -> int | None:
    """The index in STEPS of the step whose file the page embeds at `path`."""
    for index, step in enumerate(STEPS):
        if isinstance(step, Write) and path == f"examples/tutorial_first_migration/{step.source}":
            return index
        if not isinstance(step, Write) and path == f"docs/_generated/{NAME}/{step.output}":
            return index
    return None


def project_at(output: str, tmp_path: Path) -> Path:
    project = tmp_path / "bookshelf"
    project.mkdir()
    follow(project, steps_through(output))
    return project


def query(project: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(project / "bookshelf.db")
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def tables_and_version(project: Path) -> tuple[list[tuple], list[tuple]]:
    return (
        query(project, "SELECT type, name, sql FROM sqlite_schema ORDER BY name"),
        query(project, "SELECT version_num FROM alembic_version"),
    )


def alembic_fails(project: Path, command: str) -> str:
    with pytest.raises(RuntimeError) as failure:
        run_command(command, project)
    return str(failure.value)


def test_tutorial_page_shows_every_step_in_the_order_the_run_takes_them():
    """Every command, edit and output of the run is on the page once, in the run's order:
    the page's commands, typed in that order in an empty folder, are the run."""
    shown = [step_shown_by(include.path) for include in includes(PAGE.read_text(encoding="utf-8"))]
    assert [index for index in shown if index is not None] == list(range(len(STEPS)))
    assert all(isinstance(step, Write) or step.output for step in STEPS)
    assert next(step.command for step in STEPS if isinstance(step, Run)) == "alembic init migrations"
    page = PAGE.read_text(encoding="utf-8")
    assert all(f"`{step.replaces}`" in page for step in STEPS if isinstance(step, Write) and step.replaces)


def test_an_example_that_edits_more_than_the_page_shows_is_refused():
    """The run refuses an example file that changes a line the page does not show,
    before writing it, so the page cannot hide an edit the reader must make."""
    stock = "a = 1\nb = 2\n"
    shown_edit = "a = 1\n# --8<-- [start:b]\nb = 3\n# --8<-- [end:b]\n"
    check_write(Write("x", "x", kind="edit"), shown_edit, stock)
    with pytest.raises(StaleExample, match=r"changes lines the page does not show: \['a = 9'\]"):
        check_write(Write("x", "x", kind="edit"), shown_edit.replace("a = 1", "a = 9"), stock)
    with pytest.raises(StaleExample, match="has no single line 'b = 1' to replace"):
        edited(Write("x", "x", kind="replace", replaces="b = 1"), shown_edit, stock)
    generated = "revision = 'x'\n\n\ndef upgrade() -> None:\n    pass\n"
    check_write(Write("x", "x", kind="bodies"), generated.replace("pass", "op.drop_table('t')"), generated)
    with pytest.raises(StaleExample, match="outside upgrade"):
        check_write(Write("x", "x", kind="bodies"), generated.replace("'x'", "'y'"), generated)


def test_op_f_keeps_a_name_the_naming_convention_would_rewrite():
    """A convention that uses the constraint's own name rewrites a plain name again;
    op.f() marks it final, so it is used as written."""
    op = Operations(MigrationContext.configure(dialect_name="sqlite"))
    metadata = sa.MetaData(naming_convention={"ck": "ck_%(table_name)s_%(constraint_name)s"})
    plain = sa.Table("a", metadata, sa.Column("n", sa.Integer), sa.CheckConstraint("n > 0", name="ck_a_positive"))
    final = sa.Table("b", metadata, sa.Column("n", sa.Integer), sa.CheckConstraint("n > 0", name=op.f("ck_b_positive")))
    assert "CONSTRAINT ck_a_ck_a_positive CHECK" in str(CreateTable(plain))
    assert "CONSTRAINT ck_b_positive CHECK" in str(CreateTable(final))


def test_autogenerate_without_target_metadata_is_refused(tmp_path):
    """With the env.py `alembic init` wrote (target_metadata = None), autogenerate
    stops with an error naming env.py, and writes no revision file."""
    project = project_at("06-insert.txt", tmp_path)
    before = sorted((project / "migrations" / "versions").glob("*.py"))
    message = alembic_fails(project, 'alembic revision --autogenerate -m "rename book name to title"')
    assert "Can't proceed with --autogenerate option; environment script" in message
    assert "does not provide a MetaData object" in message
    assert sorted((project / "migrations" / "versions").glob("*.py")) == before


def test_autogenerated_rename_fails_on_sqlite_before_changing_anything(tmp_path):
    """The revision as autogenerate wrote it: SQLite refuses to add a NOT NULL column
    without a default, at the first statement, so nothing changed."""
    project = project_at("08-autogenerated.py", tmp_path)
    before = tables_and_version(project)
    message = alembic_fails(project, "alembic upgrade head")
    assert "Cannot add a NOT NULL column with default value NULL" in message
    assert tables_and_version(project) == before
    assert before[1] == [(REVISION_IDS[0],)]


def test_autogenerated_rename_with_a_nullable_column_empties_every_title(tmp_path):
    """Add + drop instead of a rename: with a nullable column the upgrade goes through,
    and the book's title is gone."""
    project = project_at("08-autogenerated.py", tmp_path)
    revision = project / SECOND
    text = revision.read_text()
    revision.write_text(text.replace("sa.String(length=200), nullable=False", "sa.String(length=200), nullable=True"))
    run_command("alembic upgrade head", project)
    assert query(project, "SELECT id, title FROM books") == [(1, None)]


FAILING_REVISION = '''
from alembic import op
import sqlalchemy as sa

revision = "c0ffee000001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("shelves", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("books", sa.Column("shelf_id", sa.Integer))
    op.execute("INSERT INTO no_such_table VALUES (1)")


def downgrade():
    pass
'''


def test_stock_env_keeps_what_a_failed_revision_ran_before_failing(tmp_path):
    """With the env.py `alembic init` wrote, on SQLite: a revision that fails on its
    third statement leaves the first two applied, and alembic_version unchanged."""
    project = project_at("03-upgrade.txt", tmp_path)
    (project / "migrations" / "versions" / "c0ffee000001_fails.py").write_text(
        FAILING_REVISION.format(down=REVISION_IDS[0])
    )
    message = alembic_fails(project, "alembic upgrade head")
    assert "no such table: no_such_table" in message
    assert query(project, "SELECT name FROM sqlite_schema WHERE name = 'shelves'") == [("shelves",)]
    assert "shelf_id" in [row[1] for row in query(project, "PRAGMA table_info(books)")]
    assert query(project, "SELECT version_num FROM alembic_version") == [(REVISION_IDS[0],)]


def test_will_assume_transactional_ddl_is_printed_without_the_driver_fix(tmp_path, caplog):
    """The line repeats the `transactional_ddl` setting only: the setting alone, the
    combination that loses 0001's rows and the version row, prints it too."""
    caplog.set_level(logging.INFO, logger="alembic.runtime.migration")
    outcome = run_upgrade("settings", tmp_path / "bench.db", "head", Settings(driver_fix=False, transactional_ddl=True))
    assert "Will assume transactional DDL." in caplog.messages
    assert outcome.error and outcome.state.versions == () and outcome.state.accounts == 0
