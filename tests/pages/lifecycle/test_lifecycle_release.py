"""docs/lifecycle/release.md (steps 12-13): what the page claims, one part per step.

- Step 12, release: the SQL script from offline mode (`alembic upgrade --sql`),
what it can and cannot render on SQLite, and batch mode offline with copy_from.

- Step 12, release: the app refuses to start unless the database is at the head.
"""

import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from examples.app.db import make_engine
from examples.lifecycle.offline_batch import events_at_0004, rename_title_offline
from examples.lifecycle.startup_gate import DatabaseNotAtHead, main, require_head
from examples.lifecycle_release.downstream import DOWNSTREAM_QUERIES, UPDATED_FOR_HEAD, broken_queries
from tests.lifecycle_support import database_at, execute, file_digest, state
from tools.outputs.sql_capture import migration_sql
from tools.outputs.transcript import alembic

# Step 12, release: the script for review


def run_script(url: str, script: str) -> None:
    """Apply a reviewed SQL script the way a DBA would: the sqlite3 driver, no Alembic."""
    path = sa.engine.make_url(url).database
    with sqlite3.connect(path) as db:
        db.executescript(script)
    db.close()


def sql_of(transcript: str) -> str:
    """The SQL lines of an `alembic ... --sql` transcript (Alembic's log lines go to stderr)."""
    return "\n".join(
        line for line in transcript.splitlines()[1:] if not line.startswith(("INFO  ", "ERROR ", "FAILED"))
    )


def test_the_offline_script_does_what_the_online_upgrade_does(tmp_path):
    """`alembic upgrade 0002:0004 --sql` (add capacity, normalise emails) applied by
    hand to one copy, `alembic upgrade 0004` to another: same schema, same rows,
    same recorded revision."""
    code, transcript = alembic("upgrade 0002:0004 --sql", f"sqlite:///{tmp_path / 'unused.db'}")
    assert code == 0
    by_script = database_at("0002", tmp_path, "script.db")
    run_script(by_script, sql_of(transcript))
    online = database_at("0002", tmp_path, "online.db")
    migration_sql(online, "upgrade", "0004")
    assert state(by_script) == state(online)


def test_batch_mode_cannot_render_offline_without_copy_from(tmp_path):
    """Offline mode stops at 0005, the first batch operation, with Alembic's own message pointing at copy_from."""
    code, transcript = alembic("upgrade 0004:0005 --sql", f"sqlite:///{tmp_path / 'unused.db'}")
    assert code == 255
    assert "batch mode with dialect sqlite requires a live database connection" in transcript
    assert 'should be passed to the "copy_from" argument' in transcript


def test_the_data_migration_refuses_offline_mode_with_a_reason(tmp_path):
    """0009 must read rows to link them: with --sql it stops with a reason instead of a traceback."""
    code, transcript = alembic("upgrade 0008:0009 --sql", f"sqlite:///{tmp_path / 'unused.db'}")
    assert code == 255
    assert "FAILED: 0009 reads the events it links, chunk by chunk: run it online, not with --sql" in transcript


def test_copy_from_describes_the_real_events_table_at_0004(tmp_path):
    """The hand-written Table given to copy_from matches the table reflected from a
    database really at 0004: autogenerate finds no difference for events."""
    engine = sa.create_engine(database_at("0004", tmp_path))
    table = events_at_0004()
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_server_default": True, "include_name": lambda name, kind, _: kind != "table" or name == "events"}
        )
        differences = compare_metadata(context, table.metadata)
    engine.dispose()
    assert [d for d in differences if "events" in repr(d)] == []


def test_the_copy_from_script_gives_the_online_result(tmp_path):
    """Revision 0005 rendered offline with copy_from, applied to a copy at 0004, equals
    the online upgrade to 0005 (the version row aside: this renders the operation only)."""
    by_script = database_at("0004", tmp_path, "script.db")
    run_script(by_script, "BEGIN;\n" + rename_title_offline() + "COMMIT;\n")
    online = database_at("0004", tmp_path, "online.db")
    migration_sql(online, "upgrade", "0005")
    assert state(by_script)[:2] == state(online)[:2]



# Step 12, release: the startup gate


def gate(url: str, **options) -> str:
    engine = make_engine(url)
    try:
        return require_head(engine, **options)
    finally:
        engine.dispose()


