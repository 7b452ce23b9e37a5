"""Step 12: the SQL script of a batch migration, written without a database.

`alembic upgrade --sql` writes SQL for a reviewer (or a DBA) instead of running
it. On SQLite, batch mode normally reflects the table from the live database to
know what to copy; offline there is none, and Alembic refuses. Passing the
table's definition as `copy_from` replaces the reflection: this module renders
revision 0005 (rename events.title to name) that way.
"""

import io

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext

from examples.app.models import NAMING_CONVENTION


# --8<-- [start:copy_from]
def events_at_0004() -> sa.Table:
    """The events table exactly as revisions 0002 and 0003 left it (a test
    compares it with the table reflected from a real database at 0004)."""
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True))
    return sa.Table(
        "events",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("starts_at", sa.DateTime, nullable=False),
        sa.Column("location", sa.String(200)),
        sa.Column("description", sa.Text),
        sa.Column("created_at", sa.DateTime, server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("capacity", sa.Integer, server_default=sa.text("50"), nullable=False),
        sa.Index("ix_events_owner_id", "owner_id"),
        sa.Index("ix_events_starts_at", "starts_at"),
    )


def rename_title_offline() -> str:
    """The SQL of revision 0005's upgrade, rendered with no database connection."""
    script = io.StringIO()
    context = MigrationContext.configure(
        dialect_name="sqlite", opts={"as_sql": True, "output_buffer": script, "literal_binds": True}
    )
    op = Operations(context)
    with op.batch_alter_table("events", copy_from=events_at_0004()) as batch_op:
        batch_op.alter_column("title", new_column_name="name", existing_type=sa.String(200), existing_nullable=False)
    return script.getvalue()
# --8<-- [end:copy_from]
