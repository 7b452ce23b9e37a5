"""env.py as it was when revision 0001 ran on production: the models' MetaData had
no naming convention, so constraints created without a name got the database's."""

from sqlalchemy import MetaData

from examples.cookbook.mini_env import run_migrations

run_migrations(target_metadata=MetaData())
