"""Outputs of docs/cookbook/naming-convention.md: a naming convention added to a
project whose production database was built without one. A revision that drops a
constraint by its convention name passes on a fresh database and fails on
production, until a revision gives the old constraints the convention's names.

Both engines: on SQLite the old constraint has no name at all; on PostgreSQL it has
the name PostgreSQL chose.
"""

import shutil
import tempfile
from pathlib import Path

import sqlalchemy as sa

from examples.cookbook.project import recipe_folder
from tools.engines import shared
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build, replace_line, run

RECIPE = "naming_convention"
DROP = "versions/0002_allow_shared_emails.py"
FIX = "versions/0002_name_existing_constraints.py"
RENUMBERED_DROP = "versions/0003_allow_shared_emails.py"
# Exit codes: batch mode's ValueError escapes Alembic's handler; PostgreSQL's error is reported by it.
FAILS = {"sqlite": 1, "postgresql": 1}


def project_with_old_database(folder: Path, url: str) -> Path:
    """The recipe's project, its database built by 0001 before the convention existed."""
    project = build(RECIPE, folder / "project", without=("versions/0002_add_user_nickname.py",))
    shutil.copy(project / "env.py", folder / "env_today.py")
    shutil.copy(recipe_folder(RECIPE) / "extra" / "env_before.py", project / "env.py")
    run(project, "upgrade 0001", url=url)
    shutil.copy(folder / "env_today.py", project / "env.py")
    return project


def add_drop(project: Path) -> None:
    add(RECIPE, project, DROP)


def add_fix(project: Path) -> None:
    """The fix as 0002; the drop, not released anywhere yet, renumbered on top of it."""
    (project / DROP).rename(project / RENUMBERED_DROP)
    replace_line(project / RENUMBERED_DROP, 'revision = "0002"', 'revision = "0003"')
    replace_line(project / RENUMBERED_DROP, 'down_revision = "0001"', 'down_revision = "0002"')
    add(RECIPE, project, FIX)


def unique_constraints(url: str) -> str:
    """The unique constraints of users, as the database reports them."""
    engine = sa.create_engine(url)
    try:
        found = sa.inspect(engine).get_unique_constraints("users")
    finally:
        engine.dispose()
    return "".join(f"{c['name']}: UNIQUE ({', '.join(c['column_names'])})\n" for c in found)


def sqlite_url(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / f'{name}.db'}"


@scenario("cookbook-naming-convention")
def naming_convention() -> dict[str, str]:
    out = {}
    server = shared.postgresql()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for engine, production in (("sqlite", sqlite_url(folder, "production")), ("postgresql", server.create_database())):
            project = project_with_old_database(folder / engine, production)
            fresh = sqlite_url(folder, "fresh") if engine == "sqlite" else server.create_database()
            out[f"{engine}-constraints-before.txt"] = unique_constraints(production)
            add_drop(project)
            out[f"{engine}-fresh-upgrade.txt"] = run(project, "upgrade head", url=fresh)
            out[f"{engine}-production-fails.txt"] = run(project, "upgrade head", expect=FAILS[engine], url=production)
            add_fix(project)
            out[f"{engine}-production-fixed.txt"] = run(project, "upgrade head", url=production)
            out[f"{engine}-check.txt"] = run(project, "check", url=production)
    return out
