"""Outputs of docs/schema/relationships.md: events (one-to-many from users) and
attendances (the many-to-many between users and events), the SQL the ORM sends
through them, and the composite primary key at work."""

from examples.schema_relationships.orm import save_and_load
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import create_tables, diagram, fresh_database, seed
from tools.outputs.sql_capture import format_statements, recording
from tools.outputs.sql_session import SqlSession


def orm_statements(engine) -> str:
    """What SQLite receives when the ORM saves an owner, an event and an attendee,
    then loads the event's attendees back."""
    with recording(engine) as statements:
        save_and_load(engine)
    return format_statements([s for s in statements if s not in {"BEGIN"}])


@scenario("schema-relationships")
def schema_relationships() -> dict[str, str]:
    with fresh_database() as engine:
        create_tables(engine, ("users", "venues"))
        ddl = create_tables(engine, ("events", "attendances"))
        orm_sql = orm_statements(engine)

    with fresh_database() as engine:
        create_tables(engine)
        seed(engine)
        joins = SqlSession(engine)
        joins.run(
            "SELECT events.title, users.display_name AS attendee\n"
            "FROM events\n"
            "JOIN attendances ON attendances.event_id = events.id\n"
            "JOIN users ON users.id = attendances.user_id\n"
            "ORDER BY events.id"
        )
        joins.note("Bob is registered for the Kick-off already")
        joins.fails("INSERT INTO attendances (event_id, user_id) VALUES (1, 2)")
        return {
            "ddl.sql": ddl,
            "er.mmd": diagram(engine),
            "orm.sql": orm_sql,
            "join.txt": joins.transcript(),
        }
