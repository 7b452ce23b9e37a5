"""Step 16: find changes made to the database outside the migrations.

Someone adds an index by hand to fix a slow page, or a column from a SQL
console. The recorded revision still says head, so `alembic upgrade` sees
nothing to do; comparing the models with the live schema finds it.
`alembic check` does the same from the command line (exit code 255 on drift).
"""

import pprint

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from examples.app.models import Base


# --8<-- [start:drift]
def drift(engine: sa.Engine) -> list:
    """What autogenerate would write to make the database match the models:
    an empty list means no drift."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_server_default": True})
        return compare_metadata(context, Base.metadata)


def drift_report(differences: list) -> str:
    if not differences:
        return "no drift: the database matches the models\n"
    return pprint.pformat(differences, width=100) + "\n"
# --8<-- [end:drift]


# --8<-- [start:out_of_band]
# Typed into a SQL console on the live database, with no migration.
OUT_OF_BAND_CHANGES = [
    "ALTER TABLE events ADD COLUMN notes TEXT",
    "CREATE INDEX ix_events_name ON events (name)",
]
# --8<-- [end:out_of_band]


def main(argv: list[str] | None = None) -> int:
    """`python -m examples.lifecycle.drift [--apply-hand-edits]`: report drift (exit 1 if any).

    --apply-hand-edits first makes the out-of-band changes above, standing in for
    someone at a SQL console, so a reader can watch them being detected.
    """
    import argparse
    import sys

    from examples.app.db import database_url, make_engine

    parser = argparse.ArgumentParser(prog="python -m examples.lifecycle.drift", description=main.__doc__)
    parser.add_argument("--apply-hand-edits", action="store_true")
    options = parser.parse_args(argv)
    engine = make_engine(database_url())
    try:
        if options.apply_hand_edits:
            with engine.begin() as connection:
                for statement in OUT_OF_BAND_CHANGES:
                    connection.exec_driver_sql(statement)
                    print(f"applied by hand: {statement}")
            return 0
        differences = drift(engine)
        sys.stdout.write(drift_report(differences))
        return 1 if differences else 0
    finally:
        engine.dispose()


if __name__ == "__main__":
    from examples.app.db import run_main

    raise SystemExit(run_main(main))
