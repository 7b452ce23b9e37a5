"""docs/tutorial/first-migration.md: what the tutorial says each command does, it does."""

import sqlalchemy as sa
from alembic import command

from examples.app.show_schema import describe


def tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names


def test_alembic_version_holds_one_row_with_the_current_revision(alembic_cfg, database_url):
    """"alembic_version holds a single row, the revision the database is at." """
    command.upgrade(alembic_cfg, "0001")
    assert tables(database_url) == {"alembic_version", "users"}
    command.upgrade(alembic_cfg, "0002")
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    engine.dispose()
    assert rows == [("0002",)]


def test_upgrade_runs_only_the_missing_revisions(alembic_cfg, database_url, capsys):
    """Upgrading from 0001 to 0002 runs 0002 alone."""
    command.upgrade(alembic_cfg, "0001")
    alembic_cfg.attributes["configure_logger"] = True  # let Alembic log, as on the command line
    command.upgrade(alembic_cfg, "0002")
    logged = capsys.readouterr().err
    assert "Running upgrade 0001 -> 0002" in logged
    assert "-> 0001" not in logged


def test_deleting_a_user_deletes_their_events(alembic_cfg, database_url):
    """ON DELETE CASCADE, as the tutorial says, with foreign keys on (the app's engine)."""
    from examples.app.db import make_engine

    command.upgrade(alembic_cfg, "0002")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO users (id, email, display_name) VALUES (1, 'a@example.org', 'Ada')")
        connection.exec_driver_sql(
            "INSERT INTO events (owner_id, title, starts_at) VALUES (1, 'Kick-off', '2026-12-01 10:00:00')"
        )
        connection.exec_driver_sql("DELETE FROM users WHERE id = 1")
        assert connection.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 0
    engine.dispose()


def test_schema_listing_of_an_empty_database(database_url):
    engine = sa.create_engine(database_url)
    assert describe(engine) == "(no tables)\n"
    engine.dispose()
