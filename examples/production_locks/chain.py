"""Run the handbook's chain on PostgreSQL, revision by revision, on seeded tables,
recording a lock receipt for every statement.

    receipts = chain_receipts(url, revision_ids)   # {revision id: [StatementReceipt, ...]}
"""

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from examples.production_locks.receipts import LockRecorder, StatementReceipt
from examples.production_locks.seed import seed_new_tables


def chain_receipts(url: str, config: Config, revision_ids: list[str]) -> dict[str, list[StatementReceipt]]:
    """`config` is the handbook's Alembic config; each revision runs in its own
    `alembic upgrade <id>`, so its locks are read inside its own transaction."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    by_revision: dict[str, list[StatementReceipt]] = {}
    seeded: set[str] = set()
    try:
        recorder = LockRecorder(engine)
        with recorder as receipts:
            for revision in revision_ids:
                recorder.revision = revision
                config.attributes["connection"] = engine
                command.upgrade(config, revision)
                by_revision[revision] = [r for r in receipts if r.revision == revision]
                with engine.begin() as connection:
                    seed_new_tables(connection, seeded)
    finally:
        engine.dispose()
    return by_revision
