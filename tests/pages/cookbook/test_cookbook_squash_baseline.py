"""docs/cookbook/squash-baseline.md: one baseline revision, generated from the models
and keeping the newest squashed id, replaces the old chain. Databases at that id carry
on, new ones get the same schema, and one at a deleted id is stranded until the old
chain moves it."""

import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.lifecycle_support import reflected_schema
from tools.outputs.scenarios._cookbook import run
from tools.outputs.scenarios.cookbook_squash_baseline import database_at, squashed_pair, url


@pytest.fixture
def projects():
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new, _ = squashed_pair(folder)
        yield folder, old, new


def described(folder: Path, name: str) -> tuple[str, list]:
    """(the app's schema by reflection, alembic_version's rows)."""
    engine = sa.create_engine(f"sqlite:///{folder / f'{name}.db'}")
    try:
        with engine.connect() as connection:
            versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        return reflected_schema(engine), versions
    finally:
        engine.dispose()


def test_the_baseline_builds_the_schema_the_old_chain_built(projects):
    folder, old, new = projects
    run(old, "upgrade head", url=url("by-old-chain"))
    run(new, "upgrade head", url=url("by-baseline"))
    assert described(folder, "by-baseline") == described(folder, "by-old-chain")


def test_a_database_at_the_kept_id_needs_nothing_after_the_squash(projects):
    """The baseline took the newest id, 0002: a database there is already at the new head."""
    folder, old, new = projects
    database_at(old, "production", "0002")
    before = described(folder, "production")
    assert "Running upgrade" not in run(new, "upgrade head", url=url("production"))
    assert "No new upgrade operations detected." in run(new, "check", url=url("production"))
    assert described(folder, "production") == before


def test_a_database_at_a_deleted_revision_cannot_upgrade_and_is_left_as_it_was(projects):
    folder, old, new = projects
    database_at(old, "laptop", "0001")
    before = described(folder, "laptop")
    assert "Can't locate revision identified by '0001'" in run(new, "upgrade head", expect=255, url=url("laptop"))
    assert described(folder, "laptop") == before


def test_the_old_chain_moves_a_stranded_database_onto_the_baseline(projects):
    """Upgraded to the kept id with the previous release's revisions, it then matches the models."""
    _, old, new = projects
    database_at(old, "laptop", "0001")
    run(old, "upgrade 0002", url=url("laptop"))
    run(new, "upgrade head", url=url("laptop"))
    assert "No new upgrade operations detected." in run(new, "check", url=url("laptop"))
