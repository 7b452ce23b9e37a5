"""env.py of a project whose app talks to its database through asyncio drivers
(aiosqlite, asyncpg): the migrations use the same URL and an async engine."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from examples.app.db import make_sqlite_transactional
from examples.cookbook.mini_env import configured_url
from examples.cookbook.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


# --8<-- [start:env]
def run_on(connection: Connection) -> None:
    """The synchronous part: Alembic's context on the connection run_sync() hands over."""
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=sqlite, transactional_ddl=sqlite or None
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_async_engine(configured_url(), poolclass=pool.NullPool)
    if engine.dialect.name == "sqlite":
        # aiosqlite wraps Python's sqlite3, and shares its late BEGIN: same fix.
        make_sqlite_transactional(engine.sync_engine, foreign_keys=False)
    async with engine.connect() as connection:
        await connection.run_sync(run_on)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=configured_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_migrations_online())
# --8<-- [end:env]
