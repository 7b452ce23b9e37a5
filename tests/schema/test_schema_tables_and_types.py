"""docs/schema/tables-and-types.md: what a table, a column type and a primary key mean to SQLite."""

from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from examples.schema.models import User
from tests.schema.sql import execute, rows, scalar

INSERT_USER = "INSERT INTO users (email, display_name, time_zone) VALUES ('{}@example.org', '{}', 'UTC')"


def test_the_models_create_four_tables_with_named_constraints(empty_schema):
    """Every constraint SQLite holds has the name the naming convention gave it."""
    inspector = sa.inspect(empty_schema)
    assert sorted(inspector.get_table_names()) == ["attendances", "events", "users", "venues"]
    assert {t: inspector.get_pk_constraint(t)["name"] for t in inspector.get_table_names()} == {
        "attendances": "pk_attendances",
        "events": "pk_events",
        "users": "pk_users",
        "venues": "pk_venues",
    }
    assert [u["name"] for u in inspector.get_unique_constraints("users")] == ["uq_users_email"]
    assert [c["name"] for c in inspector.get_check_constraints("venues")] == ["ck_venues_capacity_positive"]
    assert sorted(f["name"] for f in inspector.get_foreign_keys("events")) == [
        "fk_events_owner_id_users",
        "fk_events_venue_id_venues",
    ]


def test_integer_primary_key_is_the_rowid(empty_schema):
    """An INTEGER PRIMARY KEY column is SQLite's rowid under another name: leave it out and SQLite numbers the rows."""
    execute(empty_schema, INSERT_USER.format("ada", "Ada"))
    execute(empty_schema, INSERT_USER.format("bob", "Bob"))
    assert rows(empty_schema, "SELECT rowid, id FROM users ORDER BY id") == [(1, 1), (2, 2)]


def test_without_autoincrement_the_largest_id_is_reused(empty_schema):
    """Delete the newest row and the next insert gets its id again (no AUTOINCREMENT)."""
    execute(empty_schema, INSERT_USER.format("ada", "Ada"))
    execute(empty_schema, INSERT_USER.format("bob", "Bob"))
    execute(empty_schema, "DELETE FROM users WHERE id = 2")
    execute(empty_schema, INSERT_USER.format("cy", "Cy"))
    assert rows(empty_schema, "SELECT id, display_name FROM users ORDER BY id") == [(1, "Ada"), (2, "Cy")]


def test_varchar_length_is_not_enforced(empty_schema):
    """VARCHAR(100) accepts 150 characters: SQLite ignores the length."""
    execute(empty_schema, INSERT_USER.format("long", "x" * 150))
    assert scalar(empty_schema, "SELECT length(display_name) FROM users") == 150


def test_integer_column_converts_numeric_text_and_keeps_other_text(empty_schema):
    """Type affinity: '120' becomes the integer 120, 'plenty' stays text, in an INTEGER column."""
    execute(empty_schema, "INSERT INTO venues (name, capacity) VALUES ('Main hall', '120'), ('Garden', 'plenty')")
    assert rows(empty_schema, "SELECT capacity, typeof(capacity) FROM venues ORDER BY id") == [
        (120, "integer"),
        ("plenty", "text"),
    ]


def test_booleans_are_stored_as_integers_and_datetimes_as_text(empty_schema):
    """SQLite has no BOOLEAN or DATETIME storage: SQLAlchemy writes 1/0 and ISO text, and reads back bool and datetime."""
    with Session(empty_schema) as session:
        session.add(User(email="ada@example.org", display_name="Ada", is_active=False))
        session.commit()
        user = session.scalars(sa.select(User)).one()
        assert user.is_active is False
        assert isinstance(user.created_at, datetime)
    assert rows(empty_schema, "SELECT is_active, typeof(is_active), typeof(created_at) FROM users") == [
        (0, "integer", "text")
    ]


def test_autoincrement_never_hands_an_id_out_twice(empty_schema):
    """With sqlite_autoincrement=True, SQLite remembers the largest id ever used."""
    counters = sa.Table(
        "counters", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sqlite_autoincrement=True
    )
    counters.create(empty_schema)
    execute(empty_schema, "INSERT INTO counters DEFAULT VALUES")
    execute(empty_schema, "INSERT INTO counters DEFAULT VALUES")
    execute(empty_schema, "DELETE FROM counters WHERE id = 2")
    execute(empty_schema, "INSERT INTO counters DEFAULT VALUES")
    assert rows(empty_schema, "SELECT id FROM counters ORDER BY id") == [(1,), (3,)]


def test_a_strict_table_refuses_wrong_types_and_sqlalchemy_type_names(empty_schema):
    """STRICT (sqlite_strict=True) enforces types, but only knows INT, INTEGER, REAL, TEXT, BLOB and ANY."""
    strict = sa.MetaData()
    checked = sa.Table("checked", strict, sa.Column("capacity", sa.Integer), sqlite_strict=True)
    named = sa.Table("named", strict, sa.Column("name", sa.String(100)), sqlite_strict=True)
    checked.create(empty_schema)
    with pytest.raises(sa.exc.IntegrityError, match="cannot store TEXT value in INTEGER column checked.capacity"):
        execute(empty_schema, "INSERT INTO checked (capacity) VALUES ('plenty')")
    with pytest.raises(sa.exc.OperationalError, match=r'unknown datatype for named.name: "VARCHAR\(100\)"'):
        named.create(empty_schema)


def test_schema_pages_and_the_app_name_the_registrations_and_the_event_title_differently():
    """The schema pages' model was designed in one go (`attendances`, `events.title`);
    the app's reached its names through the chain (0007 made `event_attendees`,
    0005 renamed `title` to `name`)."""
    from examples.app import models as app
    from examples.schema import models as pages

    assert {"attendances", "events"} <= set(pages.Base.metadata.tables)
    assert "title" in pages.Base.metadata.tables["events"].c
    assert {"event_attendees", "events"} <= set(app.Base.metadata.tables)
    assert "attendances" not in app.Base.metadata.tables
    assert "name" in app.Base.metadata.tables["events"].c and "title" not in app.Base.metadata.tables["events"].c
