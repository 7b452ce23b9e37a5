"""Reference → Revisions: one page per revision file, the index, and the revision graph.

Generated at build time by tools/site/hooks/reference_pages.py, so a new revision file gets its
page with no other edit. The facts on the pages (SQL, schemas, differences) come
from running every revision: tools/outputs/revision_runs.py.
"""

import re
from collections import Counter
from pathlib import Path

from tools.outputs.postgresql_runs import schema_file, sql_file
from tools.outputs.revision_runs import (
    ROOT,
    VERSIONS,
    Revision,
    RevisionPageError,
    RevisionReport,
    captured,
    generate,
)
from tools.outputs.schema_diff import KINDS, Change
from tools.outputs.sql_capture import format_statements
from tools.site.revision_nav import INDEX_PAGE

# One named section per revision (`r<id>`), written by tools/outputs/scenarios/production_locks.py.
RECEIPTS = "docs/_generated/production-locks/receipts.md"
GRAPH_PAGE = "reference/revision-graph.md"
SCRIPT_SECTIONS = ("upgrade", "downgrade")  # marked in every revision file, as the template does

# What the pages claim, and the test in tests/tools/site/test_reference.py that shows it.
PROOFS = (
    ("The SQLite SQL is what runs: replayed, it builds the schema `alembic upgrade` builds.",
     "test_sqlite_listing_replays_to_the_schema_alembic_builds"),
    ("The PostgreSQL SQL is what `alembic upgrade --sql` prints.",
     "test_postgresql_listing_is_what_offline_mode_prints"),
    ("The executed PostgreSQL SQL, replayed on a new PostgreSQL database, builds the schema the page says "
     "PostgreSQL reported.", "test_postgresql_executed_listing_replays_to_the_reported_schema"),
    ("The sentence under the tabs says truly whether the executed run and the `--sql` script agree.",
     "test_sentence_under_the_tabs_matches_the_two_postgresql_listings"),
    ("The executed listings and reported schemas are a fresh run's (`make snapshots`).",
     "test_generated_output_matches_a_fresh_run"),
    ("A diagram has exactly the tables and columns the database has.",
     "test_diagram_has_exactly_the_reflected_tables_and_columns"),
    ("What changed agrees with Alembic's autogenerate comparison.", "test_diff_matches_alembics_own_comparison"),
    ("A new revision file, a branch or a merge gets its pages with no other edit.",
     "test_a_new_revision_file_gets_its_pages_with_no_other_edit"),
)




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
    missing = [name for name in SCRIPT_SECTIONS if f"--8<-- [start:{name}]" not in source]
    if missing:
        raise RevisionPageError(
            f"{revision.path.name}: no `# --8<-- [start:{missing[0]}]` … `# --8<-- [end:{missing[0]}]` "
            f"around {missing[0]}(). Pages embed revisions by named section; `alembic revision` "
            "writes the markers (migrations/script.py.mako): add them to this file."
        )
    for name in SCRIPT_SECTIONS:
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
    lines += ["", '=== "PostgreSQL (executed)"', ""]
    if report.postgresql_executed is None:
        lines += _indent(NOT_CAPTURED)
    else:
        lines += _indent(
            f"Recorded from the engine while `alembic upgrade {revision.id}` ran on a private PostgreSQL\n"
            "server with no rows, through the handbook's `env.py` (`make snapshots` runs it; the staleness\n"
            "test fails when this listing differs from a fresh run). Alembic's bookkeeping is left out."
        )
        lines.append("")
        if report.postgresql_executed.read_text(encoding="utf-8").strip():
            lines += _indent(_embedded("sql", report.postgresql_executed))
        else:
            lines += _indent("This revision sends no statement to PostgreSQL.")
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
    return [*lines, "", *executed_versus_offline(report), ""]


NOT_CAPTURED = (
    '!!! warning "Not run on PostgreSQL yet"\n\n'
    "    `make snapshots` runs every revision on a private PostgreSQL and records what it\n"
    "    executed; it has not run since this revision was written."
)


def embedded_outputs(chain: list[Revision]) -> list[str]:
    """The files of docs/_generated/ the revision pages embed (when they exist)."""
    paths = (captured(name(r.id)) for r in chain for name in (sql_file, schema_file))
    return [_source_path(path) for path in paths if path is not None]


def _embedded(language: str, path: Path) -> str:
    return "\n".join(["```" + language, f'--8<-- "{_source_path(path)}"', "```"])


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.expandtabs(4).split("\n\n") if p.strip()]


