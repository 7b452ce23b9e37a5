"""Outputs of docs/cookbook/async-env.md: an async URL under the stock env.py, then
the async env.py on aiosqlite and on asyncpg."""

import shutil
import tempfile
from pathlib import Path

from examples.cookbook.project import ROOT
from tools.engines import shared
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, run

AIOSQLITE_URL = "sqlite+aiosqlite:///app.db"
ASYNC_ENV = ROOT / "examples" / "cookbook_async_env" / "env.py"


def async_project(folder: Path) -> Path:
    """The cookbook's two-revision project with the async env.py."""
    project = build("async_env", folder / "project")
    shutil.copy(ASYNC_ENV, project / "env.py")
    return project


def asyncpg_url(server) -> str:
    """A new database on the PostgreSQL server, reached through asyncpg."""
    return server.create_database().replace("+psycopg", "+asyncpg")


@scenario("cookbook-async-env")
def async_env() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        stock = build("async_env", Path(tmp) / "stock")
        project = async_project(Path(tmp))
        url = asyncpg_url(shared.postgresql())
        return {
            "stock-env-fails.txt": run(stock, "upgrade head", expect=1, url=AIOSQLITE_URL),
            "upgrade-aiosqlite.txt": run(project, "upgrade head", url=AIOSQLITE_URL),
            "upgrade-asyncpg.txt": run(project, "upgrade head", url=url),
            "check-asyncpg.txt": run(project, "check", url=url),
        }
