"""docs/schema/defaults.md: a Python-side default lives in SQLAlchemy, a server default in the table."""

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from examples.schema.models import User
from tests.pages.schema.sql import execute, rows
from tools.outputs.sql_capture import recording


def test_sqlalchemy_sends_the_python_default_in_its_insert(empty_schema):
    """The ORM writes time_zone='UTC' itself, leaves the server-default columns out, and reads them back with RETURNING."""
    with recording(empty_schema) as statements, Session(empty_schema) as session:
        session.add(User(email="ada@example.org", display_name="Ada"))
        session.commit()
    (insert,) = [s for s in statements if s.startswith("INSERT")]
    assert insert == (
        "INSERT INTO users (email, display_name, time_zone) VALUES (?, ?, ?) RETURNING id, is_active, created_at"
        "\n-- parameters: ('ada@example.org', 'Ada', 'UTC')"
    )


def test_a_raw_insert_does_not_get_the_python_default(empty_schema):
    """SQL that bypasses SQLAlchemy knows nothing of default="UTC": the NOT NULL column refuses the row."""
    with pytest.raises(sa.exc.IntegrityError, match=r"NOT NULL constraint failed: users.time_zone"):
        execute(empty_schema, "INSERT INTO users (email, display_name) VALUES ('bob@example.org', 'Bob')")
    assert rows(empty_schema, "SELECT count(*) FROM users") == [(0,)]


def test_a_raw_insert_gets_the_server_defaults(empty_schema):
    execute(empty_schema, "INSERT INTO users (email, display_name, time_zone) VALUES ('bob@example.org', 'Bob', 'UTC')")
    assert rows(empty_schema, "SELECT is_active, created_at IS NOT NULL, typeof(created_at) FROM users") == [
        (1, 1, "text")
    ]


def test_reflection_sees_server_defaults_only(empty_schema):
    """What the database can tell about itself: is_active and created_at have defaults, time_zone none."""
    defaults = {c["name"]: c["default"] for c in sa.inspect(empty_schema).get_columns("users")}
    assert defaults["is_active"] == "1"
    assert defaults["created_at"] == "CURRENT_TIMESTAMP"
    assert defaults["time_zone"] is None


def test_a_plain_string_server_default_is_quoted_text_in_the_ddl():
    """server_default="0" writes the SQL string '0'; text("0") writes the number 0."""
    table = sa.Table(
        "t",
        sa.MetaData(),
        sa.Column("as_string", sa.Integer, server_default="0"),
        sa.Column("as_sql", sa.Integer, server_default=sa.text("0")),
    )
    ddl = str(sa.schema.CreateTable(table).compile(dialect=sqlite.dialect()))
    assert "as_string INTEGER DEFAULT '0'" in ddl
    assert "as_sql INTEGER DEFAULT 0" in ddl


def test_a_not_null_column_added_to_a_table_needs_a_server_default(seeded):
    """Existing rows need a value for the new column: SQLite refuses NOT NULL without a default."""
    with pytest.raises(sa.exc.OperationalError, match=r"Cannot add a NOT NULL column with default value NULL"):
        execute(seeded, "ALTER TABLE users ADD COLUMN locale VARCHAR(10) NOT NULL")
    execute(seeded, "ALTER TABLE users ADD COLUMN locale VARCHAR(10) NOT NULL DEFAULT 'en'")
    assert rows(seeded, "SELECT display_name, locale FROM users ORDER BY id") == [("Ada", "en"), ("Bob", "en")]
