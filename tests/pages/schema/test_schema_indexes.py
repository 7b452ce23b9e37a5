"""docs/schema/indexes.md: the indexes SQLite makes by itself, and what an index changes in a query plan."""

import sqlalchemy as sa

from tests.pages.schema.sql import rows
from tools.outputs.scenarios._schema import model_index
from tools.outputs.scenarios.schema_indexes import REGISTRATIONS, UPCOMING


def plan(engine: sa.Engine, query: str) -> list[str]:
    return [r[3] for r in rows(engine, f"EXPLAIN QUERY PLAN {query}")]


def test_unique_and_composite_primary_keys_get_automatic_indexes(seeded):
    """UNIQUE and a composite PRIMARY KEY each come with an index; an INTEGER PRIMARY KEY (the rowid) needs none."""
    assert rows(seeded, "SELECT name, origin FROM pragma_index_list('users')") == [("sqlite_autoindex_users_1", "u")]
    assert sorted(rows(seeded, "SELECT name, origin FROM pragma_index_list('attendances')")) == [
        ("ix_attendances_user_id", "c"),
        ("sqlite_autoindex_attendances_1", "pk"),
    ]


def test_the_starts_at_index_turns_a_scan_and_a_sort_into_a_search(seeded):
    model_index("ix_events_starts_at").drop(seeded)
    assert plan(seeded, UPCOMING) == ["SCAN events", "USE TEMP B-TREE FOR ORDER BY"]
    model_index("ix_events_starts_at").create(seeded)
    assert plan(seeded, UPCOMING) == ["SEARCH events USING INDEX ix_events_starts_at (starts_at>?)"]


def test_a_composite_key_index_serves_its_leading_column_only(seeded):
    """The (event_id, user_id) key finds an event's rows, but a user's rows need their own index."""
    assert plan(seeded, "SELECT user_id FROM attendances WHERE event_id = 1") == [
        "SEARCH attendances USING COVERING INDEX sqlite_autoindex_attendances_1 (event_id=?)"
    ]
    model_index("ix_attendances_user_id").drop(seeded)
    assert plan(seeded, REGISTRATIONS) == ["SCAN attendances USING COVERING INDEX sqlite_autoindex_attendances_1"]
    model_index("ix_attendances_user_id").create(seeded)
    assert plan(seeded, REGISTRATIONS) == ["SEARCH attendances USING INDEX ix_attendances_user_id (user_id=?)"]


def test_an_index_changes_how_rows_are_found_not_which(seeded):
    with_index = rows(seeded, UPCOMING), rows(seeded, REGISTRATIONS)
    model_index("ix_events_starts_at").drop(seeded)
    model_index("ix_attendances_user_id").drop(seeded)
    assert (rows(seeded, UPCOMING), rows(seeded, REGISTRATIONS)) == with_index
    assert with_index == ([("Retrospective", "2026-12-08 15:00:00")], [(1,)])
