"""Outputs of docs/lifecycle/: one reader's session through the 16 steps.

The reader works from the repository root with
HANDBOOK_DATABASE_URL=sqlite:///var/lifecycle.db. Here the database lives in a
temporary folder: `alembic` runs from the repository root (it needs alembic.ini)
with the URL pointing there, and `python -m` commands run in that folder, so
their relative paths (var/backups/...) land there too. No command prints the
folder, so the transcripts are what the reader's terminal shows.
"""

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from examples.app.queries import events_attended_by_statement
from examples.app.show_schema import describe
from examples.lifecycle.offline_batch import rename_title_offline
from examples.lifecycle.query_plan import query_plan
from examples.lifecycle.sample_data import execute, production_database
from tools.diagrams import er_diagram
from tools.snapshots import scenario
from tools.sql_capture import format_statements, migration_sql, stable_order
from tools.transcript import alembic, python_module

BACKUP = "var/backups/before-upgrade.db"
REVISIONS = [f"{n:04d}" for n in range(3, 13)]


class Reader:
    """A reader's terminal on one database; each command's exit code is checked."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.url = f"sqlite:///{folder / 'var' / 'lifecycle.db'}"

    def alembic(self, args: str, expect: int = 0, project: Path | None = None) -> str:
        code, text = alembic(args, self.url, **({"cwd": project} if project else {}))
        return checked(code, expect, text)

    def python(self, module: str, args: str = "", expect: int = 0) -> str:
        code, text = python_module(f"examples.lifecycle.{module}", self.url, args, cwd=self.folder)
        return checked(code, expect, text)

    def plan(self, statement: sa.Executable, sql_only: bool = False) -> str:
        engine = sa.create_engine(self.url)  # a new connection: it reads the schema as it is now
        try:
            if sql_only:
                return str(statement.compile(engine, compile_kwargs={"literal_binds": True})) + "\n"
            with engine.connect() as connection:
                return query_plan(connection, statement)
        finally:
            engine.dispose()

    def rows(self, title: str, sql: str) -> str:
        engine = sa.create_engine(self.url)
        with engine.connect() as connection:
            result = connection.exec_driver_sql(sql)
            header, found = tuple(result.keys()), [tuple(map(str, r)) for r in result]
        engine.dispose()
        widths = [max(len(v) for v in column) for column in zip(header, *found)]
        lines = [title, "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
        lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in found]
        return "\n".join(lines) + "\n"


def checked(code: int, expect: int, text: str) -> str:
    if code != expect:
        raise RuntimeError(f"expected exit code {expect}, got {code}:\n{text}")
    return text


@contextlib.contextmanager
def reader() -> Iterator[Reader]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Reader(Path(tmp))


@scenario("lifecycle-prepare")
def prepare() -> dict[str, str]:
    """Steps 1 and 2: the starting database, its inventory, a backup."""
    with reader() as r:
        return {
            "sample-data.txt": r.python("sample_data"),
            "current.txt": r.alembic("current"),
            "history-pending.txt": r.alembic("history -r current:"),
            "inventory.txt": r.python("inventory"),
            "backup.txt": r.python("backup", f"create {BACKUP}"),
            "backup-again.txt": r.python("backup", f"create {BACKUP}", expect=1),
        }


@scenario("lifecycle-changes")
def changes() -> dict[str, str]:
    """Steps 3 to 7: the SQL each revision sends to the sample database, and its effect on rows."""
    outputs = {}
    with reader() as r:
        production_database(Path(r.url.removeprefix("sqlite:///")), "0002")
        for revision in REVISIONS:
            if revision == "0004":
                outputs["emails-before-0004.txt"] = r.rows("users at 0003", "SELECT id, email FROM users ORDER BY id")
            outputs[f"upgrade-{revision}.sql"] = format_statements(stable_order(migration_sql(r.url, "upgrade", revision)))
            if revision == "0004":
                outputs["emails-after-0004.txt"] = r.rows("users at 0004", "SELECT id, email FROM users ORDER BY id")
            if revision == "0009":
                outputs["venues-after-0009.txt"] = r.rows("venues at 0009", "SELECT id, name FROM venues ORDER BY id") + r.rows(
                    "events at 0009", "SELECT id, name, location, venue_id FROM events ORDER BY id"
                )
        outputs["schema-head.txt"] = describe(sa.create_engine(r.url))
        outputs["er-head.mmd"] = er_diagram(sa.create_engine(r.url))
    with reader() as r:
        # Bad input: two spellings of one address. The upgrade names them and changes nothing.
        production_database(Path(r.url.removeprefix("sqlite:///")), "0003")
        execute(r.url, "INSERT INTO users (id, email, display_name) VALUES (4, 'ada@example.org', 'Ada (second account)')")
        outputs["upgrade-0004-collision.txt"] = r.alembic("upgrade 0004", expect=255)
        outputs["current-after-collision.txt"] = r.alembic("current")
    return outputs


@scenario("lifecycle-version-control")
def version_control() -> dict[str, str]:
    """Step 8: the chain, then two heads and their merge in a throwaway copy of the project.

    Inside the copy, the reader's relative URL (sqlite:///var/lifecycle.db) names a
    database of the copy's own, so the demonstration never touches theirs."""
    with reader() as r:
        outputs = {"history.txt": r.alembic("history"), "heads-real.txt": r.alembic("heads")}
        outputs["copy.txt"] = r.python("two_heads", "two-heads")
        copy = Reader(r.folder / "two-heads")
        outputs |= {
            "upgrade-copy.txt": copy.alembic("upgrade 0012", project=copy.folder),
            "heads-two.txt": copy.alembic("heads", project=copy.folder),
            "upgrade-two-heads.txt": copy.alembic("upgrade head", expect=255, project=copy.folder),
            "merge.txt": copy.alembic('merge heads -m "merge is_online and comments" --rev-id 0014', project=copy.folder),
            "upgrade-after-merge.txt": copy.alembic("upgrade head", project=copy.folder),
            "current-after-merge.txt": copy.alembic("current", project=copy.folder),
            "history-branches.txt": copy.alembic("history -r 0012:", project=copy.folder),
        }
        merge_file = copy.folder / "migrations" / "versions" / "0014_merge_is_online_and_comments.py"
        outputs["merge-revision.txt"] = "".join(
            line for line in merge_file.read_text().splitlines(keepends=True) if line.startswith(("revision", "down_revision"))
        )
        # Alembic prints the absolute path of the file it generates: show it from the copy's root.
        return {name: text.replace(f"{copy.folder}/", "") for name, text in outputs.items()}


