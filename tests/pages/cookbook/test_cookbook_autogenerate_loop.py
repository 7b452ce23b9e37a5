"""docs/cookbook/autogenerate-loop.md: a table no model describes is proposed for
dropping on every autogenerate, until env.py's include_name leaves it out."""

import tempfile
from pathlib import Path

import pytest

from tools.outputs.scenarios._cookbook import query, run, section
from tools.outputs.scenarios.cookbook_autogenerate_loop import (
    AUTOGENERATE,
    GENERATED,
    project_with_foreign_table,
    use_filtering_env,
)


@pytest.fixture
def project():
    with tempfile.TemporaryDirectory() as tmp:
        yield project_with_foreign_table(Path(tmp))


def sessions_exists(project: Path) -> bool:
    return query(project, "SELECT name FROM sqlite_schema WHERE name = 'sessions'") == [("sessions",)]


def test_autogenerate_proposes_dropping_a_table_no_model_describes(project):
    text = run(project, AUTOGENERATE)
    assert "Detected removed table 'sessions'" in text
    assert "op.drop_table('sessions')" in section(project / GENERATED, "upgrade")


def test_the_proposal_comes_back_after_it_is_deleted_by_hand(project):
    """Deleting the generated drop fixes nothing: the next comparison finds the same table."""
    run(project, AUTOGENERATE)
    (project / GENERATED).unlink()
    assert "New upgrade operations detected: [('remove_table', Table('sessions'" in run(project, "check", expect=255)
    assert sessions_exists(project)


def test_include_name_leaves_the_foreign_table_out_of_the_comparison(project):
    use_filtering_env(project)
    assert "No new upgrade operations detected." in run(project, "check")
    assert sessions_exists(project)


def test_include_name_still_reports_a_real_difference_in_the_models_tables(project):
    """The hook hides tables, not changes: a column added by hand to a table the models know is still found."""
    use_filtering_env(project)
    query(project, "ALTER TABLE users ADD COLUMN bio TEXT")
    text = run(project, "check", expect=255)
    assert "('remove_column', None, 'users', Column('bio'" in text
    assert "sessions" not in text
