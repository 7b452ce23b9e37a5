"""Outputs of docs/cookbook/ci-at-head.md: `alembic check` and
`alembic current --check-heads` on a database behind, at head, and with models
that have a change no migration makes."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, run
from tools.outputs.transcript import alembic

NICKNAME_REVISION = "versions/0002_add_user_nickname.py"
COMMANDS = ("current --check-heads", "check")
SITUATIONS = {
    "database behind the head (at 0001)": ((), "upgrade 0001"),
    "database at head, models match the migrations": ((), "upgrade head"),
    "database at head, a model change has no migration": ((NICKNAME_REVISION,), "upgrade head"),
}


def exit_codes(tmp: str) -> str:
    """A Markdown table: each command's exit code in each situation, as run now."""
    lines = ["| Situation | " + " | ".join(f"`alembic {c}`" for c in COMMANDS) + " |", "| --- |" + " ---: |" * len(COMMANDS)]
    for number, (situation, (without, setup)) in enumerate(SITUATIONS.items()):
        project = build("ci_at_head", Path(tmp) / f"situation-{number}", without=without)
        run(project, setup)
        codes = [alembic(command, "sqlite:///app.db", cwd=project)[0] for command in COMMANDS]
        lines.append(f"| {situation} | " + " | ".join(str(code) for code in codes) + " |")
    return "\n".join(lines) + "\n"


@scenario("cookbook-ci-at-head")
def ci_at_head() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = build("ci_at_head", Path(tmp) / "project")
        run(project, "upgrade 0001")
        out["current-check-heads-behind.txt"] = run(project, "current --check-heads", expect=255)
        out["check-behind.txt"] = run(project, "check", expect=255)
        run(project, "upgrade head")
        out["current-check-heads-at-head.txt"] = run(project, "current --check-heads")
        out["check-at-head.txt"] = run(project, "check")
        # The developer changed the model (users.nickname) but wrote no revision for it.
        drifted = build("ci_at_head", Path(tmp) / "drifted", without=(NICKNAME_REVISION,))
        run(drifted, "upgrade head")
        out["current-check-heads-drift.txt"] = run(drifted, "current --check-heads")
        out["check-drift.txt"] = run(drifted, "check", expect=255)
        out["exit-codes.md"] = exit_codes(tmp)
    return out
