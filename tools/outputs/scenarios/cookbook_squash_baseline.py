"""Outputs of docs/cookbook/squash-baseline.md: the cookbook's chain (0001, 0002)
replaced by one baseline revision that keeps the newest id, generated from the
models; what then happens to databases at the kept id, at a deleted id, and new ones.

Two projects side by side in one folder: `old/` (the chain before squashing, as
the previous release has it) and `new/` (after). Their databases live next to
them, so both projects reach each one by the same relative URL.
"""

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, run, section

BASELINE = "revision --autogenerate -m 'baseline' --rev-id 0002"
BASELINE_FILE = "versions/0002_baseline.py"
DELETED = ("versions/0001_create_users.py", "versions/0002_add_user_nickname.py")


def url(name: str) -> str:
    """A database beside the projects, as both see it from their own folder."""
    return f"sqlite:///../{name}.db"


def squashed_pair(folder: Path) -> tuple[Path, Path, str]:
    """(old project, new project, the autogenerate transcript that wrote the baseline)."""
    old = build("squash_baseline", folder / "old")
    new = build("squash_baseline", folder / "new", without=DELETED)
    # The baseline is what the models describe, generated against an empty database.
    transcript = run(new, BASELINE, url=url("empty"))
    return old, new, transcript


def database_at(old: Path, name: str, revision: str) -> None:
    """A database migrated by the old chain, as a server or a laptop has it."""
    run(old, f"upgrade {revision}", url=url(name))


def schema(folder: Path, name: str) -> list[tuple]:
    """The app's tables and indexes as SQLite stores them, Alembic's table left out."""
    with closing(sqlite3.connect(folder / f"{name}.db")) as db:
        return db.execute(
            "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name != 'alembic_version' ORDER BY name"
        ).fetchall()


@scenario("cookbook-squash-baseline")
def squash_baseline() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new, baseline = squashed_pair(folder)
        database_at(old, "production", "0002")
        database_at(old, "laptop", "0001")
        return {
            "history-before.txt": run(old, "history", url=url("empty")),
            "autogenerate-baseline.txt": baseline,
            "baseline-upgrade.txt": section(new / BASELINE_FILE, "upgrade"),
            "history-after.txt": run(new, "history", url=url("empty")),
            "fresh-upgrade.txt": run(new, "upgrade head", url=url("fresh")),
            "production-upgrade.txt": run(new, "upgrade head", url=url("production")),
            "laptop-fails.txt": run(new, "upgrade head", expect=255, url=url("laptop")),
            "laptop-old-chain.txt": run(old, "upgrade 0002", url=url("laptop")),
            "laptop-upgrade.txt": run(new, "upgrade head", url=url("laptop")) + run(new, "check", url=url("laptop")),
        }
