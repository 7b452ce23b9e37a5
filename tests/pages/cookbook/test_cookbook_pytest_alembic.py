"""docs/cookbook/pytest-alembic.md: pytest-alembic's built-in tests catch a
downgrade that forgets an index, pass once it is fixed, and the pytest pin the
plugin needs is the one installed."""

import tomllib
from importlib.metadata import version

import pytest

# The module, not its functions: imported test_* names would be collected here again.
from pytest_alembic import tests as built_in

from examples.cookbook.project import ROOT
from tools.outputs.scenarios._cookbook import add, build
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
