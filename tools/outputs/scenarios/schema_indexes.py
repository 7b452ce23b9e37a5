"""Outputs of docs/schema/indexes.md: the indexes SQLite has, and the query plans
of two queries before and after the index that serves them."""

import sqlalchemy as sa

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import (
    create_tables,
    diagram,
    fresh_database,
    model_index,
    seed,
)
from tools.outputs.sql_capture import format_statements, recording
from tools.outputs.sql_session import SqlSession

UPCOMING = "SELECT title, starts_at FROM events WHERE starts_at >= '2026-12-05' ORDER BY starts_at"
REGISTRATIONS = "SELECT event_id FROM attendances WHERE user_id = 2"
TABLES = ("users", "events", "attendances")


def before_and_after(engine: sa.Engine, index_name: str, query: str) -> dict[str, str]:
    """The plan of `query` without the index, the index's DDL, the plan with it."""
    index = model_index(index_name)
    index.drop(engine)  # create_all made it: start from the table without it
    before = SqlSession(engine)
    before.plan(query)
    with recording(engine) as statements:
        index.create(engine)
    after = SqlSession(engine)
    after.plan(query)
    return {
        f"{index_name}-before.txt": before.transcript(),
        f"{index_name}.sql": format_statements([s for s in statements if s.startswith("CREATE")]),
        f"{index_name}-after.txt": after.transcript(),
    }


@scenario("schema-indexes")
def schema_indexes() -> dict[str, str]:
    with fresh_database() as engine:
        create_tables(engine)
        seed(engine)
        automatic = SqlSession(engine)
        automatic.run("PRAGMA index_list(users)")
        automatic.run("PRAGMA index_list(attendances)")
        automatic.plan("SELECT id FROM users WHERE email = 'ada@example.org'")
        automatic.plan("SELECT user_id FROM attendances WHERE event_id = 1")
        return {
            "er.mmd": diagram(engine, TABLES),
            "automatic.txt": automatic.transcript(),
            **before_and_after(engine, "ix_events_starts_at", UPCOMING),
            **before_and_after(engine, "ix_attendances_user_id", REGISTRATIONS),
        }
