"""The operations docs/alembic/batch.md runs, on a small users/events database.

Each function takes Alembic's `op` (an `Operations`), as a revision's upgrade()
does; `run(step, engine)` runs one inside a transaction, as `alembic upgrade` would.
"""

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from examples.app.db import make_engine

Step = Callable[[Operations], None]

# --8<-- [start:schema]
SCHEMA = (
    "CREATE TABLE users (id INTEGER NOT NULL, email VARCHAR(100), CONSTRAINT pk_users PRIMARY KEY (id))",
    "CREATE TABLE events (id INTEGER NOT NULL, owner_id INTEGER NOT NULL,"
    " CONSTRAINT pk_events PRIMARY KEY (id),"
    " CONSTRAINT fk_events_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE)",
)
# --8<-- [end:schema]


def sample_database(path: str | Path, *, foreign_keys: bool) -> sa.Engine:
    """The schema above with one user who owns one event, on a transactional
    engine with `PRAGMA foreign_keys` set as asked, on every connection."""
    engine = make_engine(f"sqlite:///{path}", foreign_keys=foreign_keys)
    with engine.begin() as connection:
        for statement in SCHEMA:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql("INSERT INTO users (id, email) VALUES (1, 'ada@example.org')")
        connection.exec_driver_sql("INSERT INTO events (id, owner_id) VALUES (1, 1)")
    return engine


def run(step: Step, engine: sa.Engine) -> None:
    with engine.begin() as connection:
        step(Operations(MigrationContext.configure(connection)))


def count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


# --8<-- [start:plain]
def add_nickname(op: Operations) -> None:
    op.add_column("users", sa.Column("nickname", sa.String(50)))


def require_email(op: Operations) -> None:
    op.alter_column("users", "email", existing_type=sa.String(100), nullable=False)


def unique_email(op: Operations) -> None:
    op.create_unique_constraint("uq_users_email", "users", ["email"])
# --8<-- [end:plain]


# --8<-- [start:batch]
def require_unique_email(op: Operations) -> None:
    with op.batch_alter_table("users") as batch:
        batch.alter_column("email", existing_type=sa.String(100), nullable=False)
        batch.create_unique_constraint("uq_users_email", ["email"])
# --8<-- [end:batch]


# --8<-- [start:drop_by_name]
def drop_unique_email(op: Operations) -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_email", type_="unique")
# --8<-- [end:drop_by_name]


def users_with_unique_email(naming_convention: dict | None) -> sa.MetaData:
    """users with `unique=True` on email, declared as a model would declare it."""
    metadata = sa.MetaData(naming_convention=naming_convention) if naming_convention else sa.MetaData()
    sa.Table(
        "users",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(100), unique=True),
    )
    return metadata
