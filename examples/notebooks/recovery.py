"""What the notebook "Break it and recover" needs besides Alembic itself.

* `backup` / `restore`: SQLite's online backup API, in both directions;
* `contents`: everything a restore must bring back (schema SQL and every row), to
  compare two databases exactly;
* `failing_revision`: the text of a revision that changes two tables and then fails;
* `stock_project`: a project made by `alembic init`, holding the handbook's revisions.
"""

import contextlib
import io
import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[2]


class RecoveryError(RuntimeError):
    """A backup or restore that cannot be done safely: nothing was written."""


def backup(source: Path, destination: Path) -> Path:
    """Copy the live database `source` into the new file `destination`, page by page."""
    if not source.is_file():  # sqlite3.connect would create an empty database instead
        raise RecoveryError(f"no database at {source}: nothing to back up")
    if destination.exists():
        raise RecoveryError(f"{destination} exists already: refusing to overwrite a backup")
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as live, contextlib.closing(
        sqlite3.connect(destination)
    ) as copy:
        live.backup(copy)
    return destination


def restore(backup_file: Path, target: Path) -> None:
    """Replace the database `target` with the backup's contents, in one locked step."""
    if not backup_file.is_file():
        raise RecoveryError(f"no backup at {backup_file}: the database was left as it is")
    with contextlib.closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as saved, contextlib.closing(
        sqlite3.connect(target)
    ) as live:
        saved.backup(live)


def contents(path: Path) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """The schema as SQLite stores it (every table and index with its SQL) and every row."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        schema = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
        rows = {
            name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for kind, name, _, _ in schema
            if kind == "table"
        }
    return schema, rows


FAILING_REVISION = '''\
"""add an audit log and users.nickname (fails halfway)

Revision ID: {revision}
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("audit_log", sa.Column("id", sa.Integer, primary_key=True))
    # SQLite cannot add most things in place: batch mode copies users into
    # _alembic_tmp_users, then drops the old table and renames the copy.
    with op.batch_alter_table("users", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(50)))
    raise RuntimeError("the deploy was killed halfway through this revision")


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("nickname")
    op.drop_table("audit_log")
'''


def failing_revision(head: str, revision: str = "fails_halfway") -> str:
    return FAILING_REVISION.format(head=head, revision=revision)


def versions_with(folder: Path, extra: dict[str, str]) -> Path:
    """A copy of migrations/versions in `folder`, plus the files in `extra` ({name: text})."""
    shutil.copytree(ROOT / "migrations" / "versions", folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def stock_project(folder: Path, database: Path, versions: Path) -> Config:
    """`alembic init` in `folder` (the stock env.py, untouched), on `database`, with
    the revision files of `versions`."""
    config = Config(str(folder / "alembic.ini"))
    with contextlib.redirect_stdout(io.StringIO()):  # init's progress lines name temporary paths
        command.init(config, str(folder / "migrations"))
    shutil.rmtree(folder / "migrations" / "versions")
    shutil.copytree(versions, folder / "migrations" / "versions", ignore=shutil.ignore_patterns("__pycache__"))
    config = Config(str(folder / "alembic.ini"))  # read the ini init just wrote
    config.set_main_option("sqlalchemy.url", f"sqlite:///{database}")
    return config


def online_runner(env_py: Path) -> str:
    """The `run_migrations_online` function of an env.py, as written in the file."""
    text = env_py.read_text(encoding="utf-8")
    start = text.index("def run_migrations_online")
    return text[start : text.index("\nif context.is_offline_mode()", start)].rstrip() + "\n"
