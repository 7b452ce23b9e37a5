"""Output of docs/schema/index.md: the whole example schema, reflected from SQLite."""

from tools.snapshots import scenario
from tools.snapshots.schema_common import create_tables, diagram, fresh_database


@scenario("schema-overview")
def schema_overview() -> dict[str, str]:
    with fresh_database() as engine:
        create_tables(engine)
        return {"er.mmd": diagram(engine)}
