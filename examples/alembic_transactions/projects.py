"""Run the transaction mini-projects and look at what they leave behind.

The functions here are the whole API other pages and notebooks use:

    >>> from examples.alembic_transactions.projects import run_upgrade
    >>> outcome = run_upgrade("stock", "/tmp/stock.db", "head")
    >>> outcome.error, outcome.state.versions, outcome.state.leftovers

Every call builds its own Alembic Config (no alembic.ini, so no logging setup)
and its own engine, and leaves nothing open.
"""

import contextlib
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

HERE = Path(__file__).resolve().parent
VERSIONS = HERE / "versions"
PROJECTS = ("stock", "handbook", "settings")
TMP_PREFIX = "_alembic_tmp_"


@dataclass(frozen=True)
class Settings:
    """The knobs of the `settings` bench (see settings/env.py)."""

    driver_fix: bool = False
    transactional_ddl: bool | None = None  # None: Alembic's default for SQLite, False
    transaction_per_migration: bool = False


@dataclass(frozen=True)
class DatabaseState:
    tables: tuple[str, ...]  # every table, alembic_version and leftovers included
    versions: tuple[str, ...]  # the rows of alembic_version ((): none, or no table)
    accounts: int | None  # rows in accounts (None: no such table)

    @property
    def leftovers(self) -> tuple[str, ...]:
        """Tables batch mode creates for a copy and drops when the copy completes."""
        return tuple(t for t in self.tables if t.startswith(TMP_PREFIX))


@dataclass(frozen=True)
class Outcome:
    project: str
    target: str
    error: str | None  # "<ExceptionType>: <message>", as the last line of a traceback
    state: DatabaseState  # the database after the attempt

    @property
    def ok(self) -> bool:
        return self.error is None


def url_for(database: str | Path) -> str:
    """A database URL as given, or the URL of the SQLite file at a path."""
    return str(database) if "://" in str(database) else f"sqlite:///{Path(database)}"


def config_for(project: str, database: str | Path, settings: Settings | None = None) -> Config:
    """An Alembic Config for a mini-project on `database`: a SQLite file's path, or any URL."""
    if project not in PROJECTS:
        raise ValueError(f"unknown project {project!r}: choose one of {', '.join(PROJECTS)}")
    if (project == "settings") != (settings is not None):
        raise ValueError("pass settings=Settings(...) with the 'settings' project, and only with it")
    config = Config()
    config.set_main_option("script_location", str(HERE / project))
    config.set_main_option("version_locations", str(VERSIONS))
    config.set_main_option("path_separator", "os")
    # Doubled: Alembic's ini options read `%` as interpolation (URL-quoted passwords).
    config.set_main_option("sqlalchemy.url", url_for(database).replace("%", "%%"))
    config.attributes["settings"] = settings
    return config


def run_upgrade(
    project: str, database: str | Path, target: str = "head", settings: Settings | None = None
) -> Outcome:
    """`alembic upgrade <target>` with a mini-project's env.py; a failure is
    captured in the outcome, not raised."""
    return _run(command.upgrade, project, database, target, settings)


def run_downgrade(
    project: str, database: str | Path, target: str, settings: Settings | None = None
) -> Outcome:
    """`alembic downgrade <target>`, captured like run_upgrade."""
    return _run(command.downgrade, project, database, target, settings)


def _run(step, project, database, target, settings) -> Outcome:
    config = config_for(project, database, settings)
    error = None
    try:
        step(config, target)
    except Exception as failure:  # the outcome reports it, as a terminal would
        error = f"{type(failure).__module__}.{type(failure).__qualname__}: {failure}".split("\n")[0]
    return Outcome(project, target, error, inspect_database(database))


def inspect_database(database: str | Path) -> DatabaseState:
    """Tables, recorded versions and account rows, read through a plain engine (no fixes)."""
    engine = sa.create_engine(url_for(database), poolclass=sa.pool.NullPool)
    try:
        tables = tuple(sorted(sa.inspect(engine).get_table_names()))
        with engine.connect() as connection:
            versions = ()
            if "alembic_version" in tables:
                versions = tuple(connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())
            accounts = None
            if "accounts" in tables:
                accounts = connection.execute(sa.text("SELECT count(*) FROM accounts")).scalar_one()
    finally:
        engine.dispose()
    return DatabaseState(tables, versions, accounts)


