"""Create a new database from the models and record it as being at head.

Run it in a mini project's folder: `python -m examples.cookbook_fresh_database.create_database`.
"""

from alembic import command
from alembic.config import Config

from examples.app.db import database_url, make_engine
from examples.cookbook.models import Base


# --8<-- [start:create_database]
def create_database(config: Config) -> None:
    """Every table of the models, then `stamp head`, in one transaction."""
    engine = make_engine(database_url(config.get_main_option("sqlalchemy.url")))
    try:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            # env.py runs on this connection, so the stamp joins the same transaction.
            config.attributes["connection"] = connection
            command.stamp(config, "head")
    finally:
        engine.dispose()


if __name__ == "__main__":
    create_database(Config("alembic.ini"))
# --8<-- [end:create_database]
