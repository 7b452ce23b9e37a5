"""env.py of a project whose database also holds tables the models do not
describe: autogenerate compares only the tables the models know."""

from examples.cookbook.mini_env import run_migrations
from examples.cookbook.models import Base


# --8<-- [start:hook]
def only_tables_the_models_know(name, type_, parent_names) -> bool:
    """Called for every name autogenerate reflects; False leaves it out of the comparison."""
    if type_ == "table":
        return name in Base.metadata.tables
    return True


run_migrations(target_metadata=Base.metadata, include_name=only_tables_the_models_know)
# --8<-- [end:hook]
