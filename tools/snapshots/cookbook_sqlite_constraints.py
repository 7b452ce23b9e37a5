"""Outputs of docs/cookbook/sqlite-constraints.md: adding a unique constraint on
SQLite, as autogenerate writes it with three env.py setups."""

import tempfile
from pathlib import Path

from tools.snapshots import scenario
from tools.snapshots._cookbook import add, build, run, section, upgrade_sql

REVISION = "revision --autogenerate -m 'unique email' --rev-id 0003"
REVISION_FILE = "versions/0003_unique_email.py"


def autogenerate_with(project: Path, env: str | None) -> tuple[str, str]:
    """Use env.py `env` of the recipe's extra/ (None: the project's own), write the
    revision again; (transcript, its upgrade())."""
    if env:
        add("sqlite_constraints", project, "env.py", env)
    (project / REVISION_FILE).unlink(missing_ok=True)
    return run(project, REVISION), section(project / REVISION_FILE, "upgrade")


@scenario("cookbook-sqlite-constraints")
def sqlite_constraints() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = build("sqlite_constraints", Path(tmp) / "project")
        run(project, "upgrade head")
        out["autogenerate-plain.txt"], out["upgrade-plain.txt"] = autogenerate_with(project, None)
        out["run-plain.txt"] = run(project, "upgrade head", expect=1)
        out["current-after-plain.txt"] = run(project, "current")
        out["autogenerate-batch.txt"], out["upgrade-batch.txt"] = autogenerate_with(project, "env_batch.py")
        out["run-batch.txt"] = run(project, "upgrade head", expect=1)
        out["autogenerate-named.txt"], out["upgrade-named.txt"] = autogenerate_with(project, "env_named.py")
        out["sql-named.sql"] = upgrade_sql(project, "head")
        out["current-named.txt"] = run(project, "current")
    return out
