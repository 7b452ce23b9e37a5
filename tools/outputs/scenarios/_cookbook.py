"""Helpers the cookbook's scenarios and tests share: run commands in a recipe's
mini project and read its database.

Every command runs with the project folder as working directory, against the
project's own SQLite file `app.db` (a relative URL, so transcripts name no
temporary folder). Alembic prints absolute paths of the files it writes; the
transcripts show the project folder as `<project>`.
"""

import linecache
import sqlite3
import sys
import sysconfig
import warnings
from pathlib import Path

from examples.cookbook.project import add, build  # noqa: F401  (re-exported for tests)
from tools.outputs.transcript import alembic, python_module

URL = "sqlite:///app.db"


SITE_PACKAGES = sysconfig.get_paths()["purelib"]


def shown(text: str, project: Path) -> str:
    return text.replace(str(project), "<project>")


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as Python does, to the (redirected) stderr, where it happens."""
    if line is None:
        line = linecache.getline(filename, lineno)
    filename = filename.replace(SITE_PACKAGES, "<site-packages>")
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def run(project: Path, args: str, expect: int = 0, url: str | None = URL) -> str:
    """`alembic <args>` in the project; the transcript, after checking the exit code.

    `url` is exported as HANDBOOK_DATABASE_URL (None: unset, alembic.ini decides).
    Warnings are printed every time (Python shows each only once per process,
    and pytest captures them), so a transcript is the same in any run.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        # Ignored, as Python's default filters ignore it in a reader's terminal: garbage that
        # other work in this process left (an unclosed connection) would print it mid-command.
        warnings.simplefilter("ignore", ResourceWarning)
        warnings.showwarning = show_warning
        code, text = alembic(args, url, cwd=project)
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
    connection = sqlite3.connect(database)
    try:
        with connection:  # commits a change, rolls back on error
            return connection.execute(sql).fetchall()
    finally:
        connection.close()


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


def _recorded_upgrade(project: Path, target: str) -> tuple[list[str], BaseException | None]:
    """`alembic upgrade <target>` run from Python on the project's database: the
    statements SQLite received (Alembic's own bookkeeping left out), and the
    exception that stopped the upgrade (None when it went through)."""
    from alembic import command
    from alembic.config import Config

    from examples.app.db import make_engine
    from tools.outputs.sql_capture import is_bookkeeping, recording

    config = Config(str(project / "alembic.ini"))
    config.attributes["configure_logger"] = False
    engine = make_engine(f"sqlite:///{project / 'app.db'}", foreign_keys=False)
    config.attributes["connection"] = engine
    failure = None
    try:
        with recording(engine) as statements:
            try:
                command.upgrade(config, target)
            except Exception as error:
                failure = error
    finally:
        engine.dispose()
    return [s for s in statements if not is_bookkeeping(s)], failure


def upgrade_sql(project: Path, target: str) -> str:
    """The SQL SQLite received for `alembic upgrade <target>`, which must succeed."""
    from tools.outputs.sql_capture import format_statements

    statements, failure = _recorded_upgrade(project, target)
    if failure is not None:
        raise failure
    return format_statements(statements)


def replace_line(path: Path, old: str, new: str) -> None:
    """Replace the one line `old` of a project file with `new`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.rstrip("\n") == old]
    lines[index] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def statements_of_a_failed_upgrade(project: Path) -> tuple[list[str], BaseException]:
    """`alembic upgrade head`, expected to fail: the statements SQLite received before
    it stopped (Alembic's bookkeeping left out), and the exception."""
    statements, failure = _recorded_upgrade(project, "head")
    if failure is None:
        raise RuntimeError("`alembic upgrade head` was expected to fail and went through")
    return statements, failure
