"""The SQL each revision would run on PostgreSQL, from Alembic's offline mode.

    scripts = offline_scripts(versions)   # {revision id: RevisionScript}

Every revision is rendered on its own (`alembic upgrade <parent>:<id> --sql` against a
`postgresql://` URL: no server, no driver), through the handbook's env.py, so each
script starts as the real run does: BEGIN, then `SET lock_timeout`.
"""

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL_ENV = "HANDBOOK_DATABASE_URL"  # env.py prefers it to alembic.ini: hidden while rendering


@dataclass(frozen=True)
class RevisionScript:
    revision: str
    file: str  # the revision file's name, which findings are reported against
    sql: str  # "" when offline mode cannot render it
    error: str  # why not, for a revision that must read rows


def offline_config(versions: Path) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    config.set_main_option("version_locations", str(versions))
    config.set_main_option("sqlalchemy.url", "postgresql://")
    return config


@contextlib.contextmanager
def _hidden(name: str) -> Iterator[None]:
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


def offline_scripts(versions: Path) -> dict[str, RevisionScript]:
    config = offline_config(versions)
    scripts = {}
    for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions())):
        parent = script.down_revision
        target = f"{parent}:{script.revision}" if parent else script.revision
        config.output_buffer = buffer = io.StringIO()
        error = ""
        with _hidden(DATABASE_URL_ENV):
            try:
                command.upgrade(config, target, sql=True)
            except Exception as failure:
                error = f"{type(failure).__name__}: {failure}"
        scripts[script.revision] = RevisionScript(
            script.revision, Path(script.path).name, "" if error else buffer.getvalue(), error
        )
    return scripts
