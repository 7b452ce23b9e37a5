"""Run every revision of migrations/versions/ and record what it does: the facts
behind the Reference → Revisions pages (tools/site/reference.py renders them).

Every revision is applied, parents first, to a real SQLite database in a
temporary folder:

* the SQL SQLite receives is recorded from the engine (tools/outputs/sql_capture.py),
  batch table rebuilds included, which offline mode cannot render on SQLite;
* the PostgreSQL SQL comes from Alembic's offline mode (`--sql`) against a
  `postgresql://` URL: Alembic needs SQLAlchemy's dialect only, no server, no driver;
* what a real PostgreSQL executed, and the schema it reports after each revision, are
  read from docs/_generated/reference-revisions/, which `make snapshots` writes from
  runs on a private server (tools/outputs/postgresql_runs.py): building the site needs no server;
* the schema is reflected before and after it: the ER diagram (tools/outputs/diagrams.py)
  and the difference (tools/outputs/schema_diff.py).

Nothing is cached: each call runs every revision once more.
"""

import ast
import contextlib
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic.util import to_tuple

from examples.app.db import DATABASE_URL_ENV, make_engine
from tools.common import ROOT, environment_variable
from tools.outputs.diagrams import er_diagram
from tools.outputs.postgresql_runs import schema_file, sql_file
from tools.outputs.reference_paths import PAGES_FOLDER, POSTGRESQL_RUNS
from tools.outputs.schema_diff import Change, Schema, diff, reflect
from tools.outputs.sql_capture import handbook_config, is_bookkeeping, migration_sql, upgrade

VERSIONS = ROOT / "migrations" / "versions"
OFFLINE_URL = "postgresql://"  # offline mode needs the dialect's name, nothing to connect to
HEADER_LINE = re.compile(r"^(Revision ID|Revises|Create Date):")
RUNNING_UPGRADE = re.compile(r"^-- Running upgrade (?P<source>.*) -> (?P<target>\S+)$", re.M)


class RevisionPageError(Exception):
    """A revision could not be applied or read while generating its page."""


@dataclass(frozen=True)
class Revision:
    id: str
    message: str
    description: str
    path: Path
    parents: tuple[str, ...]
    dependencies: tuple[str, ...]
    children: tuple[str, ...]
    branch_labels: tuple[str, ...]

    @property
    def page(self) -> str:
        return f"{PAGES_FOLDER}/{self.id}.md"

    @property
    def title(self) -> str:
        return f"{self.id}: {self.message}"


@dataclass(frozen=True)
class RevisionReport:
    revision: Revision
    sqlite_sql: tuple[str, ...]
    postgresql_sql: tuple[str, ...] | None  # None: offline mode could not render it
    postgresql_error: str
    postgresql_executed: Path | None  # the recorded SQL's file; None: not captured yet
    postgresql_schema: Path | None  # the schema PostgreSQL reported after it; None: not captured yet
    before: Schema
    after: Schema
    diagram: str
    changes: tuple[Change, ...]


def script_directory_of(versions: Path) -> ScriptDirectory:
    return ScriptDirectory.from_config(handbook_config(versions=versions))


def revisions(versions: Path = VERSIONS, script_directory: ScriptDirectory | None = None) -> list[Revision]:
    """Every revision, parents before children (branches and merges included)."""
    script_directory = script_directory or script_directory_of(versions)
    found = []
    for script in reversed(list(script_directory.walk_revisions())):
        docstring = ast.get_docstring(ast.parse(Path(script.path).read_text(encoding="utf-8"))) or ""
        body = [line for line in docstring.splitlines()[1:] if not HEADER_LINE.match(line)]
        found.append(
            Revision(
                id=script.revision,
                message=script.doc,
                description="\n".join(body).strip(),
                path=Path(script.path),
                parents=to_tuple(script.down_revision, default=()),
                dependencies=tuple(
                    script_directory.get_revision(d).revision for d in to_tuple(script.dependencies, default=())
                ),
                children=tuple(sorted(script.nextrev)),
                branch_labels=tuple(sorted(script.branch_labels)),
            )
        )
    return found


@contextlib.contextmanager
def _offline_url() -> Iterator[None]:
    # env.py prefers HANDBOOK_DATABASE_URL to alembic.ini: hide it while rendering.
    with environment_variable(DATABASE_URL_ENV, None):
        yield


def _render_offline(script: ScriptDirectory, target: str, output: io.StringIO) -> None:
    config = handbook_config()
    config.set_main_option("sqlalchemy.url", OFFLINE_URL)
    config.output_buffer = output
    with _offline_url():
        upgrade(config, target, script=script, sql=True)


