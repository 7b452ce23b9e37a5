"""docs/production/where-migrations-run.md: two replicas migrating at once, the advisory lock, the Compose check."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from examples.production_where_migrations_run import compose_check
from tools.outputs.scenarios.production_where_migrations_run import race_on_a_new_database

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = ROOT / "examples" / "production_where_migrations_run" / "compose.yaml"
MIGRATION_LOCK_KEY = 4_242_001  # migrations/env.py
# The replicas migrate to head (examples/production_where_migrations_run/race.py).
CHAIN = list(ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini"))).walk_revisions())
HEAD = CHAIN[0]

# The races run once per process: this page's tests and its staleness test on one worker.
pytestmark = pytest.mark.xdist_group("production-where-migrations-run")


def version_rows(url: str) -> list[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    engine.dispose()
    return rows


# The races the page shows (tools/outputs/scenarios/production_where_migrations_run.py), run once per process.
@pytest.fixture(scope="module")
def race_without_lock(postgresql_server):
    return race_on_a_new_database(migration_lock=False)


@pytest.fixture(scope="module")
def race_with_lock(postgresql_server):
    return race_on_a_new_database(migration_lock=True)


def test_two_replicas_without_a_lock_one_fails(race_without_lock):
    _, (first, second) = race_without_lock
    assert (first.returncode, second.returncode) == (0, 1)


def test_losing_replica_fails_creating_the_version_table(race_without_lock):
    _, (_, loser) = race_without_lock
    assert "UniqueViolation" in loser.error
    assert 'unique constraint "pg_type_typname_nsp_index"' in loser.error
    assert "CREATE TABLE alembic_version" in loser.error


def test_race_without_a_lock_leaves_the_winner_s_migration(race_without_lock):
    url, (winner, _) = race_without_lock
    assert winner.ran_revisions[-1].startswith(f"{HEAD.down_revision} -> {HEAD.revision}")
    assert version_rows(url) == [HEAD.revision]


def test_two_replicas_with_the_lock_both_succeed(race_with_lock):
    _, replicas = race_with_lock
    assert [replica.returncode for replica in replicas] == [0, 0]


def test_second_replica_waits_then_runs_no_revision(race_with_lock):
    url, (first, second) = race_with_lock
    assert len(first.ran_revisions) == len(CHAIN)
    assert (second.returncode, second.ran_revisions) == (0, [])
    assert version_rows(url) == [HEAD.revision]


def migration_locks_held(url: str) -> int:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        held = connection.execute(
            sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key"),
            {"key": MIGRATION_LOCK_KEY},
        ).scalar_one()
    engine.dispose()
    return held


def test_migration_lock_is_released_when_a_migration_fails(postgresql_url):
    engine = sa.create_engine(postgresql_url, poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE users (id integer)")  # 0001 then fails: it exists
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes.update(configure_logger=False)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        with pytest.raises(sa.exc.ProgrammingError, match="already exists"):
            command.upgrade(config, "0001")
        assert migration_locks_held(postgresql_url) == 0
    engine.dispose()


def test_example_compose_file_passes_the_check():
    assert compose_check.problems(COMPOSE) == []


def test_compose_check_rejects_an_app_that_starts_before_migrate_ends(tmp_path):
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text().replace("service_completed_successfully", "service_started"))
    assert compose_check.problems(broken) == [
        "app: must wait for migrate with condition: service_completed_successfully (found service_started)"
    ]


def test_compose_check_rejects_a_key_the_compose_spec_does_not_know(tmp_path):
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text().replace('restart: "no"', 'restrat: "no"'))
    assert compose_check.problems(broken) == [
        "services/migrate: Unevaluated properties are not allowed ('restrat' was unexpected)"
    ]


def test_compose_check_exits_non_zero_naming_the_file(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert compose_check.main([str(missing)]) == 1
    assert f"{missing}: cannot read a Compose file" in capsys.readouterr().err
