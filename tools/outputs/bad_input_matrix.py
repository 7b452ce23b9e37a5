"""Bad input given to the handbook's `alembic` commands: what each prints, its exit code,
and what it changed (docs/reference/bad-input.md).

Each row is a real run of `alembic` through the handbook's env.py, against a throwaway
copy of the seeded chain's database (or a throwaway PostgreSQL database), with the
database's full state read before and after.
"""

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from examples.app.db import DATABASE_URL_ENV
from tools.common import ROOT
from tools.engines import shared
from tools.engines._process import free_port
from tools.outputs.chain_states import SeededChain, database_state, upgrade
from tools.outputs.transcript import alembic

PASSWORD = "s3cret-pw"
# The seeded database every SQLite row starts from: one revision below head, so an
# `upgrade head` that went ahead would change it (0012 adds an index).
START = "0011"


@dataclass(frozen=True)
class Outcome:
    """One bad input's run: the URL and command as shown, its exit code and message
    (folders, ports and passwords masked), and the database's state before and after."""

    url: str  # HANDBOOK_DATABASE_URL, masked
    command: str
    code: int
    message: str
    before: object = field(repr=False)
    after: object = field(repr=False)
    compared: str  # what `before` and `after` hold, as the table says it
    # For input that is not bad, only surprising: what the run creates, on purpose.
    by_design: str = ""

    @property
    def changed(self) -> str:
        if self.before is None:
            return "—"
        if self.before == self.after:
            return "nothing"
        return f"{self.by_design} (by design)" if self.by_design else "**changed**"


@dataclass
class Workspace:
    """Where a row runs: its own folder, the seeded chain it copies databases from,
    and the masks that make its message the same on every machine."""

    folder: Path
    chain: SeededChain
    masks: dict[str, str] = field(default_factory=dict)  # text a run printed -> as the table shows it

    def sqlite_copy(self, name: str, revision: str = START) -> Path:
        """A copy of the seeded database at `revision`, in the row's folder."""
        path = self.folder / name
        shutil.copyfile(make_url(self.chain.template(revision)).database, path)
        return path

    def mask(self, text: str) -> str:
        for found, shown in self.masks.items():
            text = text.replace(found, shown)
        # Passwords are not masked here: the command must hide them itself.
        return text.replace(str(self.folder), "<tmp>")

    def shown_url(self, url: str) -> str:
        """The URL as the table shows it: the input, so its password is ours to hide."""
        return self.mask(url.replace(PASSWORD, "***"))


def message(transcript: str) -> str:
    """The line a reader acts on: Alembic's `FAILED: …`, else the first line of the
    exception an uncaught error printed, else the command's last line."""
    lines = transcript.splitlines()[1:]
    failed = [line for line in lines if line.startswith("FAILED: ")]
    if failed:
        return failed[-1]
    tracebacks = [n for n, line in enumerate(lines) if line == "Traceback (most recent call last):"]
    if tracebacks:
        # The exception's first line: `module.Class: text`, after the frames.
        return next(line for line in lines[tracebacks[-1]:] if re.match(r"[A-Za-z_][\w.]*: ", line))
    return lines[-1] if lines else ""


def sqlite_state(path: Path) -> tuple:
    """The database's schema, rows and alembic_version, its bytes, and the files in its
    folder (a journal left behind would show there)."""
    return (database_state(f"sqlite:///{path}"), hashlib.sha256(path.read_bytes()).hexdigest(),
            sorted(p.name for p in path.parent.iterdir()))


SQLITE_COMPARED = "schema, rows, `alembic_version`, file bytes, folder"


def run_on_sqlite(space: Workspace, path: Path, args: str, url: str | None = None,
                  cwd: Path = ROOT) -> Outcome:
    """`alembic <args>` against the SQLite file `path` (through `url`, when the URL is not
    the plain one), its state read before and after."""
    url = url or f"sqlite:///{path}"
    before = sqlite_state(path)
    code, transcript = alembic(args, url, cwd)
    return Outcome(space.shown_url(url), f"alembic {args}", code, space.mask(message(transcript)),
                   before, sqlite_state(path), SQLITE_COMPARED)


