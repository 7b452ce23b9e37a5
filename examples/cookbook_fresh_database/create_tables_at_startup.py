"""What many apps do when they start: create the tables the models describe.

Run it in a mini project's folder: `python -m examples.cookbook_fresh_database.create_tables_at_startup`.
"""

from alembic.config import Config

from examples.app.db import database_url, make_engine
from examples.cookbook.models import Base


# --8<-- [start:create_all]
def create_tables() -> None:
    url = database_url(Config("alembic.ini").get_main_option("sqlalchemy.url"))
    engine = make_engine(url)
    Base.metadata.create_all(engine)  # no record of which revision this schema is
    engine.dispose()
# --8<-- [end:create_all]


if __name__ == "__main__":
    create_tables()
    print("tables created")
