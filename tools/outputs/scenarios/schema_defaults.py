"""Outputs of docs/schema/defaults.md: where a Python-side default and a server
default live, and who sees each one."""

from sqlalchemy.orm import Session

from examples.app.show_schema import describe
from examples.schema.models import User
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import create_tables, diagram, fresh_database
from tools.outputs.sql_capture import format_statements, recording
from tools.outputs.sql_session import SqlSession

TABLES = ("users",)


@scenario("schema-defaults")
def schema_defaults() -> dict[str, str]:
    with fresh_database() as engine:
        ddl = create_tables(engine, TABLES)

        with recording(engine) as statements, Session(engine) as session:
            session.add(User(email="ada@example.org", display_name="Ada"))
            session.commit()
        orm_insert = format_statements([s for s in statements if s.startswith("INSERT")])

        raw = SqlSession(engine)
        raw.note("no time_zone: the Python-side default is not in the table")
        raw.fails("INSERT INTO users (email, display_name) VALUES ('bob@example.org', 'Bob')")
        raw.note("no is_active, no created_at: the server defaults fill them in")
        raw.run("INSERT INTO users (email, display_name, time_zone) VALUES ('bob@example.org', 'Bob', 'UTC')")
        raw.run(
            "SELECT email, time_zone, is_active, created_at IS NOT NULL AS has_created_at\n"
            "FROM users ORDER BY id"
        )
        return {
            "ddl.sql": ddl,
            "er.mmd": diagram(engine, TABLES),
            "orm-insert.sql": orm_insert,
            "raw-insert.txt": raw.transcript(),
            "reflected.txt": describe(engine),
        }
