"""Step 13: the queries other systems run on the app's database, checked against its schema.

Reporting, ETL jobs and anything reading a replica keep their own SQL, written
against the schema of the day they were written. A release that renames or
drops a column breaks them without breaking a single test of the app. Keeping
their queries here, and checking each against the migrated database, turns that
into a failure before the release instead of a broken report after it.

    python -m examples.lifecycle_release.downstream

Exit code 0 when every query compiles against the database HANDBOOK_DATABASE_URL
names (else var/handbook.db); 1, with the error of each one that does not.
"""


import sqlalchemy as sa

from examples.app.db import database_url, make_engine

# --8<-- [start:queries]
# Each downstream system's query as its owners keep it, written when the database was at 0002.
DOWNSTREAM_QUERIES = {
    "reporting: events per location": "SELECT location, count(*) FROM events GROUP BY location",
    "ETL: nightly events extract": "SELECT id, title, starts_at, owner_id FROM events WHERE created_at >= '2026-11-01'",
    "replica: owners' dashboard": "SELECT users.email, count(*) FROM users JOIN events ON events.owner_id = users.id GROUP BY users.email",
}
# --8<-- [end:queries]

# --8<-- [start:updated]
# The same queries rewritten for the head: they must ship when the schema changes.
UPDATED_FOR_HEAD = {
    "reporting: events per location": (
        "SELECT venues.name AS location, count(*) FROM events"
        " LEFT JOIN venues ON venues.id = events.venue_id GROUP BY venues.name"
    ),
    "ETL: nightly events extract": "SELECT id, name AS title, starts_at, owner_id FROM events WHERE created_at >= '2026-11-01'",
}
# --8<-- [end:updated]


# --8<-- [start:check]
def broken_queries(engine: sa.Engine, queries: dict[str, str] = DOWNSTREAM_QUERIES) -> dict[str, str]:
    """{name: the database's error} for each query the schema no longer supports.

    EXPLAIN makes the database parse and plan the query, resolving every table and
    column, without running it or reading a row."""
    broken = {}
    with engine.connect() as connection:
        for name, sql in queries.items():
            try:
                connection.exec_driver_sql(f"EXPLAIN {sql}").all()
            except sa.exc.DBAPIError as error:
                broken[name] = str(error.orig).splitlines()[0]
                connection.rollback()
    return broken
# --8<-- [end:check]


def main() -> int:
    engine = make_engine(database_url())
    try:
        broken = broken_queries(engine)
    finally:
        engine.dispose()
    for name in DOWNSTREAM_QUERIES:
        print(f"{'BROKEN' if name in broken else 'ok':<6}  {name}" + (f": {broken[name]}" if name in broken else ""))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
