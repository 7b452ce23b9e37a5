"""Step 1: an inventory of the live database before migrating it.

What is really there (reflection, not the models): the revision Alembic
recorded, the revisions still to run, every table with its row count, and the
schema the database describes.

    python -m examples.lifecycle.inventory

It reads HANDBOOK_DATABASE_URL, else var/handbook.db, and changes nothing.
"""

import sys

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from examples.app.db import database_url, make_engine, run_main
from examples.app.show_schema import describe
from tools.outputs.sql_capture import handbook_config


# --8<-- [start:inventory]
def inventory(engine: sa.Engine) -> str:
    script = ScriptDirectory.from_config(handbook_config())
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        inspector = sa.inspect(connection)
        counts = {
            table: connection.execute(sa.select(sa.func.count()).select_from(sa.table(table))).scalar_one()
            for table in sorted(inspector.get_table_names())
        }
    # Revisions between the recorded one and the head, oldest first.
    pending = [rev.revision for rev in script.iterate_revisions("heads", current[0] if current else "base")]
    lines = [
        f"recorded revision: {', '.join(current) or '(none)'}",
        f"head of the scripts: {', '.join(script.get_heads())}",
        f"revisions to run: {' '.join(reversed(pending)) or '(none)'}",
        "rows per table:",
        *[f"  {table:<16} {count:>6}" for table, count in counts.items()],
        "",
    ]
    return "\n".join(lines) + "\n" + describe(engine)
# --8<-- [end:inventory]


def main() -> int:
    engine = make_engine(database_url())
    try:
        sys.stdout.write(inventory(engine))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(run_main(main))
