"""docs/alembic/batch.md: SQLite's ALTER limits, batch mode's copy-and-move,
constraint names, foreign keys during a rebuild, and offline batch with copy_from."""

import contextlib
import sqlite3

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from examples.alembic_batch import steps
from examples.app.models import NAMING_CONVENTION
from tools.outputs.sql_capture import ROOT, is_bookkeeping, recording
from tools.outputs.transcript import alembic

BATCH_INI = ROOT / "examples" / "alembic_batch" / "alembic.ini"


@pytest.fixture
def sample(tmp_path):
    engine = steps.sample_database(tmp_path / "sample.db", foreign_keys=False)
    yield engine
    engine.dispose()


def schema_sql(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT name, sql FROM sqlite_schema ORDER BY name").all()


def test_add_column_works_without_batch(sample):
    """ADD COLUMN is one of the few ALTERs SQLite has: no batch needed."""
    with recording(sample) as sent:
        steps.run(steps.add_nickname, sample)
    assert [s for s in sent if not is_bookkeeping(s)] == ["ALTER TABLE users ADD COLUMN nickname VARCHAR(50)"]


def test_plain_alter_column_is_a_syntax_error_on_sqlite(sample):
    """op.alter_column(nullable=False) outside batch mode sends ALTER COLUMN, which SQLite has not got."""
    before = schema_sql(sample)
    with pytest.raises(sa.exc.OperationalError, match='near "ALTER": syntax error'):
        steps.run(steps.require_email, sample)
    assert schema_sql(sample) == before


def test_plain_constraint_change_is_refused_by_alembic(sample):
    """Alembic refuses to add a constraint with ALTER on SQLite, before sending anything."""
    with recording(sample) as sent, pytest.raises(NotImplementedError, match="No support for ALTER of constraints in SQLite dialect"):
        steps.run(steps.unique_email, sample)
    assert [s for s in sent if not is_bookkeeping(s)] == []


def test_batch_copies_into_a_new_table_and_moves_it_into_place(sample):
    """Batch mode creates _alembic_tmp_users in the new shape, copies the rows,
    drops users and renames the copy: four statements, rows kept."""
    with recording(sample) as sent:
        steps.run(steps.require_unique_email, sample)
    sent = [s for s in sent if not is_bookkeeping(s)]
    assert [s.split("(")[0].split("\n")[0].strip() for s in sent] == [
        "CREATE TABLE _alembic_tmp_users",
        "INSERT INTO _alembic_tmp_users",
        "DROP TABLE users",
        "ALTER TABLE _alembic_tmp_users RENAME TO users",
    ]
    assert steps.count(sample, "users") == 1
    inspector = sa.inspect(sample)
    assert [u["name"] for u in inspector.get_unique_constraints("users")] == ["uq_users_email"]
    assert {c["name"]: c["nullable"] for c in inspector.get_columns("users")}["email"] is False


def test_unnamed_constraint_cannot_be_dropped_by_name(tmp_path):
    """Without a naming convention, unique=True makes an unnamed constraint;
    SQLite reports no name, and dropping it by the name you would expect fails."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'unnamed.db'}")
    steps.users_with_unique_email(None).create_all(engine)
    assert [u["name"] for u in sa.inspect(engine).get_unique_constraints("users")] == [None]
    with pytest.raises(ValueError, match="No such constraint: 'uq_users_email'"):
        steps.run(steps.drop_unique_email, engine)
    assert [u["name"] for u in sa.inspect(engine).get_unique_constraints("users")] == [None]


def test_naming_convention_names_the_constraint_and_batch_drops_it(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'named.db'}")
    steps.users_with_unique_email(NAMING_CONVENTION).create_all(engine)
    assert [u["name"] for u in sa.inspect(engine).get_unique_constraints("users")] == ["uq_users_email"]
    steps.run(steps.drop_unique_email, engine)
    assert sa.inspect(engine).get_unique_constraints("users") == []


def test_rebuilding_a_parent_with_foreign_keys_on_deletes_its_children(tmp_path):
    """With PRAGMA foreign_keys = ON, batch mode's DROP TABLE users deletes the
    users first, and ON DELETE CASCADE takes every event with them."""
    engine = steps.sample_database(tmp_path / "on.db", foreign_keys=True)
    steps.run(steps.require_unique_email, engine)
    assert (steps.count(engine, "users"), steps.count(engine, "events")) == (1, 0)


def test_rebuilding_a_parent_with_foreign_keys_off_keeps_its_children(tmp_path):
    """With foreign keys off (the handbook's env.py) the events survive the rebuild
    and still point at their owner."""
    engine = steps.sample_database(tmp_path / "off.db", foreign_keys=False)
    steps.run(steps.require_unique_email, engine)
    assert (steps.count(engine, "users"), steps.count(engine, "events")) == (1, 1)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_pragma_foreign_keys_is_ignored_inside_a_transaction(tmp_path):
    """SQLite ignores PRAGMA foreign_keys inside a transaction: set it on connect."""
    with contextlib.closing(sqlite3.connect(tmp_path / "pragma.db", isolation_level=None)) as connection:
        connection.execute("BEGIN")
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)
        connection.execute("COMMIT")
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_offline_batch_without_copy_from_fails(tmp_path):
    """`alembic upgrade --sql` cannot reflect a table, so batch mode without copy_from stops."""
    code, text = alembic(
        "-c examples/alembic_transactions/handbook/alembic.ini upgrade 0001:0002 --sql", f"sqlite:///{tmp_path / 'x.db'}"
    )
    assert code == 255
    assert "FAILED: This operation cannot proceed in --sql mode; batch mode with dialect sqlite" in text
    assert '"copy_from" argument of the batch_alter_table() method' in text


def test_offline_batch_with_copy_from_writes_the_copy_and_move(tmp_path):
    code, text = alembic("-c examples/alembic_batch/alembic.ini upgrade 0001:0002 --sql", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 0
    for statement in ("CREATE TABLE _alembic_tmp_members", "DROP TABLE members;", "ALTER TABLE _alembic_tmp_members RENAME TO members;"):
        assert statement in text
    assert not (tmp_path / "x.db").exists()  # offline: no database was touched


def test_copy_from_revision_runs_online_too(tmp_path):
    """The same revision, on a real database, both ways."""
    # The ini's [alembic] options without its file name: env.py then leaves logging alone.
    config = Config()
    for key, value in Config(str(BATCH_INI)).get_section("alembic").items():
        config.set_main_option(key, value.replace("%", "%%"))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{tmp_path / 'batch.db'}")
    command.upgrade(config, "head")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'batch.db'}")
    assert [u["name"] for u in sa.inspect(engine).get_unique_constraints("members")] == ["uq_members_email"]
    command.downgrade(config, "0001")
    assert sa.inspect(engine).get_unique_constraints("members") == []
    engine.dispose()