def test_the_gate_opens_at_head(tmp_path):
    """At the head the gate returns the revision and lets the app start."""
    assert gate(database_at("0012", tmp_path)) == "0012"


def test_a_database_behind_the_code_is_refused_with_what_to_do(tmp_path):
    """A database at 0009 under code for 0012 is refused with the two revisions and the command to run; the gate only reads."""
    url = database_at("0009", tmp_path)
    digest = file_digest(url)
    with pytest.raises(DatabaseNotAtHead, match=r"at revision 0009; this code needs 0012\. Back it up, then run `alembic upgrade head`"):
        gate(url)
    assert file_digest(url) == digest  # the gate only reads


def test_a_database_ahead_of_the_code_is_refused(tmp_path):
    """A revision these scripts do not know means a newer release migrated the database."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DatabaseNotAtHead, match="0099, which this code does not know"):
        gate(url)


def test_the_strict_gate_says_it_rules_out_rolling_deploys_and_names_the_alternative(tmp_path):
    """The refusal of a database ahead of the code says why a rolling deploy cannot
    pass it, and which mode to use instead."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DatabaseNotAtHead) as refusal:
        gate(url)
    assert "rules out a rolling deploy" in str(refusal.value)
    assert "expand/contract" in str(refusal.value) and "--allow-ahead" in str(refusal.value)


def test_allow_ahead_starts_on_a_database_a_newer_release_migrated(tmp_path):
    """In the rolling-deploy mode, old code keeps running once the new release has migrated."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    assert gate(url, allow_ahead=True) == "0099"


def test_allow_ahead_still_refuses_a_database_behind_the_code(tmp_path):
    """Tolerating newer migrations never means running on a schema the code has not got yet."""
    url = database_at("0009", tmp_path)
    with pytest.raises(DatabaseNotAtHead, match=r"at revision 0009; this code needs 0012"):
        gate(url, allow_ahead=True)


def test_an_empty_database_is_refused(tmp_path):
    """No alembic_version at all: refused, with the command that creates the schema."""
    with pytest.raises(DatabaseNotAtHead, match="has no Alembic revision"):
        gate(f"sqlite:///{tmp_path / 'empty.db'}")


def test_the_command_exits_1_with_the_reason(tmp_path, monkeypatch, capsys):
    """`python -m examples.lifecycle.startup_gate` exits 1 and prints why on standard error."""
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", database_at("0002", tmp_path))
    assert main([]) == 1
    assert capsys.readouterr().err.startswith("refusing to start: the database is at revision 0002")


def test_the_command_with_allow_ahead_starts_and_says_the_database_is_ahead(tmp_path, monkeypatch, capsys):
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert main(["--allow-ahead"]) == 0
    assert capsys.readouterr().out == "database at 0099, ahead of this code: starting the app (--allow-ahead)\n"


# Step 13, docs/lifecycle/release.md: queries that other systems run break when the
def broken(url: str, queries: dict[str, str] = DOWNSTREAM_QUERIES) -> dict[str, str]:
    engine = make_engine(url)
    try:
        return broken_queries(engine, queries)
    finally:
        engine.dispose()


def test_downstream_queries_run_on_the_schema_they_were_written_for(tmp_path):
    assert broken(database_at("0002", tmp_path)) == {}


def test_the_release_breaks_the_report_and_the_extract_but_not_the_dashboard(tmp_path):
    """0005 renames events.title, 0010 drops events.location: two downstream queries
    stop compiling at the head; the one that reads neither column still runs."""
    assert broken(database_at("0012", tmp_path)) == {
        "reporting: events per location": "no such column: location",
        "ETL: nightly events extract": "no such column: title",
    }


def test_the_updated_queries_run_at_the_head_and_not_before(tmp_path):
    """The rewritten queries cannot be deployed ahead of the release: they must switch with it."""
    assert broken(database_at("0012", tmp_path), UPDATED_FOR_HEAD) == {}
    assert set(broken(database_at("0002", tmp_path, "old.db"), UPDATED_FOR_HEAD)) == set(UPDATED_FOR_HEAD)


def test_the_downstream_check_reads_no_rows_and_writes_nothing(tmp_path):
    url = database_at("0012", tmp_path)
    digest = file_digest(url)
    broken(url)
    assert file_digest(url) == digest