@scenario("lifecycle-release")
def release() -> dict[str, str]:
    """Steps 12 and 13: the script for review, the gate, the upgrade, the check after it."""
    with reader() as r:
        r.python("sample_data")
        return {
            "offline-0002-0004.txt": r.alembic("upgrade 0002:0004 --sql"),
            "offline-batch-fails.txt": r.alembic("upgrade 0004:0005 --sql", expect=255),
            "offline-copy-from.sql": format_statements(stable_order(rename_title_offline().rstrip().rstrip(";").split(";\n\n"))),
            "gate-refuses.txt": r.python("startup_gate", expect=1),
            "upgrade-head.txt": r.alembic("upgrade head"),
            "gate-starts.txt": r.python("startup_gate"),
            "check.txt": r.alembic("check"),
            "downstream-after.txt": downstream(r, expect=1),
        }


def downstream(r: Reader, expect: int) -> str:
    """Step 13's check of the queries other systems run (examples/lifecycle_release/)."""
    code, text = python_module("examples.lifecycle_release.downstream", r.url, cwd=r.folder)
    return checked(code, expect, text)


@scenario("lifecycle-monitor")
def monitor() -> dict[str, str]:
    """Steps 14 and 16: query plans around the index; drift made by hand, then detected."""
    statement = events_attended_by_statement(2)
    outputs = {}
    with reader() as r:
        production_database(Path(r.url.removeprefix("sqlite:///")), "0011")
        outputs["plan-0011.txt"] = r.plan(statement)
        r.alembic("upgrade head")
        outputs["plan-0012.txt"] = r.plan(statement)
        outputs["my-events-query.sql"] = r.plan(statement, sql_only=True)
        outputs["drift-none.txt"] = r.python("drift")
        outputs["hand-edits.txt"] = r.python("drift", "--apply-hand-edits")
        outputs["check-drift.txt"] = r.alembic("check", expect=255)
        outputs["drift-report.txt"] = r.python("drift", expect=1)
    return outputs


@scenario("lifecycle-rollback")
def rollback() -> dict[str, str]:
    """Step 15: downgrades that keep the rows, the irreversible step, the restore."""
    with reader() as r:
        r.python("sample_data")
        r.python("backup", f"create {BACKUP}")
        r.alembic("upgrade head")
        return {
            "downgrade-0004.txt": r.alembic("downgrade 0004"),
            "events-after-downgrade.txt": r.rows(
                "events at 0004, after the round trip", "SELECT id, title, location, capacity FROM events ORDER BY id"
            ),
            "downgrade-0003-refused.txt": r.alembic("downgrade 0003", expect=255),
            "current-after-refusal.txt": r.alembic("current"),
            "restore.txt": r.python("backup", f"restore {BACKUP}"),
            "current-after-restore.txt": r.alembic("current"),
        }
