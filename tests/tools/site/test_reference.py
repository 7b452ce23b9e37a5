"""The generated Reference → Revisions pages show what really happens.

tools/outputs/revision_runs.py runs every revision and tools/site/reference.py writes its page at
build time. These tests check each listing against an independent run: the SQLite SQL replays to the schema
Alembic builds, the diagram draws exactly the reflected tables and columns, the
diff agrees with Alembic's own comparison, the PostgreSQL SQL is what the
`alembic upgrade --sql` command prints. A copy of migrations/versions/ with extra
revisions (a batch operation, a branch, a merge) gets its pages with no other edit.
"""

import ast
import re
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from examples.app.db import make_engine
from examples.app.show_schema import describe
from tests.er_checks import drawn_tables, reflected_tables
from tools.common import ROOT
from tools.outputs import revision_runs
from tools.outputs.schema_diff import reflect
from tools.outputs.sql_capture import handbook_config, upgrade
from tools.outputs.transcript import alembic
from tools.site import reference, revision_nav

EXTRA_REVISIONS = {
    # id: (parents, upgrade body, downgrade body)
    "9001": (
        None,  # on top of the current head
        """
    op.create_table(
        "probe_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(50), nullable=True),
    )
    op.create_index("ix_probe_notes_label", "probe_notes", ["label"])""",
        """
    op.drop_index("ix_probe_notes_label", table_name="probe_notes")
    op.drop_table("probe_notes")""",
    ),
    "9002": (
        ("9001",),  # one branch: SQLite can only do this by rebuilding the table
        """
    op.drop_index("ix_probe_notes_label", table_name="probe_notes")
    with op.batch_alter_table("probe_notes") as batch:
        batch.add_column(sa.Column("weight", sa.Integer(), nullable=False, server_default="1"))
        batch.alter_column("label", existing_type=sa.String(50), nullable=False)
        batch.create_check_constraint("ck_probe_notes_weight_positive", "weight > 0")""",
        """
    with op.batch_alter_table("probe_notes") as batch:
        batch.drop_constraint("ck_probe_notes_weight_positive", type_="check")
        batch.alter_column("label", existing_type=sa.String(50), nullable=True)
        batch.drop_column("weight")
    op.create_index("ix_probe_notes_label", "probe_notes", ["label"])""",
    ),
    "9003": (
        ("9001",),  # the other branch
        """
    op.create_table("probe_tags", sa.Column("id", sa.Integer(), primary_key=True))""",
        """
    op.drop_table("probe_tags")""",
    ),
    "9004": (("9002", "9003"), "\n    pass", "\n    pass"),  # the merge
}