def project_copy(folder: Path) -> Path:
    """alembic.ini and migrations/ copied into `folder`: a chain a row may add to."""
    project = folder / "project"
    project.mkdir()
    shutil.copyfile(ROOT / "alembic.ini", project / "alembic.ini")
    shutil.copytree(ROOT / "migrations", project / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    return project


def new_revision(project: Path, args: str) -> None:
    """`alembic revision <args>` in `project`: a revision file written by Alembic itself."""
    code, transcript = alembic(f"revision {args}", None, cwd=project)
    assert code == 0, transcript


# --- the rows -------------------------------------------------------------------------


def unknown_revision(space: Workspace) -> Outcome:
    return run_on_sqlite(space, space.sqlite_copy("chain.db"), "upgrade 0099")


def ambiguous_prefix(space: Workspace) -> Outcome:
    """Two new revisions whose ids start alike (0013a, then 0013b on top of it), and a
    command that names only what they share."""
    project = project_copy(space.folder)
    new_revision(project, '-m "add tags" --rev-id 0013a')
    new_revision(project, '-m "add tag colours" --rev-id 0013b')
    return run_on_sqlite(space, space.sqlite_copy("chain.db", "0012"), "upgrade 0013", cwd=project)


def multiple_heads(space: Workspace) -> Outcome:
    """A second revision on 0011, beside 0012, as a second branch would bring in."""
    project = project_copy(space.folder)
    new_revision(project, '-m "add tags" --rev-id 0012b --head 0011 --splice')
    return run_on_sqlite(space, space.sqlite_copy("chain.db"), "upgrade head", cwd=project)


def _edit(path: Path, statement: str) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(statement)
    return path


def version_row_unknown(space: Workspace) -> Outcome:
    path = _edit(space.sqlite_copy("chain.db"), "UPDATE alembic_version SET version_num = '0099'")
    return run_on_sqlite(space, path, "upgrade head")


def version_row_empty(space: Workspace) -> Outcome:
    path = _edit(space.sqlite_copy("chain.db"), "DELETE FROM alembic_version")
    return run_on_sqlite(space, path, "upgrade head")


def version_table_missing(space: Workspace) -> Outcome:
    path = _edit(space.sqlite_copy("chain.db"), "DROP TABLE alembic_version")
    return run_on_sqlite(space, path, "upgrade head")


def version_row_empty_on_postgresql(space: Workspace) -> Outcome:
    """The same mistake on PostgreSQL, where the clash is a `relation`, not a `table`."""
    server = shared.postgresql()
    url = server.create_database()
    space.masks[f":{server.port}/{make_url(url).database}"] = ":<port>/<database>"
    try:
        upgrade(url, START)
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM alembic_version")
        engine.dispose()
        before = database_state(url)
        code, transcript = alembic("upgrade head", url)
        after = database_state(url)
    finally:
        server.drop_database(make_url(url).database)
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   before, after, "schema, rows, `alembic_version`")


def unknown_scheme(space: Workspace) -> Outcome:
    """A URL whose scheme names no SQLAlchemy dialect: nothing is opened, so the row
    compares the folder the command runs in."""
    project = project_copy(space.folder)
    url = f"sqlserverr://handbook:{PASSWORD}@db.example/handbook"
    before = sorted(p.name for p in project.iterdir())
    code, transcript = alembic("upgrade head", url, cwd=project)
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   before, sorted(p.name for p in project.iterdir()), "files in the folder it runs in")


def postgresql_server_down(space: Workspace) -> Outcome:
    """Nothing listens on the port: there is no database the command could have changed."""
    port = free_port()
    space.masks[f":{port}/"] = ":<port>/"
    space.masks[f"port {port} "] = "port <port> "
    url = f"postgresql+psycopg://handbook:{PASSWORD}@127.0.0.1:{port}/handbook"
    code, transcript = alembic("upgrade head", url)
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   None, None, "— (no server)")


def postgresql_database_missing(space: Workspace) -> Outcome:
    """The private server runs, the database the URL names does not: it is not created."""
    server = shared.postgresql()
    space.masks[f":{server.port}/"] = ":<port>/"
    space.masks[f"port {server.port} "] = "port <port> "
    url = server.url("no_such_database").replace("postgres@", f"postgres:{PASSWORD}@")
    before = server.database_names()
    code, transcript = alembic("upgrade head", url)
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   before, server.database_names(), "the server's list of databases")


def locked_file(space: Workspace) -> Outcome:
    """Another connection holds an exclusive lock (`BEGIN EXCLUSIVE`) for the whole run.
    The state before is read before the lock is taken: taking it writes nothing."""
    path = space.sqlite_copy("locked.db")
    before = sqlite_state(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        url = f"sqlite:///{path}"
        code, transcript = alembic("upgrade head", url)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   before, sqlite_state(path), SQLITE_COMPARED)


def read_only_file(space: Workspace) -> Outcome:
    """SQLite's own read-only mode (`mode=ro` in a URI filename). The tests run as root,
    for whom a file's permission bits do not stop writes."""
    project = project_copy(space.folder)
    # The file sits in the folder the command runs in: anything created there shows.
    path = shutil.move(space.sqlite_copy("readonly.db"), project / "readonly.db")
    return run_on_sqlite(space, path, "upgrade head", url=f"sqlite:///file:{path}?mode=ro&uri=true", cwd=project)


