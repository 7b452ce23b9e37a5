"""Like the `alembic init` template: plain metadata, no batch mode."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook_sqlite_constraints.models import without_names

# --8<-- [start:configure]
run_migrations(target_metadata=without_names, render_as_batch=False)
# --8<-- [end:configure]