def _split_by_revision(script: str) -> dict[str, tuple[str, ...]]:
    """`alembic upgrade --sql` output, cut at each `-- Running upgrade a -> b`:
    the statements of each revision, Alembic's bookkeeping left out."""
    sections = {}
    marks = list(RUNNING_UPGRADE.finditer(script))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        text = script[mark.end() : following.start() if following else len(script)]
        statements = [s.strip() for s in re.split(r";\s*\n\s*\n", text) if s.strip()]
        sections[mark["target"]] = tuple(s.rstrip(";") for s in statements if not is_bookkeeping(s.rstrip(";")))
    return sections


def postgresql_sql(script: ScriptDirectory, chain: list[Revision]) -> dict[str, tuple[str, ...] | str]:
    """Each revision's PostgreSQL SQL from offline runs of the chain, or the error
    offline mode raised for it (a revision that reads rows has no database to read).

    One run does the whole chain; when a revision fails, the next run starts after it.
    A revision no run reached (beyond a failure on another branch) is run on its own.
    """
    rendered: dict[str, tuple[str, ...] | str] = {}
    targets = ["heads"]
    targets += [f"{r.parents[0]}:{r.id}" if r.parents else r.id for r in chain]
    while targets:
        target, output = targets.pop(0), io.StringIO()
        if target.split(":")[-1] in rendered:
            continue  # an earlier run reached this revision
        try:
            _render_offline(script, target, output)
        except Exception as error:
            sections = _split_by_revision(output.getvalue())
            if not sections:
                if target == "heads":  # not a revision's fault: the environment's
                    raise RevisionPageError(f"`alembic upgrade heads --sql` failed: {error}") from error
                continue
            failed = list(sections)[-1]  # the step that was running
            rendered.update({**sections, failed: f"{type(error).__name__}: {error}"})
            if target.endswith("heads"):
                targets.insert(0, f"{failed}:heads")
        else:
            rendered.update(_split_by_revision(output.getvalue()))
    return rendered


def captured(file_name: str) -> Path | None:
    path = ROOT / "docs" / "_generated" / POSTGRESQL_RUNS / file_name
    return path if path.is_file() else None


def generate(versions: Path = VERSIONS) -> list[RevisionReport]:
    script = script_directory_of(versions)  # each revision file is read once
    chain = revisions(versions, script)
    offline = postgresql_sql(script, chain)
    reports = []
    with tempfile.TemporaryDirectory(prefix="handbook-revisions-") as tmp:
        databases: dict[str, Path] = {}
        schemas: dict[str, Schema] = {}
        for index, revision in enumerate(chain):
            # Start from the first parent's database, bring in the other parents
            # (a merge) and dependencies: then only this revision is left to run.
            database = Path(tmp) / f"{index:04d}.db"
            if revision.parents:
                shutil.copyfile(databases[revision.parents[0]], database)
            url = f"sqlite:///{database}"
            engine = make_engine(url, foreign_keys=False)
            try:
                for earlier in (*revision.parents[1:], *revision.dependencies):
                    upgrade(handbook_config(engine, versions=versions), earlier, script=script)
                # The usual case, one parent: its schema is already known.
                one_parent = len(revision.parents) == 1 and not revision.dependencies
                before = schemas[revision.parents[0]] if one_parent else reflect(engine)
                try:
                    statements = migration_sql(url, "upgrade", revision.id, versions=versions, script=script)
                except Exception as error:
                    raise RevisionPageError(
                        f"{revision.path.name}: `alembic upgrade {revision.id}` failed on SQLite: "
                        f"{type(error).__name__}: {error}"
                    ) from error
                inspector = sa.inspect(engine)  # one reflection cache for the diff and the diagram
                after, diagram = reflect(inspector), er_diagram(inspector)
            finally:
                engine.dispose()
            databases[revision.id], schemas[revision.id] = database, after
            pg = offline.get(revision.id, ())
            reports.append(
                RevisionReport(
                    revision=revision,
                    sqlite_sql=tuple(statements),
                    postgresql_sql=None if isinstance(pg, str) else pg,
                    postgresql_error=pg if isinstance(pg, str) else "",
                    postgresql_executed=captured(sql_file(revision.id)),
                    postgresql_schema=captured(schema_file(revision.id)),
                    before=before,
                    after=after,
                    diagram=diagram,
                    changes=tuple(diff(before, after)),
                )
            )
    return reports
