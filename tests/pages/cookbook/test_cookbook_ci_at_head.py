"""docs/cookbook/ci-at-head.md: what `alembic check` and `alembic current
--check-heads` catch, with their exit codes, and the CI script that runs them."""

import pytest

from examples.cookbook.project import recipe_folder
from tools.outputs.scenarios._cookbook import build, run, schema, version_rows
from tools.outputs.scenarios.cookbook_ci_at_head import NICKNAME_REVISION, SITUATIONS
from tools.outputs.transcript import alembic

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


def script_commands(script: str, section: str) -> list[str]:
    """The commands of a script's section, in order (comments and `set -e` left out)."""
    text = (recipe_folder("ci_at_head") / script).read_text()
    body = text.split(f"# --8<-- [start:{section}]\n")[1].split(f"# --8<-- [end:{section}]")[0]
    lines = [line for line in body.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "set -e"
    return lines[1:]


def run_as_set_e(commands: list[str], project, url: str) -> tuple[list[tuple[str, int]], str]:
    """The commands run in order as `set -e` runs them (in-process: the transcript
    tests show that equals a shell): (each command with its exit code, last output)."""
    ran, text = [], ""
    for line in commands:
        assert line.startswith("alembic ")
        code, text = alembic(line.removeprefix("alembic "), url, cwd=project)
        ran.append((line, code))
        if code != 0:
            break
    return ran, text


def test_ci_script_fails_when_a_model_change_has_no_migration(tmp_path):
    """On a scratch database the CI script builds it, then stops at `alembic check`
    with exit code 255, naming the change."""
    project = build("ci_at_head", tmp_path / "project", without=(NICKNAME_REVISION,))
    ran, text = run_as_set_e(script_commands("check_migrations.sh", "ci"), project, "sqlite:///ci.db")
    assert ran == [("alembic upgrade head", 0), ("alembic check", 255)]
    assert "FAILED: New upgrade operations detected: [('add_column', None, 'users'" in text


def test_deploy_check_fails_on_a_database_behind_the_head_and_changes_nothing(tmp_path):
    """The deploy script only reads: a database at 0001 makes it exit 255, and the
    database is still at 0001 with the same schema (it never upgrades)."""
    project = build("ci_at_head", tmp_path / "project")
    run(project, "upgrade 0001")
    before = schema(project)
    ran, _ = run_as_set_e(script_commands("check_database_at_head.sh", "deploy"), project, "sqlite:///app.db")
    assert ran == [("alembic current --check-heads", 255)]
    assert version_rows(project) == ["0001"]
    assert schema(project) == before
