"""A lab bench: the stock env.py with each transaction setting switchable.

examples/alembic_transactions/projects.py passes the settings in
`config.attributes["settings"]`, so one mini-project can try every combination
of the driver fix, `transactional_ddl` and `transaction_per_migration`.
"""

from alembic import context
from sqlalchemy import engine_from_config, pool

from examples.app.db import make_sqlite_transactional

config = context.config


# --8<-- [start:online]
def run_migrations_online() -> None:
    settings = config.attributes["settings"]
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    if settings.driver_fix:
        make_sqlite_transactional(connectable, foreign_keys=False)

    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            transactional_ddl=settings.transactional_ddl,  # None: the dialect's default
            transaction_per_migration=settings.transaction_per_migration,
        )
        with context.begin_transaction():
            context.run_migrations()
# --8<-- [end:online]


if context.is_offline_mode():
    raise SystemExit("the settings bench runs online only")
run_migrations_online()
