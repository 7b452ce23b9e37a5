"""Outputs of docs/cookbook/database-url.md: the URL from the environment, and
what a `%` in a URL does to ConfigParser."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build, replace_line, run

INI_LINE = "sqlalchemy.url = sqlite:///app.db"
# A password with an @ in it is written %40 in a URL: the usual way a % gets in.
RAW = "sqlalchemy.url = postgresql://app:p%40ss@db.internal/app"
ESCAPED = "sqlalchemy.url = postgresql://app:p%%40ss@db.internal/app"
POSTGRES_URL = "postgresql://app:p%40ss@db.internal/app"


def database_files(project: Path) -> str:
    return "".join(f"{p.name}\n" for p in sorted(project.glob("*.db"))) or "(no database file)\n"


def url_line(project: Path) -> str:
    """The sqlalchemy.url line of the project's alembic.ini, as the file has it now."""
    lines = (project / "alembic.ini").read_text(encoding="utf-8").splitlines()
    return "[alembic]\n" + "".join(f"{line}\n" for line in lines if line.startswith("sqlalchemy.url"))


@scenario("cookbook-database-url")
def database_url() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = build("database_url", Path(tmp) / "project")
        out["upgrade-from-env.txt"] = run(project, "upgrade head", url="sqlite:///from-env.db")
        out["files-after-env.txt"] = database_files(project)
        out["upgrade-from-ini.txt"] = run(project, "upgrade head", url=None)
        out["files-after-ini.txt"] = database_files(project)
    with tempfile.TemporaryDirectory() as tmp:
        project = build("database_url", Path(tmp) / "project")
        replace_line(project / "alembic.ini", INI_LINE, RAW)
        out["ini-raw.ini"] = url_line(project)
        out["current-raw-percent.txt"] = run(project, "current", expect=1, url=None)
        replace_line(project / "alembic.ini", RAW, ESCAPED)
        out["ini-escaped.ini"] = url_line(project)
        out["offline-escaped.txt"] = run(project, "upgrade 0001 --sql", url=None)
    with tempfile.TemporaryDirectory() as tmp:
        project = build("database_url", Path(tmp) / "project")
        add("database_url", project, "env.py", "env_set_main_option.py")
        out["offline-set-main-option.txt"] = run(project, "upgrade 0001 --sql", expect=1, url=POSTGRES_URL)
    with tempfile.TemporaryDirectory() as tmp:
        project = build("database_url", Path(tmp) / "project")
        out["offline-from-env.txt"] = run(project, "upgrade 0001 --sql", url=POSTGRES_URL)
    return out
