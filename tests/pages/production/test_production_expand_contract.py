"""docs/production/expand-contract.md: which app works against which revision, from a real run."""

import pytest
import sqlalchemy as sa
from alembic import command

from examples.production_expand_contract.grid import CHAIN, CHECKS, REVISIONS, direct_grid, expand_contract_grid
from examples.production_shared.chain import config, upgrade
from examples.production_shared.waiting import connection_to

WORKS = ("create", "list")  # the app's own queries run


@pytest.fixture(scope="module")
def grid(postgresql_server):
    return expand_contract_grid(postgresql_server.create_database)


@pytest.fixture(scope="module")
def direct(postgresql_server):
    return direct_grid(postgresql_server.create_database)


def works(apps, app: str) -> bool:
    return all(apps[app][check].passed for check in WORKS)


def test_old_app_works_at_every_revision_before_contract(grid):
    assert [works(grid[r], "old") for r in REVISIONS] == [True, True, True, True, False]


def test_new_app_works_from_expand_on(grid):
    assert [works(grid[r], "new") for r in REVISIONS] == [False, True, True, True, True]


def test_each_app_reads_the_other_s_events_between_expand_and_contract(grid):
    between = ("0002", "0003", "0004")
    assert all(grid[r][app]["reads the other app's event"].passed for r in between for app in ("old", "new"))


def test_new_app_reads_older_events_only_after_the_backfill(grid):
    assert [grid[r]["new"]["reads the older event"].passed for r in REVISIONS] == [False, False, True, True, True]


def test_direct_rename_leaves_no_state_where_both_apps_work(direct):
    assert [(works(apps, "old"), works(apps, "new")) for apps in direct.values()] == [(True, False), (False, True)]


def test_grid_shows_the_database_error_of_a_failing_query(grid):
    assert grid["0005"]["old"]["create"].why == 'column "title" of relation "events" does not exist'


def test_every_check_is_in_the_grid(grid):
    assert all(list(apps[app]) == list(CHECKS) for apps in grid.values() for app in ("old", "new"))


def test_contract_downgrade_restores_title_and_location(postgresql_url):
    with connection_to(postgresql_url) as connection:
        upgrade(CHAIN, connection, "0001")
        connection.exec_driver_sql("INSERT INTO venues (name) VALUES ('Main hall')")
        connection.exec_driver_sql("INSERT INTO events (title, location) VALUES ('Kept', 'Main hall')")
        connection.commit()
        upgrade(CHAIN, connection, "head")
        command.downgrade(config(CHAIN, connection), "0004")
        connection.commit()
        rows = connection.execute(sa.text("SELECT title, location, name FROM events")).all()
    assert rows == [("Kept", "Main hall", "Kept")]
