"""Record the SQL a database really receives, so a page can show it beside the step.

    with recording(engine) as statements:
        ...  # run migrations, queries
    print(format_statements(statements))
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

from examples.app.db import make_engine
from tools.common import ROOT

PARAMETERS = "\n-- parameters: "  # how a recorded statement shows its bound values


@contextlib.contextmanager
def recording(engine: sa.Engine) -> Iterator[list[str]]:
    """Each statement sent through `engine` while the block runs, parameters shown."""
    statements: list[str] = []

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        text = statement.strip()
        if parameters:
            text += f"{PARAMETERS}{parameters!r}"
        statements.append(text)

    sa.event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", before_cursor_execute)


def format_statements(statements: list[str]) -> str:
    """One statement per paragraph, each ended by `;` (before its parameters comment)."""

    def terminated(statement: str) -> str:
        sql, has_parameters, parameters = statement.partition(PARAMETERS)
        return sql.rstrip(";") + ";" + (PARAMETERS + parameters if has_parameters else "")

    return "".join(f"{terminated(s)}\n\n" for s in statements).rstrip("\n") + "\n"


def handbook_config(engine: sa.Engine | None = None, *, versions: Path | None = None) -> Config:
    """The handbook's alembic.ini, quiet, optionally running on `engine`, optionally
    reading its revision files from another folder (`versions`, e.g. a test's copy)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if engine is not None:
        config.attributes["connection"] = engine
    if versions is not None:
        config.set_main_option("version_locations", str(versions))
    return config


def upgrade(config: Config, target: str, *, script: ScriptDirectory, sql: bool = False) -> None:
    """`alembic.command.upgrade`, on a ScriptDirectory loaded once: a caller that runs
    many commands (the Reference pages' build step) then reads the revision files once."""
    starting_rev = None
    if sql and ":" in target:
        starting_rev, target = target.split(":", 1)
    with EnvironmentContext(
        config,
        script,
        fn=lambda revision, context: script._upgrade_revs(target, revision),
        as_sql=sql,
        starting_rev=starting_rev,
        destination_rev=target,
    ):
        script.run_env()


def migration_sql(
    url: str,
    direction: str,
    target: str,
    *,
    include_bookkeeping: bool = False,
    versions: Path | None = None,
    script: ScriptDirectory | None = None,
) -> list[str]:
    """The statements SQLite receives for `alembic upgrade|downgrade <target>` on `url`.

    Alembic's own reads and writes (alembic_version, PRAGMA reflection it needs) are
    left out unless `include_bookkeeping` is set. `script`: an upgrade reuses it.
    """
    engine = make_engine(url, foreign_keys=False)  # as env.py builds it
    try:
        with recording(engine) as statements:
            config = handbook_config(engine, versions=versions)
            if script is not None and direction == "upgrade":
                upgrade(config, target, script=script)
            else:
                getattr(command, direction)(config, target)
    finally:
        engine.dispose()
    if include_bookkeeping:
        return statements
    return [s for s in statements if not is_bookkeeping(s)]


# env.py's timeout and migration lock (sent around every run on PostgreSQL), SQLite's pragmas
# and the schema reads batch mode makes.
NOT_THE_REVISIONS = (
    "SET LOCK_TIMEOUT", "SET LOCAL LOCK_TIMEOUT", "SELECT PG_ADVISORY_",
    "PRAGMA", "SELECT NAME FROM SQLITE_MASTER", "SELECT SQL FROM",
)


def is_bookkeeping(statement: str) -> bool:
    """Statements Alembic or env.py send around every revision, not the revision's own."""
    upper = statement.upper()
    return (
        "ALEMBIC_VERSION" in upper
        or upper.startswith(NOT_THE_REVISIONS)
        or upper in {"BEGIN", "COMMIT", "ROLLBACK"}
    )


CONSTRAINT_STARTS = ("CONSTRAINT ", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK")


def stable_order(statements: list[str]) -> list[str]:
    """The same statements, in an order that does not change from run to run.

    Batch mode rebuilds a table from SQLAlchemy's `Table.constraints` and
    `Table.indexes`, which are sets: the constraint lines of its CREATE TABLE
    and the CREATE INDEX statements after it come out in a different order in
    each process. This sorts the constraint lines within each CREATE TABLE and
    each run of consecutive CREATE INDEX statements; nothing else moves.
    """
    result: list[str] = []
    indexes: list[str] = []
    for statement in statements:
        if statement.startswith(("CREATE INDEX", "CREATE UNIQUE INDEX")):
            indexes.append(statement)
            continue
        result += sorted(indexes)
        indexes = []
        result.append(_sort_constraint_lines(statement) if statement.startswith("CREATE TABLE") else statement)
    return result + sorted(indexes)


def _sort_constraint_lines(create_table: str) -> str:
    lines = create_table.split("\n")
    if len(lines) < 3:
        return create_table
    items = [line[:-2] if line.endswith(", ") else line for line in lines[1:-1]]
    constraints = sorted(i for i in items if i.strip().startswith(CONSTRAINT_STARTS))
    columns = [i for i in items if not i.strip().startswith(CONSTRAINT_STARTS)]
    return "\n".join([lines[0], ", \n".join(columns + constraints), lines[-1]])