def write_revision(folder: Path, revision: str, parents: tuple[str, ...], upgrade: str, downgrade: str) -> None:
    down = repr(parents[0]) if len(parents) == 1 else repr(parents)
    (folder / f"{revision}_probe_{revision}.py").write_text(
        f'"""probe revision {revision}\n\nWritten by a test.\n\nRevision ID: {revision}\n"""\n\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {revision!r}\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\n"
        f"# --8<-- [start:upgrade]\ndef upgrade() -> None:{upgrade}\n# --8<-- [end:upgrade]\n\n\n"
        f"# --8<-- [start:downgrade]\ndef downgrade() -> None:{downgrade}\n# --8<-- [end:downgrade]\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def extended_versions(tmp_path_factory) -> Path:
    """A copy of migrations/versions/ plus EXTRA_REVISIONS, on top of today's head."""
    (head,) = [r.id for r in revision_runs.revisions() if not r.children]
    folder = tmp_path_factory.mktemp("versions")
    shutil.copytree(revision_runs.VERSIONS, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for revision, (parents, upgrade_body, downgrade_body) in EXTRA_REVISIONS.items():
        write_revision(folder, revision, parents or (head,), upgrade_body, downgrade_body)
    return folder


@pytest.fixture(scope="module")
def versions(extended_versions) -> Path:
    """The handbook's revisions and the extra ones: the checks below cover both."""
    return extended_versions


@pytest.fixture(scope="module")
def reports(versions) -> list[revision_runs.RevisionReport]:
    return revision_runs.generate(versions)


@pytest.fixture(scope="module")
def migrated(versions, tmp_path_factory) -> dict[str, Path]:
    """Independently of tools/outputs/revision_runs.py: for each revision, a database that
    `alembic upgrade <revision>` built, starting from its first parent's."""
    folder = tmp_path_factory.mktemp("migrated")
    databases: dict[str, Path] = {}
    script = revision_runs.script_directory_of(versions)
    for revision in revision_runs.revisions(versions, script):
        database = folder / f"{revision.id}.db"
        if revision.parents:
            shutil.copyfile(databases[revision.parents[0]], database)
        engine = make_engine(f"sqlite:///{database}", foreign_keys=False)
        upgrade(handbook_config(engine, versions=versions), revision.id, script=script)
        engine.dispose()
        databases[revision.id] = database
    return databases


def before_database(revision: revision_runs.Revision, migrated: dict[str, Path], versions: Path, tmp: Path) -> Path:
    """A database at every ancestor of `revision`, without it."""
    database = tmp / f"before-{revision.id}.db"
    if revision.parents:
        shutil.copyfile(migrated[revision.parents[0]], database)
    engine = make_engine(f"sqlite:///{database}", foreign_keys=False)
    for other in revision.parents[1:]:
        upgrade(handbook_config(engine, versions=versions), other, script=revision_runs.script_directory_of(versions))
    engine.dispose()
    return database


def shown_listing(page: str, tab: str) -> str:
    """The SQL a reader sees in one tab of 'The SQL it emits' ('' when it shows none)."""
    tab_text = page.split(f'=== "{tab}"', 1)[1].split("\n=== ", 1)[0].split("\n## ", 1)[0]
    found = re.search(r"^    ```sql\n(.*?)^    ```$", tab_text, re.S | re.M)
    return textwrap.dedent(found[1]) if found else ""


def replay(listing: str, database: Path) -> None:
    """Run each statement of a listing, with its shown parameters, through the sqlite3 driver."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        for chunk in re.split(r"\n\n(?=\S)", listing.strip()):
            sql, has_parameters, parameters = chunk.partition(";\n-- parameters: ")
            parameters = ast.literal_eval(parameters) if has_parameters else ()
            if isinstance(parameters, list):
                connection.executemany(sql.rstrip(";"), parameters)
            else:
                connection.execute(sql.rstrip(";"), parameters)
    finally:
        connection.close()


def test_sqlite_listing_replays_to_the_schema_alembic_builds(reports, migrated, versions, tmp_path):
    """Replaying the SQLite statements a page shows, on a database at the previous
    revision, gives exactly the schema `alembic upgrade` gives: the listing is what runs,
    with nothing missing."""
    for report in reports:
        revision = report.revision
        database = before_database(revision, migrated, versions, tmp_path)
        listing = shown_listing(reference.revision_page(report), "SQLite (executed)")
        assert bool(listing) == bool(report.sqlite_sql), revision.id
        if listing:
            replay(listing, database)
        replayed = sa.create_engine(f"sqlite:///{database}")
        expected = sa.create_engine(f"sqlite:///{migrated[revision.id]}")
        assert reflect(replayed) == reflect(expected), f"replaying {revision.id}'s listing"
        replayed.dispose()
        expected.dispose()


def test_diagram_has_exactly_the_reflected_tables_and_columns(reports, migrated):
    """The erDiagram on each page names every table and column the database at that
    revision has, and nothing else (`alembic_version` aside)."""
    for report in reports:
        page = reference.revision_page(report)
        diagram = re.search(r"^```mermaid\n(erDiagram\n.*?)^```$", page, re.S | re.M)[1]
        engine = sa.create_engine(f"sqlite:///{migrated[report.revision.id]}")
        expected = reflected_tables(engine)
        engine.dispose()
        assert drawn_tables(diagram) == expected, report.revision.id


# Autogenerate's diff entries, as the page words them: (action, kind).
AUTOGENERATE_OPS = {
    "add_table": ("added", "table"),
    "remove_table": ("removed", "table"),
    "add_column": ("added", "column"),
    "remove_column": ("removed", "column"),
    "add_index": ("added", "index"),
    "remove_index": ("removed", "index"),
    "add_fk": ("added", "foreign key"),
    "remove_fk": ("removed", "foreign key"),
}


def autogenerate_view(before: sa.Engine, after: sa.Engine) -> set[tuple[str, str, str]]:
    """What Alembic's autogenerate finds between the `before` database and the
    reflected `after` schema: {(action, kind, name)}."""
    metadata = sa.MetaData()
    metadata.reflect(after)
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
    with before.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_server_default": True})
        operations = compare_metadata(context, metadata)
    seen = set()
    for operation in operations:
        for entry in operation if isinstance(operation, list) else [operation]:
            kind = entry[0]
            if kind.startswith("modify_"):  # ("modify_type", schema, table, column, ...)
                seen.add(("changed", "column", f"{entry[2]}.{entry[3]}"))
            elif kind in ("add_column", "remove_column"):  # (kind, schema, table, Column)
                seen.add((*AUTOGENERATE_OPS[kind], f"{entry[2]}.{entry[3].name}"))
            elif kind in AUTOGENERATE_OPS:  # (kind, Table | Index | ForeignKeyConstraint)
                seen.add((*AUTOGENERATE_OPS[kind], entry[1].name))
            elif kind in ("add_constraint", "remove_constraint") and isinstance(entry[1], sa.UniqueConstraint):
                seen.add(("added" if kind == "add_constraint" else "removed", "unique constraint", entry[1].name))
    return seen


def test_diff_matches_alembics_own_comparison(reports, migrated, versions, tmp_path):
    """Each page's 'What changed' lists the tables, columns, indexes, foreign keys and
    unique constraints added, removed or changed that Alembic's autogenerate finds
    between the databases before and after the revision. (Autogenerate does not
    compare CHECK constraints; it creates a new table's constraints with the table.)"""
    compared = 0
    for report in reports:
        revision = report.revision
        before = sa.create_engine(f"sqlite:///{before_database(revision, migrated, versions, tmp_path)}")
        after = sa.create_engine(f"sqlite:///{migrated[revision.id]}")
        expected = autogenerate_view(before, after)
        before.dispose()
        after.dispose()
        whole_tables = {c.name for c in report.changes if c.kind == "table"}
        shown = set()
        for change in report.changes:
            name, _, table = change.name.partition(" on ")
            if change.kind in ("table", "column") or (
                change.kind in ("index", "foreign key", "unique constraint")
                and change.action != "changed"
                and (change.kind == "index" or table not in whole_tables)
            ):
                shown.add((change.action, change.kind, name))
        assert shown == expected, revision.id
        compared += len(shown)
    assert compared > len(reports)


def alembic_ini_for(versions: Path, folder: Path) -> Path:
    """The handbook's alembic.ini, reading its revisions from `versions`."""
    ini = (ROOT / "alembic.ini").read_text(encoding="utf-8")
    ini = re.sub(r"^script_location = .*$", f"script_location = {ROOT / 'migrations'}", ini, flags=re.M)
    ini = ini.replace("[alembic]\n", f"[alembic]\nversion_locations = {versions}\n", 1)
    (folder / "alembic.ini").write_text(ini, encoding="utf-8")
    return folder / "alembic.ini"


def test_postgresql_listing_is_what_offline_mode_prints(reports, versions, tmp_path):
    """For each revision, `alembic upgrade <previous>:<revision> --sql` against a
    postgresql:// URL (no server, no driver installed) prints every statement its
    page shows; where the page says offline mode cannot render it, the command
    fails with the error the page shows."""
    ini = alembic_ini_for(versions, tmp_path)
    shown = 0
    for report in reports:
        revision = report.revision
        target = f"{revision.parents[0]}:{revision.id}" if revision.parents else revision.id
        command_line = f"-c {ini} upgrade {target} --sql"
        if report.postgresql_sql is None:
            assert report.postgresql_error in reference.revision_page(report)
            try:
                code, printed = alembic(command_line, "postgresql://")
            except Exception as failure:
                assert f"{type(failure).__name__}: {failure}" == report.postgresql_error
            else:  # a CommandError: the CLI prints FAILED and exits non-zero
                kind, message = report.postgresql_error.split(": ", 1)
                assert kind == "CommandError" and code != 0 and f"FAILED: {message}" in printed, printed
            continue
        code, printed = alembic(command_line, "postgresql://")
        assert code == 0 and "Context impl PostgresqlImpl" in printed, printed
        listing = shown_listing(reference.revision_page(report), "PostgreSQL (offline)")
        for statement in re.split(r"\n\n(?=\S)", listing.strip()) if listing else []:
            assert statement in printed, (revision.id, statement)
            shown += 1
    assert shown >= len([r for r in reports if r.postgresql_sql])


def test_a_new_revision_file_gets_its_pages_with_no_other_edit(extended_versions, reports):
    """Revision files dropped into a copy of migrations/versions/ (one on the head, a
    branch of two, a merge) each get a page, an index row, a nav entry and a place in
    the graph; a branch's page shows its own ancestry's schema, not its sibling's."""
    pages = reference.render(reports)
    for revision in EXTRA_REVISIONS:
        page = pages[f"reference/revisions/{revision}.md"]
        assert page.startswith(f"# {revision}: probe revision {revision}\n")
        assert f'--8<-- "{extended_versions / f"{revision}_probe_{revision}.py"}:upgrade"' in page
        assert f"| [{revision}]({revision}.md) | probe revision {revision} |" in pages[reference.INDEX_PAGE]
    graph = pages[reference.GRAPH_PAGE]
    (head,) = [r.id for r in revision_runs.revisions() if not r.children]
    for edge in (f"{head} --> r_9001", "9001 --> r_9002", "9001 --> r_9003", "9002 --> r_9004", "9003 --> r_9004"):
        assert f"r_{edge}\n" in graph
    assert "merges: [9004](revisions/9004.md)" in graph

    nav = [{"Reference": [{"Revisions": reference.INDEX_PAGE}]}]
    assert revision_nav.expand_nav(nav, [(r.title, r.page) for r in revision_runs.revisions(extended_versions)])
    entries = nav[0]["Reference"][0]["Revisions"]
    assert entries[0] == reference.INDEX_PAGE
    assert {"9004: probe revision 9004": "reference/revisions/9004.md"} in entries

    by_id = {r.revision.id: r for r in reports}
    assert "_alembic_tmp_probe_notes" in "\n".join(by_id["9002"].sqlite_sql)  # the batch rebuild, executed
    assert not any("_alembic_tmp" in s for s in by_id["9002"].postgresql_sql)  # plain ALTERs offline
    assert "weight" in by_id["9002"].after["probe_notes"].columns
    assert "weight" not in by_id["9003"].after["probe_notes"].columns  # the other branch
    assert by_id["9004"].sqlite_sql == () and by_id["9004"].changes == ()


def test_a_revision_that_fails_stops_generation_naming_its_file(tmp_path):
    """A revision whose upgrade fails on SQLite stops the pages' generation (and so
    the build) with the file's name and the database's error."""
    shutil.copy(next(revision_runs.VERSIONS.glob("0001_*.py")), tmp_path)
    write_revision(tmp_path, "9001", ("0001",), '\n    op.drop_table("no_such_table")', "\n    pass")
    failure = r"9001_probe_9001\.py: `alembic upgrade 9001` failed.*no such table"
    with pytest.raises(revision_runs.RevisionPageError, match=failure):
        revision_runs.generate(tmp_path)


def test_a_revision_without_section_markers_is_refused_with_what_to_add(tmp_path):
    """Pages embed a revision's upgrade() and downgrade() by named section: a revision
    file written without the markers the template puts there stops the build, saying
    which marker to add to which file."""
    shutil.copy(next(revision_runs.VERSIONS.glob("0001_*.py")), tmp_path)
    write_revision(tmp_path, "9001", ("0001",), "\n    pass", "\n    pass")
    path = tmp_path / "9001_probe_9001.py"
    path.write_text(path.read_text(encoding="utf-8").replace("# --8<-- [start:downgrade]\n", ""), encoding="utf-8")
    reports = revision_runs.generate(tmp_path)
    with pytest.raises(revision_runs.RevisionPageError) as refused:
        reference.render(reports)
    assert str(refused.value).startswith(
        "9001_probe_9001.py: no `# --8<-- [start:downgrade]` … `# --8<-- [end:downgrade]` around downgrade()."
    )


def embedded_text(page: str, heading: str) -> str:
    """The file a generated page embeds under `heading` (a tab or a section), read as the build reads it."""
    after = page.split(heading, 1)[1]
    found = re.search(r'--8<-- "([^"]+)"', after.split("\n=== ", 1)[0].split("\n## ", 1)[0])
    assert found, f"nothing embedded under {heading}"
    return (ROOT / found[1]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def handbook_reports() -> list[revision_runs.RevisionReport]:
    """The reports of the handbook's own revisions, whose PostgreSQL runs are captured."""
    return revision_runs.generate()


def test_postgresql_executed_listing_replays_to_the_reported_schema(handbook_reports, postgresql_url):
    """Each page's executed PostgreSQL statements, replayed in order on a new PostgreSQL
    database (reads left out: they change nothing), give after every revision exactly
    the schema the page says PostgreSQL reported: the listing is what ran, all of it."""
    engine = sa.create_engine(postgresql_url)
    try:
        for report in handbook_reports:
            page = reference.revision_page(report)
            listing = embedded_text(page, '=== "PostgreSQL (executed)"')
            with engine.begin() as connection:
                for statement in re.split(r"\n\n(?=\S)", listing.strip()):
                    if not statement.upper().startswith("SELECT"):
                        connection.exec_driver_sql(statement.rstrip(";"))
            reported = embedded_text(page, "### As PostgreSQL reports it")
            assert describe(engine, skip=("alembic_version",)) == reported, report.revision.id
    finally:
        engine.dispose()


def test_sentence_under_the_tabs_matches_the_two_postgresql_listings(handbook_reports):
    """"The same statements" only where the two PostgreSQL tabs show the same SQL; "lacks
    N statements" only where the script is the executed run without its N SELECTs."""
    for report in handbook_reports:
        page = reference.revision_page(report)
        executed = embedded_text(page, '=== "PostgreSQL (executed)"').expandtabs(4).strip().split("\n\n")
        script = shown_listing(page, "PostgreSQL (offline)").strip().split("\n\n")
        reads = [s for s in executed if s.startswith("SELECT")]
        if "are the same statements" in page:
            assert executed == script, report.revision.id
        elif "the `--sql` script lacks" in page:
            assert f"has {len(reads)} statement" in page and [s for s in executed if s not in reads] == script
        else:
            assert report.postgresql_sql is None and "only a live run can do this revision" in page
