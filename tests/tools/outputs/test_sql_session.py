"""The helpers behind the schema pages' outputs: tools/outputs/sql_session.py (a transcript shows
what SQLite answered, and a scenario cannot record an outcome it did not get),
tools/outputs/sql_capture.py's formatting, and tools/outputs/scenarios/_schema.py."""

import pytest

from tools.outputs.scenarios._schema import fresh_database, model_index
from tools.outputs.sql_capture import format_statements
from tools.outputs.sql_session import SqlSession, UnexpectedOutcome, format_rows


@pytest.fixture
def engine():
    with fresh_database() as engine:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        yield engine


def test_a_session_records_statements_rows_and_errors(engine):
    session = SqlSession(engine)
    session.note("two rows")
    session.run("INSERT INTO t (name) VALUES ('a'), ('b')")
    session.fails("INSERT INTO t (name) VALUES (NULL)")
    assert session.run("SELECT id,\n  name FROM t") == [(1, "a"), (2, "b")]
    assert session.transcript() == (
        "-- two rows\n"
        "sql> INSERT INTO t (name) VALUES ('a'), ('b');\n"
        "(2 rows changed)\n"
        "sql> INSERT INTO t (name) VALUES (NULL);\n"
        "sqlite3.IntegrityError: NOT NULL constraint failed: t.name\n"
        "sql> SELECT id,\n"
        "...>   name FROM t;\n"
        "id | name\n"
        "---+-----\n"
        "1  | a\n"
        "2  | b\n"
    )


def test_an_unexpected_outcome_stops_the_scenario(engine):
    """`run` raises when SQLite refuses, `fails` raises when SQLite accepts: no transcript can lie."""
    session = SqlSession(engine)
    with pytest.raises(UnexpectedOutcome, match=r"NOT NULL constraint failed"):
        session.run("INSERT INTO t (name) VALUES (NULL)")
    with pytest.raises(UnexpectedOutcome, match=r"succeeded, but the scenario expected an error"):
        session.fails("INSERT INTO t (name) VALUES ('fine')")


def test_rows_show_null_and_an_empty_result():
    assert format_rows(["a", "b"], [(None, "x")]) == ["a    | b", "-----+--", "NULL | x"]
    assert format_rows(["a"], []) == ["a", "-", "(no rows)"]


def test_statements_end_with_a_semicolon_before_their_parameters():
    assert format_statements(["SELECT 1", "SELECT ?\n-- parameters: (2,)"]) == (
        "SELECT 1;\n\nSELECT ?;\n-- parameters: (2,)\n"
    )


def test_an_unknown_index_name_is_a_clear_error():
    with pytest.raises(KeyError, match=r"has no index 'ix_events_title'; it has .*'ix_events_starts_at'"):
        model_index("ix_events_title")
