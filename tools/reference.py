"""Reference → Revisions: one page per revision file, and the revision graph.

Generated at build time by tools/mkdocs_hooks.py from migrations/versions/, so a
new revision file gets its page with no other edit. Every revision is applied,
in order, to a real SQLite database in a temporary folder:

* the SQL SQLite receives is recorded from the engine (tools/sql_capture.py),
  batch table rebuilds included, which offline mode cannot render on SQLite;
* the PostgreSQL SQL comes from Alembic's offline mode (`--sql`) against a
  `postgresql://` URL: Alembic needs SQLAlchemy's dialect only, no server, no driver;
* the schema is reflected before and after it: the ER diagram (tools/diagrams.py)
  and the difference (tools/schema_diff.py).

Nothing is cached: each build runs every revision once more.
"""

import ast
import contextlib
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic.util import to_tuple

from examples.app.db import DATABASE_URL_ENV, make_engine
from tools.diagrams import er_diagram
from tools.schema_diff import KINDS, Change, Schema, diff, reflect
from tools.sql_capture import format_statements, handbook_config, is_bookkeeping, migration_sql, upgrade

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "migrations" / "versions"
FOLDER = "reference/revisions"
INDEX_PAGE = f"{FOLDER}/index.md"
GRAPH_PAGE = "reference/revision-graph.md"
OFFLINE_URL = "postgresql://"  # offline mode needs the dialect's name, nothing to connect to
HEADER_LINE = re.compile(r"^(Revision ID|Revises|Create Date):")
RUNNING_UPGRADE = re.compile(r"^-- Running upgrade (?P<source>.*) -> (?P<target>\S+)$", re.M)


# What the pages claim, and the test in tests/test_reference_pages.py that shows it.
PROOFS = (
    ("The SQLite SQL is what runs: replayed, it builds the schema `alembic upgrade` builds.",
     "test_sqlite_listing_replays_to_the_schema_alembic_builds"),
    ("The PostgreSQL SQL is what `alembic upgrade --sql` prints.",
     "test_postgresql_listing_is_what_offline_mode_prints"),
    ("A diagram has exactly the tables and columns the database has.",
     "test_diagram_has_exactly_the_reflected_tables_and_columns"),
    ("What changed agrees with Alembic's autogenerate comparison.", "test_diff_matches_alembics_own_comparison"),
    ("A new revision file, a branch or a merge gets its pages with no other edit.",
     "test_a_new_revision_file_gets_its_pages_with_no_other_edit"),
)


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
        return f"{FOLDER}/{self.id}.md"

    @property
    def title(self) -> str:
        return f"{self.id}: {self.message}"


@dataclass(frozen=True)
class RevisionReport:
    revision: Revision
    sqlite_sql: tuple[str, ...]
    postgresql_sql: tuple[str, ...] | None  # None: offline mode could not render it
    postgresql_error: str
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
def _offline_url() -> "contextlib.AbstractContextManager[None]":
    # env.py prefers HANDBOOK_DATABASE_URL to alembic.ini: hide it while rendering.
    saved = os.environ.pop(DATABASE_URL_ENV, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[DATABASE_URL_ENV] = saved


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
    for mark, following in zip(marks, [*marks[1:], None]):
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
        except Exception as error:  # noqa: BLE001 - shown on its revision's page
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
                    before=before,
                    after=after,
                    diagram=diagram,
                    changes=tuple(diff(before, after)),
                )
            )
    return reports


# ---------------------------------------------------------------- pages


