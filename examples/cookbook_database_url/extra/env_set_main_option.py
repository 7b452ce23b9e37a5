"""A common env.py pattern that breaks on a `%` in the URL: copying the URL from
the environment into Alembic's config."""

import os

from alembic import context

from examples.cookbook.mini_env import run_migrations
from examples.cookbook.models import Base

# --8<-- [start:set_main_option]
context.config.set_main_option("sqlalchemy.url", os.environ["HANDBOOK_DATABASE_URL"])
# --8<-- [end:set_main_option]
run_migrations(target_metadata=Base.metadata)
