"""docs/alembic/transactions.md, the table per engine: revision 0002 of the mini-projects
fails halfway (after creating ledger_entries, on the unique email) on a real PostgreSQL
and a real MariaDB, with the stock env.py and with the handbook's."""

import pytest

from examples.alembic_transactions.projects import try_on_engine


def test_postgresql_rolls_back_the_failed_revision_whole(postgresql_url):
    """Stock env.py, nothing added: the table 0002 created is gone, the version says
    0001, and running the same command again meets the duplicate email, not a leftover."""
    trial = try_on_engine("stock", "postgresql", postgresql_url)
    assert "UniqueViolation" in trial.first.error
    assert trial.left_behind == () and trial.first.state.versions == ("0001",) and trial.first.state.accounts == 3
    assert "UniqueViolation" in trial.rerun.error


def test_mariadb_keeps_the_table_created_before_the_failure(mariadb_url):
    """MariaDB commits each DDL statement at once: ledger_entries outlives the failure,
    the version still says 0001, and the same command again stops on that table."""
    trial = try_on_engine("stock", "mariadb", mariadb_url)
    assert "Duplicate entry 'ada@example.org'" in trial.first.error
    assert trial.left_behind == ("ledger_entries",) and trial.first.state.versions == ("0001",)
    assert "Table 'ledger_entries' already exists" in trial.rerun.error


def test_handbook_env_cannot_make_mariadb_ddl_transactional(mariadb_url):
    """`transactional_ddl=True` only tells Alembic to wrap the run in one transaction;
    MariaDB still commits the CREATE TABLE, so the handbook's env.py leaves the same table."""
    trial = try_on_engine("handbook", "mariadb", mariadb_url)
    assert trial.left_behind == ("ledger_entries",)
    assert "Table 'ledger_entries' already exists" in trial.rerun.error


def test_handbook_env_keeps_postgresql_atomic(postgresql_url):
    trial = try_on_engine("handbook", "postgresql", postgresql_url)
    assert trial.left_behind == () and "UniqueViolation" in trial.rerun.error


def test_unknown_mini_project_for_an_engine_trial_is_refused(tmp_path):
    database = tmp_path / "never.db"
    with pytest.raises(ValueError, match="unknown project 'settings': choose stock or handbook"):
        try_on_engine("settings", "sqlite", database)
    assert not database.exists()
