"""The handbook's revision chain: it upgrades, downgrades, and matches the models.

pytest-alembic's built-in checks, and ours, run here once per engine (the
`alembic_engine` fixture: a fresh SQLite file, a fresh PostgreSQL database),
through the handbook's own env.py.
"""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from alembic.util import CommandError

# --8<-- [start:built_in_tests]
from pytest_alembic.tests import (  # noqa: F401  (collected by pytest)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from pytest_alembic.tests.experimental import test_downgrade_leaves_no_trace  # noqa: F401

# --8<-- [end:built_in_tests]
from tests.conftest import IRREVERSIBLE_REVISIONS
from tests.lifecycle_support import reflected_schema


def schema(engine: sa.Engine) -> str:
    # PostgreSQL cannot put a re-added column back in its old place without
    # rebuilding a table others reference (0010's downgrade appends it): column
    # order is compared on SQLite only.
    return reflected_schema(engine, column_order=engine.dialect.name == "sqlite")


# --8<-- [start:own_test]
def test_every_revision_goes_up_down_and_up_again(alembic_runner, alembic_engine):
    """Each revision, one at a time: upgrade, downgrade, upgrade. The downgrade
    restores exactly the schema before the step, and the second upgrade works.
    An irreversible revision's downgrade refuses instead, leaving the schema as it was."""
    # pytest-alembic's history starts with "base" and ends with "heads".
    for revision in alembic_runner.history.revisions[1:-1]:
        before = schema(alembic_engine)
        alembic_runner.migrate_up_one()
        after = schema(alembic_engine)
        if revision in IRREVERSIBLE_REVISIONS:
            with pytest.raises(CommandError, match="is irreversible"):
                alembic_runner.migrate_down_one()
            assert schema(alembic_engine) == after and alembic_runner.current == revision
            continue
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
        file_name = Path(revision.path).name
        assert file_name.startswith(f"{revision.revision}_"), f"{file_name} should start with its id"
        assert revision.module.__doc__, f"{revision.path} needs a docstring that says why"


def test_upgrade_head_from_the_command_line_builds_the_app_schema(alembic_cfg, database_url):
    """`alembic upgrade head` with HANDBOOK_DATABASE_URL creates the app's tables there."""
    command.upgrade(alembic_cfg, "head")
    engine = sa.create_engine(database_url)
    tables = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert {"users", "events", "alembic_version"} <= tables
