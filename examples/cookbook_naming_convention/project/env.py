"""env.py of the naming-convention recipe: its own models."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook_naming_convention.models import Base

run_migrations(target_metadata=Base.metadata)
