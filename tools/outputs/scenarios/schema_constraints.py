"""Outputs of docs/schema/constraints.md: what SQLite answers when a constraint is
broken, what happens to child rows on DELETE, and foreign keys left switched off."""

import sqlalchemy as sa

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import create_tables, diagram, fresh_database, seed
from tools.outputs.sql_session import SqlSession


def violations(engine: sa.Engine) -> str:
    session = SqlSession(engine)
    session.note("NOT NULL")
    session.fails(
        "INSERT INTO users (email, display_name, time_zone) VALUES ('cy@example.org', NULL, 'UTC')"
    )
    session.note("UNIQUE: ada@example.org is taken")
    session.fails(
        "INSERT INTO users (email, display_name, time_zone) VALUES ('ada@example.org', 'Ada 2', 'UTC')"
    )
    session.note("CHECK, by the name the naming convention gave it")
    session.fails("INSERT INTO venues (name, capacity) VALUES ('Broom cupboard', 0)")
    session.fails(
        "INSERT INTO events (owner_id, title, starts_at, ends_at) VALUES"
        " (1, 'Backwards', '2026-12-01 12:00:00', '2026-12-01 10:00:00')"
    )
    session.note("FOREIGN KEY: there is no user 99")
    session.fails(
        "INSERT INTO events (owner_id, title, starts_at, ends_at) VALUES"
        " (99, 'Orphan', '2026-12-01 10:00:00', '2026-12-01 12:00:00')"
    )
    return session.transcript()


def on_delete(engine: sa.Engine) -> str:
    session = SqlSession(engine)
    session.run("SELECT id, owner_id, venue_id, title FROM events")
    session.run("SELECT event_id, user_id FROM attendances")
    session.note("ON DELETE SET NULL: the venue closes, its events stay")
    session.run("DELETE FROM venues WHERE id = 1")
    session.run("SELECT id, owner_id, venue_id, title FROM events")
    session.note("ON DELETE RESTRICT: Bob is registered for the Kick-off")
    session.fails("DELETE FROM users WHERE id = 2")
    session.run("DELETE FROM attendances WHERE user_id = 2")
    session.note("ON DELETE CASCADE: Bob's event goes, and its registrations with it")
    session.run("DELETE FROM users WHERE id = 2")
    session.run("SELECT id, owner_id, venue_id, title FROM events")
    session.run("SELECT event_id, user_id FROM attendances")
    return session.transcript()


def foreign_keys_off(url: str) -> str:
    # A plain engine, as SQLAlchemy gives it: nothing switches foreign keys on.
    engine = sa.create_engine(url)
    try:
        session = SqlSession(engine)
        session.run("PRAGMA foreign_keys")
        session.run(
            "INSERT INTO events (owner_id, title, starts_at, ends_at) VALUES"
            " (99, 'Orphan', '2026-12-01 10:00:00', '2026-12-01 12:00:00')"
        )
        session.note("the damage is only found when someone looks for it")
        session.run("PRAGMA foreign_key_check")
    finally:
        engine.dispose()
    return session.transcript()


@scenario("schema-constraints")
def schema_constraints() -> dict[str, str]:
    with fresh_database() as engine:
        create_tables(engine)
        seed(engine)
        pragma_on = SqlSession(engine)
        pragma_on.run("PRAGMA foreign_keys")
        outputs = {
            "er.mmd": diagram(engine),
            "pragma-on.txt": pragma_on.transcript(),
            "violations.txt": violations(engine),
            "on-delete.txt": on_delete(engine),
        }
    with fresh_database() as engine:
        create_tables(engine)
        seed(engine)
        outputs["foreign-keys-off.txt"] = foreign_keys_off(str(engine.url))
    return outputs