def executed_versus_offline(report: RevisionReport) -> list[str]:
    """One sentence under the tabs: do the executed SQL and the `--sql` script agree, and if not, why."""
    if report.postgresql_executed is None:
        return []
    executed = _paragraphs(report.postgresql_executed.read_text(encoding="utf-8"))
    if report.postgresql_sql is None:
        return ["On PostgreSQL only a live run can do this revision: the executed tab is the one to read."]
    script = _paragraphs(format_statements(list(report.postgresql_sql))) if report.postgresql_sql else []
    if executed == script:
        return ["On PostgreSQL the `--sql` script and the executed run are the same statements."]
    reads = [p for p in executed if p.upper().startswith("SELECT")]
    if reads and [p for p in executed if p not in reads] == script:
        return [
            f"The executed run has {len(reads)} statement{'s' if len(reads) > 1 else ''} the `--sql` script lacks: "
            f"the revision reads rows (`SELECT`) to check them before it changes anything. A script has no "
            "database to read, so the offline path of the revision leaves the check out."
        ]
    return ["The executed run and the `--sql` script differ: compare the two tabs before you hand the script "
            "to someone who runs it by hand."]


def _locks_section(revision: Revision) -> list[str]:
    """The revision's lock receipt, when `make snapshots` has written one."""
    receipts = ROOT / RECEIPTS
    if not receipts.is_file() or f"[start:r{revision.id}]" not in receipts.read_text(encoding="utf-8"):
        return []
    return [
        "## Locks on PostgreSQL",
        "",
        "What each statement locked, and whether it rewrote a table, when this revision ran on a",
        "seeded PostgreSQL ([how these receipts are taken](../../production/locks.md)).",
        "",
        f'--8<-- "{RECEIPTS}:r{revision.id}"',
        "",
    ]


def _changes_section(report: RevisionReport) -> list[str]:
    lines = [
        "## What changed",
        "",
        "Computed by reflecting the SQLite database before and after this revision.",
        "",
    ]
    if not report.changes:
        return [*lines, "No table, column, constraint or index changed.", ""]
    lines += ["| Change | What | Definition |", "| --- | --- | --- |"]
    for change in report.changes:
        lines.append(f"| {change.action} {change.kind} | `{change.name}` | {_cell(change.detail)} |")
    tables = {action: {c.name.split(".")[0] for c in report.changes if c.kind == "column" and c.action == action}
              for action in ("added", "removed")}
    if tables["added"] & tables["removed"]:
        lines += ["", "A database does not record renames: a renamed column shows as one removed and one added."]
    return [*lines, ""]


def _diagram_section(report: RevisionReport) -> list[str]:
    lines = ["## The schema after it", ""]
    if not report.after:
        lines += ["The database has no tables after this revision.", ""]
    else:
        lines += [
            "Reflected from the SQLite database at this revision (`alembic_version` left out).",
            "",
            *_code_block("mermaid", report.diagram),
            "",
        ]
    lines += ["### As PostgreSQL reports it", ""]
    if report.postgresql_schema is None:
        return [*lines, NOT_CAPTURED, ""]
    return [
        *lines,
        "Reflected from the PostgreSQL database right after the executed run above, as",
        "`python -m examples.app.show_schema` prints it (`alembic_version` left out). PostgreSQL",
        "backs every primary key and unique constraint with an index, and reports the unique ones",
        "among the indexes too; a `SERIAL` column shows as an integer whose default is its sequence.",
        "",
        _embedded("text", report.postgresql_schema),
        "",
    ]


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
    lines += _locks_section(revision)
    lines += _changes_section(report)
    lines += _diagram_section(report)
    return "\n".join(lines)


def index_page(reports: list[RevisionReport]) -> str:
    lines = [
        "# Revisions",
        "",
        "One page per file in `migrations/versions/`, generated when the site is built: each",
        "revision is applied, in order, to a real SQLite database. A page shows the script, the",
        "SQL SQLite received while it ran, the SQL a real PostgreSQL executed and the SQL",
        "Alembic's offline mode writes for it,",
        "what changed in the schema, and the schema after it, all read back from the databases.",
        "The PostgreSQL runs are recorded by `make snapshots` on a private server, so building",
        "the site needs none.",
        "A new revision file gets its page on the next build, with no other edit.",
        "",
        "The [revision graph](../revision-graph.md) shows how the revisions connect.",
        "",
        "Each listing is checked against an independent run:",
        "",
        *(f"- {claim} Proved by [{test}][]" for claim, test in PROOFS),
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
    heads = _links(tuple(r.id for r in chain if not r.children), "revisions/")
    merges = _links(tuple(r.id for r in chain if len(r.parents) > 1), "revisions/") or "none"
    branch_points = _links(tuple(r.id for r in chain if len(r.children) > 1), "revisions/") or "none"
    lines = [
        "# Revision graph",
        "",
        "Every revision in `migrations/versions/`, from the first (top) to the heads (thick border),",
        "generated from the files when the site is built. An arrow goes from a revision to the",
        "one that revises it; a revision with two arrows in is a merge.",
        "",
        *_code_block("mermaid", graph_mermaid(chain)),
        "",
        f"{len(chain)} revisions; heads: {heads}; branch points: {branch_points}; merges: {merges}.",
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