def _source_path(path: Path) -> str:
    """How pymdownx.snippets finds the file: relative to the repository root."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def _indent(text: str) -> list[str]:
    return [f"    {line}" if line else "" for line in text.splitlines()]


def _code_block(language: str, text: str) -> list[str]:
    return [f"```{language}", *text.rstrip("\n").splitlines(), "```"]


def _links(ids: tuple[str, ...], prefix: str = "") -> str:
    return ", ".join(f"[{i}]({prefix}{i}.md)" for i in ids)


def _cell(text: str) -> str:
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`" if text else ""


def summary(changes: tuple[Change, ...]) -> str:
    """'added 1 table, 2 indexes; changed 1 column' for the index page."""
    counts = Counter((c.action, c.kind) for c in changes)
    if not counts:
        return "no schema change"
    parts = []
    for action in ("added", "removed", "changed"):
        kinds = [
            f"{counts[action, kind]} {kind}{'' if counts[action, kind] == 1 else 'es' if kind == 'index' else 's'}"
            for kind in KINDS
            if counts[action, kind]
        ]
        if kinds:
            parts.append(f"{action} {', '.join(kinds)}")
    return "; ".join(parts)


def _script_section(revision: Revision) -> list[str]:
    source = revision.path.read_text(encoding="utf-8")
    path = _source_path(revision.path)
    lines = ["## The script", "", f"`{path}`", ""]
    sections = [name for name in ("upgrade", "downgrade") if f"--8<-- [start:{name}]" in source]
    if not sections:  # a file without section markers is shown whole
        return lines + ["```python", f'--8<-- "{path}"', "```", ""]
    for name in sections:
        lines += [f'=== "{name}()"', "", "    ```python", f'    --8<-- "{path}:{name}"', "    ```", ""]
    return lines


def _sql_section(report: RevisionReport) -> list[str]:
    revision = report.revision
    start = f"{revision.parents[0]}:" if revision.parents else ""
    lines = ["## The SQL it emits", "", '=== "SQLite (executed)"', ""]
    lines += _indent(
        f"Recorded from the engine while `alembic upgrade {revision.id}` ran on a database with no\n"
        "rows: what SQLite really received, table rebuilds of batch operations included (a data\n"
        "migration's per-row statements run only where there are rows). Alembic's bookkeeping\n"
        "(`alembic_version`, `PRAGMA` reads, `BEGIN`/`COMMIT`) is left out."
    )
    lines.append("")
    if report.sqlite_sql:
        lines += _indent("\n".join(_code_block("sql", format_statements(list(report.sqlite_sql)))))
    else:
        lines += _indent("This revision sends no statement to SQLite.")
    if len(revision.parents) > 1:  # a merge: its own step of the whole chain's script
        command_line = "this revision's step of `alembic upgrade heads --sql`"
    else:
        command_line = f"`alembic upgrade {start}{revision.id} --sql`"
    lines += ["", '=== "PostgreSQL (offline)"', ""]
    lines += _indent(
        f"Written by Alembic's offline mode, {command_line}, with a\n"
        "`postgresql://` URL: nothing connects to a server, no driver is needed."
    )
    lines.append("")
    if report.postgresql_sql is None:
        lines += _indent(
            '!!! warning "Offline mode cannot write this revision\'s SQL"\n\n'
            f"    It raised `{report.postgresql_error}` while running this revision.\n"
            "    Offline mode has no database: a revision that reads rows (to check or move\n"
            "    data) can only run against a live one, never be written out as a script."
        )
    elif report.postgresql_sql:
        lines += _indent("\n".join(_code_block("sql", format_statements(list(report.postgresql_sql)))))
    else:
        lines += _indent("This revision emits no statement.")
    return lines + [""]


def _changes_section(report: RevisionReport) -> list[str]:
    lines = [
        "## What changed",
        "",
        "Computed by reflecting the SQLite database before and after this revision.",
        "",
    ]
    if not report.changes:
        return lines + ["No table, column, constraint or index changed.", ""]
    lines += ["| Change | What | Definition |", "| --- | --- | --- |"]
    for change in report.changes:
        lines.append(f"| {change.action} {change.kind} | `{change.name}` | {_cell(change.detail)} |")
    tables = {action: {c.name.split(".")[0] for c in report.changes if c.kind == "column" and c.action == action}
              for action in ("added", "removed")}
    if tables["added"] & tables["removed"]:
        lines += ["", "A database does not record renames: a renamed column shows as one removed and one added."]
    return lines + [""]


def _diagram_section(report: RevisionReport) -> list[str]:
    lines = ["## The schema after it", ""]
    if not report.after:
        return lines + ["The database has no tables after this revision.", ""]
    lines += [
        "Reflected from the SQLite database at this revision (`alembic_version` left out).",
        "",
        *_code_block("mermaid", report.diagram),
        "",
    ]
    return lines


def revision_page(report: RevisionReport) -> str:
    revision = report.revision
    facts = [
        ("Revision id", f"`{revision.id}`"),
        ("Revises", _links(revision.parents) or "nothing: the first revision"),
        ("Next", _links(revision.children) or "nothing yet: a head"),
    ]
    if revision.dependencies:
        facts.append(("Depends on", _links(revision.dependencies)))
    if revision.branch_labels:
        facts.append(("Branch labels", ", ".join(f"`{b}`" for b in revision.branch_labels)))
    lines = [f"# {revision.title}", ""]
    if revision.description:
        lines += [revision.description, ""]
    rows = [f"| {name} | {value} |" for name, value in facts]
    lines += [rows[0], "| --- | --- |", *rows[1:], ""]  # the id heads the table
    lines += _script_section(revision)
    lines += _sql_section(report)
    lines += _changes_section(report)
    lines += _diagram_section(report)
    return "\n".join(lines)


def index_page(reports: list[RevisionReport]) -> str:
    lines = [
        "# Revisions",
        "",
        "One page per file in `migrations/versions/`, generated when the site is built: each",
        "revision is applied, in order, to a real SQLite database. A page shows the script, the",
        "SQL SQLite received while it ran, the SQL Alembic's offline mode writes for PostgreSQL,",
        "what changed in the schema, and the schema after it, all read back from the database.",
        "A new revision file gets its page on the next build, with no other edit.",
        "",
        "The [revision graph](../revision-graph.md) shows how the revisions connect.",
        "",
        "Each listing is checked against an independent run:",
        "",
        *(f"- {claim} Proved by [{test}](../tests/test_reference_pages.md#{test})" for claim, test in PROOFS),
        "",
        "| Revision | Message | Revises | Schema change |",
        "| --- | --- | --- | --- |",
    ]
    for report in reports:
        revision = report.revision
        lines.append(
            f"| [{revision.id}]({revision.id}.md) | {revision.message} | "
            f"{_links(revision.parents) or 'base'} | {summary(report.changes)} |"
        )
    return "\n".join(lines) + "\n"


def _node(revision_id: str) -> str:
    return "r_" + re.sub(r"\W", "_", revision_id)


def graph_mermaid(chain: list[Revision]) -> str:
    """A flowchart from the first revision down to the heads: solid arrows for
    `down_revision` (two or more arrows into a merge), dotted ones for `depends_on`."""
    lines = ["flowchart TD"]
    for revision in chain:
        label = f"{revision.id}<br/>{revision.message}".replace('"', "#quot;")
        if revision.branch_labels:
            label += f"<br/>({', '.join(revision.branch_labels)})"
        lines.append(f'    {_node(revision.id)}["{label}"]')
    for revision in chain:
        lines += [f"    {_node(parent)} --> {_node(revision.id)}" for parent in revision.parents]
        lines += [f"    {_node(dep)} -.->|depends on| {_node(revision.id)}" for dep in revision.dependencies]
    heads = [_node(r.id) for r in chain if not r.children]
    if heads:
        lines += ["    classDef head stroke-width:3px", f"    class {','.join(heads)} head"]
    return "\n".join(lines) + "\n"


def graph_page(chain: list[Revision]) -> str:
    heads = [r for r in chain if not r.children]
    merges = [r for r in chain if len(r.parents) > 1]
    branch_points = [r for r in chain if len(r.children) > 1]
    lines = [
        "# Revision graph",
        "",
        "Every revision in `migrations/versions/`, from the first (top) to the heads (thick border),",
        "generated from the files when the site is built. An arrow goes from a revision to the",
        "one that revises it; a revision with two arrows in is a merge.",
        "",
        *_code_block("mermaid", graph_mermaid(chain)),
        "",
        f"{len(chain)} revisions; head{'s' if len(heads) != 1 else ''}: {_links(tuple(r.id for r in heads), 'revisions/')}; "
        f"branch points: {_links(tuple(r.id for r in branch_points), 'revisions/') or 'none'}; "
        f"merges: {_links(tuple(r.id for r in merges), 'revisions/') or 'none'}.",
        "",
        "| Revision | Message | Revises |",
        "| --- | --- | --- |",
    ]
    for revision in chain:
        lines.append(
            f"| [{revision.id}](revisions/{revision.id}.md) | {revision.message} | "
            f"{_links(revision.parents, 'revisions/') or 'base'} |"
        )
    return "\n".join(lines) + "\n"


def pages(versions: Path = VERSIONS) -> dict[str, str]:
    """Every generated page: {path under docs/: Markdown}."""
    return render(generate(versions))


def render(reports: list[RevisionReport]) -> dict[str, str]:
    generated = {INDEX_PAGE: index_page(reports), GRAPH_PAGE: graph_page([r.revision for r in reports])}
    for report in reports:
        generated[report.revision.page] = revision_page(report)
    return generated


def expand_nav(nav: list, chain: list[Revision]) -> bool:
    """Turn the nav entry for the Revisions index into a section holding the index
    and one entry per revision. Returns whether the entry was found."""
    for position, entry in enumerate(nav):
        if not isinstance(entry, dict):
            continue
        (title, value), = entry.items()
        if value == INDEX_PAGE:
            nav[position] = {title: [INDEX_PAGE, *({r.title: r.page} for r in chain)]}
            return True
        if isinstance(value, list) and expand_nav(value, chain):
            return True
    return False
