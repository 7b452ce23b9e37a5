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