# --8<-- [start:remove_duplicates]
def remove_duplicate_emails(db_path: str | Path) -> int:
    """The data fix revision 0002 needs: keep the oldest account per email.
    Returns how many rows were deleted."""
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        deleted = connection.execute(
            "DELETE FROM accounts WHERE id NOT IN (SELECT min(id) FROM accounts GROUP BY email)"
        ).rowcount
    return deleted
# --8<-- [end:remove_duplicates]



# --8<-- [start:clean_up_by_hand]
def drop_what_0002_left(db_path: str | Path) -> tuple[str, ...]:
    """The hand clean-up the stock env.py needs after 0002 failed: drop the table
    0002 created and batch mode's half-built copy. Returns the tables dropped."""
    left = inspect_database(db_path).tables
    dropped = tuple(t for t in ("ledger_entries", f"{TMP_PREFIX}accounts") if t in left)
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        for table in dropped:
            connection.execute(f'DROP TABLE "{table}"')
    return dropped
# --8<-- [end:clean_up_by_hand]

ALL_SETTINGS = tuple(
    Settings(driver_fix, transactional_ddl, per_migration)
    for driver_fix in (False, True)
    for transactional_ddl in (None, True)
    for per_migration in (False, True)
)


@dataclass(frozen=True)
class Trial:
    settings: Settings
    first: Outcome  # `upgrade head` from an empty database; revision 0002 fails
    rerun: Outcome  # the same command again, on what the first left behind


def try_every_setting(workdir: str | Path) -> list[Trial]:
    """Each combination of the settings, on its own fresh database in `workdir`."""
    trials = []
    for number, settings in enumerate(ALL_SETTINGS):
        db_path = Path(workdir) / f"settings-{number}.db"
        first = run_upgrade("settings", db_path, "head", settings)
        rerun = run_upgrade("settings", db_path, "head", settings)
        trials.append(Trial(settings, first, rerun))
    return trials


@dataclass(frozen=True)
class EngineTrial:
    engine: str  # "sqlite", "postgresql", "mariadb"
    project: str  # "stock" or "handbook": whose env.py ran
    first: Outcome  # `upgrade head` from 0001; revision 0002 fails halfway
    rerun: Outcome  # the same command again, on what the first left behind

    @property
    def left_behind(self) -> tuple[str, ...]:
        """Tables 0002 created (or batch mode's copies) that are still there after the failure."""
        return tuple(t for t in self.first.state.tables if t not in TABLES_AT_0001)


TABLES_AT_0001 = ("accounts", "alembic_version")


def try_on_engine(project: str, engine: str, database: str | Path) -> EngineTrial:
    """0001, then `upgrade head` (0002 fails on the duplicate email), then the same again,
    with a mini-project's env.py on an empty `database` of `engine`."""
    if project not in ("stock", "handbook"):
        raise ValueError(f"unknown project {project!r}: choose stock or handbook")
    first_step = run_upgrade(project, database, "0001")
    if not first_step.ok:
        raise RuntimeError(f"{project} on {engine}: revision 0001 failed: {first_step.error}")
    first = run_upgrade(project, database, "head")
    return EngineTrial(engine, project, first, run_upgrade(project, database, "head"))


def describe(state: DatabaseState) -> str:
    """The state as a few lines of text (what `python -m examples.alembic_transactions.projects DB` prints)."""
    leftovers = ", ".join(state.leftovers) or "none"
    accounts = "no table" if state.accounts is None else str(state.accounts)
    return (
        f"tables:          {', '.join(state.tables) or '(none)'}\n"
        f"alembic_version: {', '.join(state.versions) or '(no row)'}\n"
        f"accounts rows:   {accounts}\n"
        f"leftover copies: {leftovers}\n"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m examples.alembic_transactions.projects PATH_TO_EXISTING_SQLITE_FILE", file=sys.stderr)
        return 2
    sys.stdout.write(describe(inspect_database(argv[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
