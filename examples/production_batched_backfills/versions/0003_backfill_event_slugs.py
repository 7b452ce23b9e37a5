"""backfill events.slug in batches that each commit

A data-only revision, apart from the DDL in 0002: the migration's transaction (and
with it 0002's lock on events) is committed before the first batch. If the run dies
halfway, alembic_version still says 0002, the batches done so far stay done, and the
next `alembic upgrade head` goes on from the first row still empty.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from examples.production_batched_backfills.backfill import backfill_in_batches, log

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    with op.get_context().autocommit_block():
        progress = backfill_in_batches(op.get_bind())
    log.info("slug backfill: %d rows in %d batches", progress.rows, progress.batches)
# --8<-- [end:upgrade]


def downgrade() -> None:
    op.execute("UPDATE events SET slug = NULL")
