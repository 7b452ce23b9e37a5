"""docs/cookbook/ci-at-head.md: what `alembic check` and `alembic current
--check-heads` catch, with their exit codes, and the CI script that runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from examples.cookbook.project import HERE
from tools.snapshots._cookbook import build, run, schema, version_rows
from tools.snapshots.cookbook_ci_at_head import NICKNAME_REVISION, SITUATIONS
from tools.transcript import alembic

EXPECTED = {
    "database behind the head (at 0001)": (255, 255),
    "database at head, models match the migrations": (0, 0),
    "database at head, a model change has no migration": (0, 255),
}


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_exit_codes_of_the_two_checks(situation, tmp_path):
    """`current --check-heads` fails (255) only when the database is behind;
    `alembic check` also fails when the models hold a change no revision makes."""
    without, setup = SITUATIONS[situation]
    project = build("ci_at_head", tmp_path / "project", without=without)
    run(project, setup)
    codes = tuple(alembic(args, "sqlite:///app.db", cwd=project)[0] for args in ("current --check-heads", "check"))
    assert codes == EXPECTED[situation]


def test_the_checks_change_nothing(tmp_path):
    """Both checks only read: a database behind the head keeps its schema and revision."""
    project = build("ci_at_head", tmp_path / "project")
    run(project, "upgrade 0001")
    before = schema(project)
    run(project, "check", expect=255)
    run(project, "current --check-heads", expect=255)
    assert version_rows(project) == ["0001"]
    assert schema(project) == before


def ci_script(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_DATABASE_URL": "sqlite:///ci.db"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        ["sh", str(HERE / "ci_at_head" / "check_migrations.sh")],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def test_ci_script_fails_when_a_model_change_has_no_migration(tmp_path):
    """The real script in a real shell (one run: each `alembic` process takes seconds):
    it builds the scratch database, then stops at `alembic check` with Alembic's exit
    code, naming the change, and never reaches the last command. The passing case is
    test_exit_codes_of_the_two_checks, in-process."""
    result = ci_script(build("ci_at_head", tmp_path / "project", without=(NICKNAME_REVISION,)))
    assert result.returncode == 255
    assert "Running upgrade  -> 0001" in result.stdout
    assert "FAILED: New upgrade operations detected: [('add_column', None, 'users'" in result.stdout
    assert "(head)" not in result.stdout  # `current --check-heads` did not run
