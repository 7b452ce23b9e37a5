"""Batch mode on, and metadata whose naming convention names every constraint."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook_sqlite_constraints.models import with_names

# --8<-- [start:configure]
run_migrations(target_metadata=with_names, render_as_batch=True)
# --8<-- [end:configure]
