"""A concurrent index build that fails leaves an INVALID index behind: find and drop it.

CREATE INDEX CONCURRENTLY commits its catalog entry before it builds, so a failure
(a duplicate under a UNIQUE index, a cancel, a lock timeout) cannot roll it back. The
index is then kept up to date by every write but never used by a query, and a re-run
with IF NOT EXISTS sees the name and does nothing.
"""

import sqlalchemy as sa

# --8<-- [start:cleanup]
INVALID_INDEXES = """
SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE NOT i.indisvalid ORDER BY c.relname
"""


def invalid_indexes(connection: sa.Connection) -> list[str]:
    return list(connection.exec_driver_sql(INVALID_INDEXES).scalars())


def drop_invalid_indexes(engine: sa.Engine) -> list[str]:
    """Drop every INVALID index, concurrently (outside a transaction, as it must be)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        names = invalid_indexes(connection)
        for name in names:
            connection.exec_driver_sql(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')
    return names
# --8<-- [end:cleanup]
