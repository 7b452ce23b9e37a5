"""Outputs of docs/cookbook/autogenerate-loop.md: autogenerate proposes to drop a
table the models do not describe, every time, until env.py leaves it out."""

import shutil
import tempfile
from pathlib import Path

from examples.cookbook.project import ROOT
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, query, run, section

AUTOGENERATE = "revision --autogenerate -m 'next change' --rev-id 0003"
GENERATED = "versions/0003_next_change.py"
FILTERING_ENV = ROOT / "examples" / "cookbook_autogenerate_loop" / "env.py"
# A table another tool owns: a web framework's session store, created by that framework.
SESSIONS_TABLE = "CREATE TABLE sessions (id TEXT PRIMARY KEY, data BLOB, expires_at TIMESTAMP)"


def project_with_foreign_table(folder: Path) -> Path:
    """The cookbook's chain at head, plus a table no model describes."""
    project = build("autogenerate_loop", folder / "project")
    run(project, "upgrade head")
    query(project, SESSIONS_TABLE)
    return project


def use_filtering_env(project: Path) -> None:
    shutil.copy(FILTERING_ENV, project / "env.py")


@scenario("cookbook-autogenerate-loop")
def autogenerate_loop() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_foreign_table(Path(tmp))
        out = {"autogenerate.txt": run(project, AUTOGENERATE)}
        out["autogenerate-upgrade.txt"] = section(project / GENERATED, "upgrade")
        (project / GENERATED).unlink()  # the developer deletes the unwanted drop
        out["check-again.txt"] = run(project, "check", expect=255)
        use_filtering_env(project)
        out["check-filtered.txt"] = run(project, "check")
        return out
