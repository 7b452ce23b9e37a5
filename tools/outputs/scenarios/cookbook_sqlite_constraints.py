"""Outputs of docs/cookbook/sqlite-constraints.md: adding a unique constraint on
SQLite, as autogenerate writes it with three env.py setups."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import (
    add,
    build,
    query,
    run,
    section,
    upgrade_sql,
)

REVISION = "revision --autogenerate -m 'unique email' --rev-id 0003"
REVISION_FILE = "versions/0003_unique_email.py"
DROP_REVISION = "versions/0004_allow_duplicate_tag_names.py"


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
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_unnamed_unique(tmp)
        out["tags-table.sql"] = table_sql(project, "tags")
        out["drop-unnamed-fails.txt"] = run(project, "upgrade head", expect=1)
        add("sqlite_constraints", project, DROP_REVISION, "0004_allow_duplicate_tag_names_fixed.py")
        out["drop-with-convention.txt"] = run(project, "upgrade head")
        out["tags-table-after.sql"] = table_sql(project, "tags")
    return out


def project_with_unnamed_unique(tmp: str) -> Path:
    """A project at 0003, whose tags table has a unique constraint without a name,
    and a 0004 that drops it by the name a convention would have given it."""
    project = build("sqlite_constraints", Path(tmp) / "project")
    add("sqlite_constraints", project, "versions/0003_create_tags.py")
    add("sqlite_constraints", project, DROP_REVISION)
    run(project, "upgrade 0003")
    return project


def table_sql(project: Path, table: str) -> str:
    """The CREATE TABLE statement SQLite keeps for `table`."""
    (sql,) = query(project, f"SELECT sql FROM sqlite_schema WHERE name = '{table}'")[0]
    return sql + ";\n"
