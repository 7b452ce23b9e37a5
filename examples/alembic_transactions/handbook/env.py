"""The stock `alembic init` env.py with the handbook's two fixes for SQLite.

1. The engine really runs DDL inside transactions (examples/app/db.py).
2. Alembic is told so: `transactional_ddl=True`, one transaction for the whole run.

Everything else is as `alembic init` writes it; compare with ../stock/env.py.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from examples.app.db import make_sqlite_transactional

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


# --8<-- [start:online]
def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    # Fix 1: the driver sends BEGIN before every transaction, DDL included
    # (SQLite's driver only: other drivers already do).
    if connectable.dialect.name == "sqlite":
        make_sqlite_transactional(connectable, foreign_keys=False)

    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # Fix 2: Alembic's SQLite support assumes no transactional DDL.
            transactional_ddl=True,
        )

        with context.begin_transaction():
            context.run_migrations()
# --8<-- [end:online]


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
