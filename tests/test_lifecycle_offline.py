"""Step 12, release: the SQL script from offline mode (`alembic upgrade --sql`),
what it can and cannot render on SQLite, and batch mode offline with copy_from."""

import sqlite3

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from examples.lifecycle.offline_batch import events_at_0004, rename_title_offline
from tests.lifecycle_support import database_at, state
from tools.sql_capture import migration_sql
from tools.transcript import alembic


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
