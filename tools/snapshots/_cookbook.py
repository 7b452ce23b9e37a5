"""Helpers the cookbook's scenarios and tests share: run commands in a recipe's
mini project and read its database.

Every command runs with the project folder as working directory, against the
project's own SQLite file `app.db` (a relative URL, so transcripts name no
temporary folder). Alembic prints absolute paths of the files it writes; the
transcripts show the project folder as `<project>`.
"""

import sqlite3
from pathlib import Path

from examples.cookbook.project import add, build  # noqa: F401  (re-exported for tests)
from tools.transcript import alembic, python_module

URL = "sqlite:///app.db"


def shown(text: str, project: Path) -> str:
    return text.replace(str(project), "<project>")


def run(project: Path, args: str, expect: int = 0) -> str:
    """`alembic <args>` in the project; the transcript, after checking the exit code."""
    code, text = alembic(args, URL, cwd=project, print_crash=True)
    if code != expect:
        raise RuntimeError(f"`alembic {args}` exited {code}, expected {expect}:\n{text}")
    return shown(text, project)


def run_module(project: Path, module: str, expect: int = 0) -> str:
    code, text = python_module(module, URL, cwd=project)
    if code != expect:
        raise RuntimeError(f"`python -m {module}` exited {code}, expected {expect}:\n{text}")
    return shown(text, project)


def query(project: Path, sql: str) -> list[tuple]:
    database = project / "app.db"
    if not database.exists():
        return []
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def version_rows(project: Path) -> list[str]:
    """The revisions `alembic_version` holds, sorted ([] without the table)."""
    if not query(project, "SELECT name FROM sqlite_schema WHERE name = 'alembic_version'"):
        return []
    return sorted(row[0] for row in query(project, "SELECT version_num FROM alembic_version"))


def schema(project: Path) -> list[tuple]:
    """Everything SQLite stores about the schema, Alembic's table included."""
    return query(project, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")


def columns(project: Path, table: str) -> list[str]:
    return [row[1] for row in query(project, f"PRAGMA table_info({table})")]


def revision_files(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "versions").glob("*.py"))


def section(path: Path, name: str) -> str:
    """The lines between `# --8<-- [start:name]` and `[end:name]` in a generated file
    (the handbook's script.py.mako marks upgrade() and downgrade() this way)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"# --8<-- [start:{name}]")
    end = lines.index(f"# --8<-- [end:{name}]")
    return "".join(line + "\n" for line in lines[start + 1 : end])
