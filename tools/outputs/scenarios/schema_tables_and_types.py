"""Outputs of docs/schema/tables-and-types.md: two tables, what their types mean to
SQLite, and how an INTEGER PRIMARY KEY hands out ids."""

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import create_tables, diagram, fresh_database
from tools.outputs.sql_session import SqlSession

TABLES = ("users", "venues")


@scenario("schema-tables-and-types")
def schema_tables() -> dict[str, str]:
    with fresh_database() as engine:
        ddl = create_tables(engine, TABLES)

        ids = SqlSession(engine)
        ids.note("no id given: SQLite picks one")
        ids.run(
            "INSERT INTO users (email, display_name, time_zone) VALUES"
            " ('ada@example.org', 'Ada', 'UTC'), ('bob@example.org', 'Bob', 'UTC')"
        )
        ids.run('SELECT rowid AS "rowid", id, email FROM users')
        ids.note("delete the newest row, insert another: its id is handed out again")
        ids.run("DELETE FROM users WHERE id = 2")
        ids.run("INSERT INTO users (email, display_name, time_zone) VALUES ('cy@example.org', 'Cy', 'UTC')")
        ids.run("SELECT id, email FROM users")

        types = SqlSession(engine)
        types.note("VARCHAR(100) is not a limit: 150 characters go in")
        types.run(
            "INSERT INTO users (email, display_name, time_zone) VALUES"
            " ('long@example.org', printf('%.*c', 150, 'x'), 'UTC')"
        )
        types.run("SELECT id, length(display_name), typeof(is_active), typeof(created_at) FROM users WHERE id = 3")
        types.note("an INTEGER column converts text that looks like a number, and keeps the rest as text")
        types.run("INSERT INTO venues (name, capacity) VALUES ('Main hall', '120'), ('Garden', 'plenty')")
        types.run("SELECT name, capacity, typeof(capacity) FROM venues")

        return {
            "ddl.sql": ddl,
            "er.mmd": diagram(engine, TABLES),
            "ids.txt": ids.transcript(),
            "types.txt": types.transcript(),
        }
