"""env.py of the data-migration recipe: its own models."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook_data_migrations.models import Base

run_migrations(target_metadata=Base.metadata)
