"""The whole chain on a database that holds rows, on every engine (`engine_url`):
from empty to head, and back down to the irreversible revision, losing no row."""

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from examples.app.db import make_engine
from examples.lifecycle.sample_data import EVENTS, USERS, seed_database
from tests.conftest import IRREVERSIBLE_REVISIONS
from tests.lifecycle_support import every_row, reflected_schema
from tools.outputs.sql_capture import handbook_config

LOWEST = IRREVERSIBLE_REVISIONS[-1]  # nothing at or below it can be downgraded


def snapshot(engine: sa.Engine) -> tuple[str, dict[str, list[tuple]]]:
    # Column order is left out: PostgreSQL appends a column a downgrade puts back.
    return reflected_schema(engine, column_order=False), every_row(engine)


@pytest.fixture
def seeded_engine(engine_url: str):
    """The lifecycle's sample rows at 0002, on a fresh database of each engine."""
    seed_database(engine_url, "0002")
    engine = make_engine(engine_url, foreign_keys=False)
    yield engine
    engine.dispose()


def test_chain_up_to_head_and_down_to_the_irreversible_revision_loses_no_row(seeded_engine):
    """Up one revision at a time to head, recording each state from the irreversible
    revision on; then down one at a time: every state, rows included, comes back."""
    config = handbook_config(seeded_engine)
    script = ScriptDirectory.from_config(config)
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    states = {}
    for revision in chain[chain.index("0003"):]:
        command.upgrade(config, revision)
        states[revision] = snapshot(seeded_engine)

    rows_at_head = states[chain[-1]][1]
    assert len(rows_at_head["users"]) == len(USERS) and len(rows_at_head["events"]) == len(EVENTS)

    for revision in reversed(chain[chain.index(LOWEST):-1]):
        command.downgrade(config, revision)
        assert snapshot(seeded_engine) == states[revision], f"downgrading to {revision} lost or changed something"


def test_downgrade_below_the_irreversible_revision_refuses_and_changes_nothing(seeded_engine):
    config = handbook_config(seeded_engine)
    command.upgrade(config, LOWEST)
    before = snapshot(seeded_engine)
    with pytest.raises(CommandError, match="is irreversible"):
        command.downgrade(config, "-1")
    assert snapshot(seeded_engine) == before
