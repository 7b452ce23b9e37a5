"""env.py of a cookbook mini project: the shared models, the shared defaults."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook.models import Base

run_migrations(target_metadata=Base.metadata)
