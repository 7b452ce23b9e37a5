"""Output of docs/schema/index.md: the whole example schema, reflected from SQLite."""

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._schema import create_tables, diagram, fresh_database


@scenario("schema-index")
def schema_overview() -> dict[str, str]:
    with fresh_database() as engine:
        create_tables(engine)
        return {"er.mmd": diagram(engine)}
