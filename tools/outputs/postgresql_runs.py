"""Run every revision of migrations/versions/ on a real PostgreSQL and record what it did:
the SQL the server received and the schema it reports afterwards.

The facts behind the PostgreSQL tabs of Reference → Revisions. They need a server, and
`mkdocs build` must not, so the `reference-revisions` scenario (`make snapshots`) writes
them into docs/_generated/ and the build reads the files (tools/revision_runs.py).

Each revision starts from its first parent's database (a copy, `CREATE DATABASE …
TEMPLATE`, where the parent has other children too), gets its other parents and
dependencies, then only it is run and recorded, on a database with no rows, as the
SQLite tab is.
"""

from dataclasses import dataclass
from pathlib import Path

from examples.app.db import make_engine
from examples.app.show_schema import describe
from tools.engines.postgresql import PostgresServer
from tools.outputs.sql_capture import format_statements, handbook_config, is_bookkeeping, recording, upgrade


def sql_file(revision_id: str) -> str:
    return f"{revision_id}-postgresql.sql"


def schema_file(revision_id: str) -> str:
    return f"{revision_id}-postgresql-schema.txt"


@dataclass(frozen=True)
class PostgresRun:
    statements: tuple[str, ...]
    schema: str  # as `python -m examples.app.show_schema` prints it, alembic_version left out


def run_every_revision(server: PostgresServer, versions: Path | None = None) -> dict[str, PostgresRun]:
    from tools.outputs.revision_runs import VERSIONS, revisions, script_directory_of

    versions = versions or VERSIONS
    script = script_directory_of(versions)
    runs: dict[str, PostgresRun] = {}
    databases: dict[str, str] = {}
    try:
        chain = revisions(versions, script)
        children = {r.id: r.children for r in chain}
        for revision in chain:
            parent = revision.parents[0] if revision.parents else None
            if parent and len(children[parent]) == 1:
                # The parent's state is needed by this revision only: carry on in its database.
                name = databases[parent]
            else:  # the first revision, or a branch: a copy (a new, empty one for the first)
                name = f"revision_{revision.id}_{len(databases)}"
                template = f'"{databases[parent]}"' if parent else "template0"
                with server.admin.connect() as connection:
                    connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE {template}')
            databases[revision.id] = name
            engine = make_engine(server.url(name))
            try:
                for earlier in (*revision.parents[1:], *revision.dependencies):
                    upgrade(handbook_config(engine, versions=versions), earlier, script=script)
                with recording(engine) as statements:
                    upgrade(handbook_config(engine, versions=versions), revision.id, script=script)
                runs[revision.id] = PostgresRun(
                    tuple(s for s in statements if not is_bookkeeping(s)), describe(engine, skip=("alembic_version",))
                )
            finally:
                engine.dispose()  # a template must have no connection left
    finally:
        for name in set(databases.values()):
            server.drop_database(name)
    return runs


def outputs(runs: dict[str, PostgresRun]) -> dict[str, str]:
    files = {}
    for revision_id, run in runs.items():
        files[sql_file(revision_id)] = format_statements(list(run.statements)) if run.statements else "\n"
        files[schema_file(revision_id)] = run.schema
    return files
