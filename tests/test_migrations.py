"""The handbook's revision chain: it upgrades, downgrades, and matches the models.

pytest-alembic's built-in checks run here against a fresh SQLite file, through
the handbook's own env.py (so with transactional DDL).
"""

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

# --8<-- [start:built_in_tests]
from pytest_alembic.tests import (  # noqa: F401  (collected by pytest)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from pytest_alembic.tests.experimental import test_downgrade_leaves_no_trace  # noqa: F401
# --8<-- [end:built_in_tests]


def schema(engine: sa.Engine) -> list[tuple]:
    """The app's schema as SQLite stores it (Alembic's own table left out: it
    is created on the first upgrade and kept at base)."""
    with engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema"
            " WHERE tbl_name != 'alembic_version' ORDER BY name"
        ).fetchall()


# --8<-- [start:own_test]
def test_every_revision_goes_up_down_and_up_again(alembic_runner, alembic_engine):
    """Each revision, one at a time: upgrade, downgrade, upgrade. The downgrade
    restores exactly the schema before the step, and the second upgrade works."""
    # pytest-alembic's history starts with "base" and ends with "heads".
    for revision in alembic_runner.history.revisions[1:-1]:
        before = schema(alembic_engine)
        alembic_runner.migrate_up_one()
        after = schema(alembic_engine)
        alembic_runner.migrate_down_one()
        assert schema(alembic_engine) == before, f"downgrade of {revision} left changes behind"
        alembic_runner.migrate_up_one()
        assert schema(alembic_engine) == after, f"re-running {revision} gave a different schema"
        assert alembic_runner.current == revision
# --8<-- [end:own_test]


def test_revision_ids_are_readable_and_match_file_names(alembic_cfg):
    """Revision ids count up from 0001, and each file is named after its id and message."""
    script = ScriptDirectory.from_config(alembic_cfg)
    revisions = list(reversed(list(script.walk_revisions())))
    for number, revision in enumerate(revisions, start=1):
        assert revision.revision == f"{number:04d}"
        assert revision.path.endswith(f"/{revision.revision}_{revision.path.split('_', 1)[1]}")
        assert revision.module.__doc__, f"{revision.path} needs a docstring that says why"


def test_upgrade_head_from_the_command_line_builds_the_app_schema(alembic_cfg, database_url):
    """`alembic upgrade head` with HANDBOOK_DATABASE_URL creates the app's tables there."""
    command.upgrade(alembic_cfg, "head")
    engine = sa.create_engine(database_url)
    tables = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert {"users", "events", "alembic_version"} <= tables
