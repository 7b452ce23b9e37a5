"""Outputs of docs/cookbook/data-migrations.md: a data migration that imports the
ORM model breaks once the model moves on; the sa.table() version does not."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build, query, run, upgrade_sql

DATA_MIGRATION = "versions/0003_fill_nicknames.py"


def project_with_users(tmp: str) -> Path:
    """The recipe's project at 0002, with two users who have no nickname yet."""
    project = build("data_migrations", Path(tmp) / "project")
    run(project, "upgrade 0002")
    query(project, "INSERT INTO users (email) VALUES ('ada@example.org'), ('grace@example.org')")
    return project


def users_table(project: Path) -> str:
    rows = query(project, "SELECT id, email, nickname FROM users ORDER BY id")
    lines = ["id | email             | nickname"]
    lines += [f"{id_:<2} | {email:<17} | {nickname}" for id_, email, nickname in rows]
    return "\n".join(lines) + "\n"


@scenario("cookbook-data-migrations")
def data_migrations() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_users(tmp)
        out["users-before.txt"] = users_table(project)
        out["upgrade-orm-fails.txt"] = run(project, "upgrade head", expect=1)
        out["current-after-failure.txt"] = run(project, "current")
        add("data_migrations", project, DATA_MIGRATION)
        out["upgrade-sql.sql"] = upgrade_sql(project, "head")
        out["users-after.txt"] = users_table(project)
        out["current-head.txt"] = run(project, "current")
    return out
