"""docs/cookbook/pytest-alembic.md: pytest-alembic's built-in tests catch a
downgrade that forgets an index, pass once it is fixed, and the pytest pin the
plugin needs is the one installed."""

import tomllib
from importlib.metadata import version

import pytest

# The module, not its functions: imported test_* names would be collected here again.
from pytest_alembic import tests as built_in

from examples.cookbook.project import ROOT
from tools.outputs.scenarios._cookbook import add, build, run
from tools.outputs.scenarios.cookbook_pytest_alembic import REVISION, run_built_in_test


def test_up_down_consistency_catches_the_forgotten_index(tmp_path):
    """0003's downgrade leaves ix_users_nickname behind; 0002's downgrade then rebuilds
    users without `nickname` and fails re-creating the index: pytest-alembic reports
    the failing step and SQLite's error."""
    project = build("pytest_alembic", tmp_path / "project")
    verdict, text = run_built_in_test(project, built_in.test_up_down_consistency)
    assert verdict == "FAILED"
    assert text.startswith("pytest_alembic.plugin.error.AlembicTestFailure: Failed to downgrade through each revision")
    assert "no such column: nickname" in text
    assert "CREATE INDEX ix_users_nickname ON users (nickname)" in text


def test_failing_revision_names_the_target_of_the_failed_downgrade(tmp_path):
    """The report says "Failing Revision: 0001", but 0001 runs nothing: the step that
    fails is 0002's downgrade (0002 -> 0001). By hand, 0003's downgrade goes through
    and 0002's fails with the same error."""
    project = build("pytest_alembic", tmp_path / "project")
    _, text = run_built_in_test(project, built_in.test_up_down_consistency)
    assert "Failing Revision:\n    0001\n" in text
    run(project, "upgrade head")
    run(project, "downgrade 0002")
    failed = run(project, "downgrade 0001", expect=1)
    assert "Running downgrade 0002 -> 0001" in failed
    assert "no such column: nickname" in failed


@pytest.mark.parametrize(
    "test",
    [built_in.test_single_head_revision, built_in.test_upgrade, built_in.test_up_down_consistency],
    ids=lambda test: test.__name__,
)
def test_the_fixed_chain_passes_the_built_in_tests(tmp_path, test):
    """With the downgrade dropping the index first, each built-in test passes."""
    project = build("pytest_alembic", tmp_path / "project")
    add("pytest_alembic", project, REVISION)
    assert run_built_in_test(project, test) == ("passed", "")


def test_pytest_is_pinned_below_9_2_and_installed_as_pinned():
    """pyproject.toml pins pytest 9.1.1 next to pytest-alembic 0.13.1 (which fails at
    collection on pytest 9.2.0), requirements.lock agrees, and those are the versions
    this run uses."""
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert {"pytest==9.1.1", "pytest-alembic==0.13.1"} <= set(dependencies)
    lock = (ROOT / "requirements.lock").read_text().splitlines()
    assert {"pytest==9.1.1", "pytest-alembic==0.13.1"} <= set(lock)
    assert (version("pytest"), version("pytest-alembic")) == ("9.1.1", "0.13.1")
