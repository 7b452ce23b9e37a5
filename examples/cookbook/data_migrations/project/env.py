"""env.py of the data-migration recipe: its own models."""

from examples.cookbook.data_migrations.models import Base
from examples.cookbook.mini_env import run_migrations

run_migrations(target_metadata=Base.metadata)
