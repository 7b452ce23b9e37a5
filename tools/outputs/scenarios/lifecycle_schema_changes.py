"""Outputs of docs/lifecycle/schema-changes.md (tools/outputs/scenarios/_lifecycle.py has the reader's session)."""

from pathlib import Path

import sqlalchemy as sa

from examples.app.show_schema import describe
from examples.lifecycle.sample_data import execute, production_database
from tools.outputs.diagrams import er_diagram
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import REVISIONS, reader
from tools.outputs.sql_capture import format_statements, migration_sql, stable_order


@scenario("lifecycle-schema-changes")
def changes() -> dict[str, str]:
    """Steps 3 to 7: the SQL each revision sends to the sample database, and its effect on rows."""
    outputs = {}
    with reader() as r:
        production_database(Path(r.url.removeprefix("sqlite:///")), "0002")
        for revision in REVISIONS:
            if revision == "0004":
                outputs["emails-before-0004.txt"] = r.rows("users at 0003", "SELECT id, email FROM users ORDER BY id")
            outputs[f"upgrade-{revision}.sql"] = format_statements(stable_order(migration_sql(r.url, "upgrade", revision)))
            if revision == "0004":
                outputs["emails-after-0004.txt"] = r.rows("users at 0004", "SELECT id, email FROM users ORDER BY id")
            if revision == "0009":
                outputs["venues-after-0009.txt"] = r.rows("venues at 0009", "SELECT id, name FROM venues ORDER BY id") + r.rows(
                    "events at 0009", "SELECT id, name, location, venue_id FROM events ORDER BY id"
                )
        outputs["schema-head.txt"] = describe(sa.create_engine(r.url))
        outputs["er-head.mmd"] = er_diagram(sa.create_engine(r.url))
    with reader() as r:
        # Bad input: two spellings of one address. The upgrade names them and changes nothing.
        production_database(Path(r.url.removeprefix("sqlite:///")), "0003")
        execute(r.url, "INSERT INTO users (id, email, display_name) VALUES (4, 'ada@example.org', 'Ada (second account)')")
        outputs["upgrade-0004-collision.txt"] = r.alembic("upgrade 0004", expect=255)
        outputs["current-after-collision.txt"] = r.alembic("current")
    return outputs
