"""Outputs of docs/cookbook/fresh-database.md: create_all alone, then create_all + stamp head."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, run, run_module

STARTUP = "examples.cookbook_fresh_database.create_tables_at_startup"
CREATE = "examples.cookbook_fresh_database.create_database"


@scenario("cookbook-fresh-database")
def fresh_database() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = build("fresh_database", Path(tmp) / "project")
        out["create-all.txt"] = run_module(project, STARTUP)
        out["current-after-create-all.txt"] = run(project, "current")
        out["upgrade-fails.txt"] = run(project, "upgrade head", expect=1)
    with tempfile.TemporaryDirectory() as tmp:
        project = build("fresh_database", Path(tmp) / "project")
        out["create-database.txt"] = run_module(project, CREATE)
        out["current.txt"] = run(project, "current")
        out["check.txt"] = run(project, "check")
        out["upgrade-head.txt"] = run(project, "upgrade head")
    return out
