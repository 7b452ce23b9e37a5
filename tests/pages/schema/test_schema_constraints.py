"""docs/schema/constraints.md: each constraint refuses bad rows with SQLite's own message, and ON DELETE does what it says."""

import pytest
import sqlalchemy as sa

from tests.pages.schema.sql import execute, rows, scalar

ORPHAN_EVENT = (
    "INSERT INTO events (owner_id, title, starts_at, ends_at) VALUES (99, 'Orphan', '2026-12-01 10:00', '2026-12-01 12:00')"
)


def refused(engine: sa.Engine, sql: str) -> str:
    """SQLite's message for a statement that must fail."""
    with pytest.raises(sa.exc.IntegrityError) as caught:
        execute(engine, sql)
    return str(caught.value.orig)


def test_not_null_names_the_table_and_column(seeded):
    assert refused(
        seeded, "INSERT INTO users (email, display_name, time_zone) VALUES ('cy@example.org', NULL, 'UTC')"
    ) == "NOT NULL constraint failed: users.display_name"


def test_unique_names_the_table_and_column(seeded):
    assert refused(
        seeded, "INSERT INTO users (email, display_name, time_zone) VALUES ('ada@example.org', 'Ada 2', 'UTC')"
    ) == "UNIQUE constraint failed: users.email"


def test_check_names_the_constraint(seeded):
    """The message carries the constraint's name: the naming convention makes it a useful one."""
    assert refused(seeded, "INSERT INTO venues (name, capacity) VALUES ('Broom cupboard', 0)") == (
        "CHECK constraint failed: ck_venues_capacity_positive"
    )
    assert refused(
        seeded,
        "INSERT INTO events (owner_id, title, starts_at, ends_at)"
        " VALUES (1, 'Backwards', '2026-12-01 12:00', '2026-12-01 10:00')",
    ) == "CHECK constraint failed: ck_events_ends_after_start"


def test_foreign_key_failure_does_not_say_which_key(seeded):
    """SQLite reports a broken foreign key without naming the key, the column or the row."""
    assert refused(seeded, ORPHAN_EVENT) == "FOREIGN KEY constraint failed"


def test_a_refused_row_changes_nothing(seeded):
    """A multi-row INSERT with one bad row stores none of them."""
    before = rows(seeded, "SELECT * FROM users ORDER BY id")
    refused(
        seeded,
        "INSERT INTO users (email, display_name, time_zone) VALUES"
        " ('cy@example.org', 'Cy', 'UTC'), ('ada@example.org', 'Ada 2', 'UTC')",
    )
    assert rows(seeded, "SELECT * FROM users ORDER BY id") == before


def test_on_delete_set_null_keeps_the_children(seeded):
    execute(seeded, "DELETE FROM venues WHERE id = 1")
    assert rows(seeded, "SELECT id, venue_id FROM events ORDER BY id") == [(1, None), (2, None)]


def test_on_delete_restrict_refuses_while_a_child_row_exists(seeded):
    """Bob is registered for an event: deleting him is refused, and he and his rows stay."""
    assert refused(seeded, "DELETE FROM users WHERE id = 2") == "FOREIGN KEY constraint failed"
    assert scalar(seeded, "SELECT count(*) FROM users WHERE id = 2") == 1
    assert scalar(seeded, "SELECT count(*) FROM events WHERE owner_id = 2") == 1


def test_on_delete_cascade_reaches_the_grandchildren(seeded):
    """Deleting Bob deletes his event, and the cascade from events deletes its registrations too."""
    execute(seeded, "DELETE FROM attendances WHERE user_id = 2")
    execute(seeded, "DELETE FROM users WHERE id = 2")
    assert rows(seeded, "SELECT id, title FROM events") == [(1, "Kick-off")]
    assert rows(seeded, "SELECT event_id, user_id FROM attendances") == []


def test_the_handbook_engine_switches_foreign_keys_on(seeded):
    assert scalar(seeded, "PRAGMA foreign_keys") == 1


def test_sqlite_leaves_foreign_keys_off_unless_asked(seeded):
    """A plain SQLAlchemy engine has foreign keys off: an orphan row goes in, and only
    PRAGMA foreign_key_check finds it."""
    plain = sa.create_engine(seeded.url)
    try:
        assert scalar(plain, "PRAGMA foreign_keys") == 0
        execute(plain, ORPHAN_EVENT)
        assert rows(plain, "PRAGMA foreign_key_check") == [("events", 3, "users", 1)]
    finally:
        plain.dispose()


def test_foreign_keys_pragma_inside_a_transaction_is_ignored(seeded):
    """Why examples/app/db.py sets the PRAGMA on connect: inside a transaction SQLite ignores it."""
    with seeded.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        with pytest.raises(sa.exc.IntegrityError, match=r"FOREIGN KEY constraint failed"):
            connection.exec_driver_sql(ORPHAN_EVENT)


def test_dropping_a_parent_table_fires_its_on_delete_rules(seeded):
    """With foreign keys on, DROP TABLE deletes the rows first, so the children's ON DELETE rules run:
    rebuilding a table this way (how SQLite alters one) would wipe or rewrite other tables."""
    execute(seeded, "DROP TABLE venues")
    assert rows(seeded, "SELECT id, venue_id FROM events ORDER BY id") == [(1, None), (2, None)]


def test_with_foreign_keys_off_dropping_a_parent_table_leaves_the_children_alone(seeded):
    plain = sa.create_engine(seeded.url)
    try:
        execute(plain, "DROP TABLE venues")
        assert rows(plain, "SELECT id, venue_id FROM events ORDER BY id") == [(1, 1), (2, None)]
    finally:
        plain.dispose()


def test_sqlite_lets_null_into_a_primary_key_not_declared_not_null(empty_schema):
    """A historical SQLite quirk: a PRIMARY KEY that is not the rowid accepts NULL unless the column
    says NOT NULL, which SQLAlchemy always writes for primary key columns."""
    execute(empty_schema, "CREATE TABLE loose (code TEXT PRIMARY KEY)")
    execute(empty_schema, "INSERT INTO loose (code) VALUES (NULL)")
    assert rows(empty_schema, "SELECT code FROM loose") == [(None,)]
    with pytest.raises(sa.exc.IntegrityError, match=r"NOT NULL constraint failed: attendances.user_id"):
        execute(empty_schema, "INSERT INTO attendances (event_id, user_id) VALUES (1, NULL)")