def full_disk(space: Workspace) -> Outcome:
    """The command in a process that may not make any file larger than the database is
    now (RLIMIT_FSIZE, SIGXFSZ ignored so the write fails instead of killing it): the
    disk is full as far as SQLite can tell. A separate process, so the limit binds it alone."""
    path = space.sqlite_copy("full.db")
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")  # no free pages left inside the file: 0012's index must grow it
    limit = path.stat().st_size
    url = f"sqlite:///{path}"
    before = sqlite_state(path)

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    run = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, preexec_fn=limited,
                         env={**os.environ, DATABASE_URL_ENV: url}, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, timeout=120)
    transcript = "$ alembic upgrade head\n" + run.stdout
    return Outcome(space.shown_url(url), "alembic upgrade head", run.returncode % 256,
                   space.mask(message(transcript)), before, sqlite_state(path), SQLITE_COMPARED)


def files_under(folder: Path) -> list[str]:
    """Every file and folder below `folder`, bytecode caches left out."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if "__pycache__" not in p.parts)


def folder_missing(space: Workspace) -> Outcome:
    """Not bad input: a SQLite file in a folder that does not exist yet. SQLite will not
    make the folder; examples/app/db.py does (a fresh clone has no var/)."""
    path = space.folder / "new" / "app.db"
    url = f"sqlite:///{path}"
    before = files_under(space.folder)
    code, transcript = alembic("upgrade head", url)
    return Outcome(space.shown_url(url), "alembic upgrade head", code, space.mask(message(transcript)),
                   before, files_under(space.folder), "files under `<tmp>`",
                   by_design="`new/app.db` created, at head")


def url_missing(space: Workspace) -> Outcome:
    """No URL anywhere: the variable unset and alembic.ini without `sqlalchemy.url`. The
    handbook's default, `sqlite:///var/handbook.db`, is a path relative to the folder the
    command runs in: here a copy of the project, never the reader's own var/."""
    project = project_copy(space.folder)
    ini = project / "alembic.ini"
    ini.write_text("".join(line for line in ini.read_text().splitlines(keepends=True)
                           if not line.startswith("sqlalchemy.url")))
    before = files_under(project)
    code, transcript = alembic("upgrade head", None, cwd=project)
    return Outcome("(unset)", "alembic upgrade head", code, space.mask(message(transcript)),
                   before, files_under(project), "files in the project it runs in",
                   by_design="`var/handbook.db` created there, at head")


# bad input -> how it is given and run
ROWS: dict[str, Callable[[Workspace], Outcome]] = {
    "unknown revision": unknown_revision,
    "ambiguous revision prefix": ambiguous_prefix,
    "multiple heads": multiple_heads,
    "`alembic_version` names a revision that does not exist": version_row_unknown,
    "`alembic_version` empty, tables present": version_row_empty,
    "`alembic_version` missing, tables present": version_table_missing,
    "`alembic_version` empty, tables present (PostgreSQL)": version_row_empty_on_postgresql,
    "no URL given anywhere": url_missing,
    "URL with an unknown scheme": unknown_scheme,
    "PostgreSQL server down": postgresql_server_down,
    "PostgreSQL database does not exist": postgresql_database_missing,
    "SQLite file locked by another connection": locked_file,
    "SQLite file opened read-only": read_only_file,
    "disk full (the file may not grow)": full_disk,
    "SQLite file in a folder that does not exist": folder_missing,
}


def workspaces(folder: Path) -> Callable[[str], Workspace]:
    """`new(name)`: a fresh workspace in `folder` for the row `name`, all of them sharing
    one seeded chain (its databases are built once, then copied)."""
    chain = SeededChain(folder=folder / "chain")
    chain.folder.mkdir(parents=True, exist_ok=True)

    def new(name: str) -> Workspace:
        space = folder / re.sub(r"\W+", "-", name).strip("-")
        space.mkdir()
        return Workspace(space, chain)

    return new


def run_row(new: Callable[[str], Workspace], name: str) -> Outcome:
    return ROWS[name](new(name))


def _cell(text: str) -> str:
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def markdown_table(outcomes: dict[str, Outcome]) -> str:
    lines = ["| Bad input | `HANDBOOK_DATABASE_URL` | Command | Exit code | Message | "
             "Compared | Changed |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {name} | {_cell(o.url)} | {_cell(o.command)} | {o.code} | {_cell(o.message)} | {o.compared} "
              f"| {o.changed} |" for name, o in outcomes.items()]
    return "\n".join(lines) + "\n"


def matrix(folder: Path) -> dict[str, Outcome]:
    new = workspaces(folder)
    return {name: run_row(new, name) for name in ROWS}


_outcomes: dict[str, Outcome] = {}


def shared_matrix() -> dict[str, Outcome]:
    """Every row run once per process, in a temporary folder removed afterwards: the
    page's tests assert on the same runs its staleness test renders, instead of running
    each row twice (one row waits out SQLite's 5-second busy timeout)."""
    if not _outcomes:
        with tempfile.TemporaryDirectory(prefix="bad-input-") as folder:
            _outcomes.update(matrix(Path(folder)))
    return _outcomes
