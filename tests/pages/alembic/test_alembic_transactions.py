"""docs/alembic/transactions.md: what a revision that fails halfway leaves behind,
with the stock `alembic init` env.py, with the handbook's, and with every setting."""

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import alembic
import pytest

from examples.alembic_transactions.projects import (
    HERE,
    Settings,
    config_for,
    drop_what_0002_left,
    inspect_database,
    remove_duplicate_emails,
    run_upgrade,
    try_every_setting,
)

UNIQUE_FAILURE = "UNIQUE constraint failed: _alembic_tmp_accounts.email"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def trials(tmp_path_factory):
    return {trial.settings: trial for trial in try_every_setting(tmp_path_factory.mktemp("settings"))}


def test_stock_env_is_the_alembic_init_template():
    """examples/alembic_transactions/stock/env.py is what `alembic init` writes, byte for byte
    (apart from the two lines that mark the section the page embeds)."""
    template = Path(alembic.__file__).parent / "templates" / "generic" / "env.py"
    ours = [line for line in (HERE / "stock" / "env.py").read_text().splitlines() if "--8<--" not in line]
    assert ours == template.read_text().splitlines()


def test_stock_env_leaves_a_half_applied_database(tmp_path):
    """With the stock env.py, revision 0002 fails while copying accounts: the new
    ledger_entries table stays, _alembic_tmp_accounts stays, the version stays 0001."""
    db = tmp_path / "stock.db"
    assert run_upgrade("stock", db, "0001").ok
    outcome = run_upgrade("stock", db, "head")
    assert UNIQUE_FAILURE in outcome.error
    assert outcome.state.tables == ("_alembic_tmp_accounts", "accounts", "alembic_version", "ledger_entries")
    assert outcome.state.leftovers == ("_alembic_tmp_accounts",)
    assert outcome.state.versions == ("0001",)


def test_stock_env_rerun_fails_on_what_the_first_run_left(tmp_path):
    """Running the same upgrade again does not reach the real problem: it stops on
    the table the failed run created."""
    db = tmp_path / "stock.db"
    run_upgrade("stock", db, "0001")
    run_upgrade("stock", db, "head")
    rerun = run_upgrade("stock", db, "head")
    assert rerun.error == (
        "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) table ledger_entries already exists"
    )


def test_stock_env_rerun_fails_even_after_the_data_is_fixed(tmp_path):
    """Fixing the duplicate is not enough with the stock env: the leftovers block the retry."""
    db = tmp_path / "stock.db"
    run_upgrade("stock", db, "0001")
    run_upgrade("stock", db, "head")
    assert remove_duplicate_emails(db) == 1
    assert "table ledger_entries already exists" in run_upgrade("stock", db, "head").error


def test_stock_env_recovers_only_after_a_clean_up_by_hand(tmp_path):
    """With the stock env.py, the way back: drop what 0002 left, fix the data, re-run."""
    db = tmp_path / "stock.db"
    run_upgrade("stock", db, "0001")
    run_upgrade("stock", db, "head")
    assert drop_what_0002_left(db) == ("ledger_entries", "_alembic_tmp_accounts")
    assert remove_duplicate_emails(db) == 1
    outcome = run_upgrade("stock", db, "head")
    assert outcome.ok
    assert outcome.state.tables == ("accounts", "alembic_version", "ledger_entries")
    assert outcome.state.versions == ("0002",)


def test_handbook_env_leaves_the_database_untouched(tmp_path):
    """With the handbook's env.py the same failure changes nothing: the file's bytes are identical."""
    db = tmp_path / "handbook.db"
    assert run_upgrade("handbook", db, "0001").ok
    before, state = digest(db), inspect_database(db)
    outcome = run_upgrade("handbook", db, "head")
    assert UNIQUE_FAILURE in outcome.error
    assert digest(db) == before
    assert outcome.state == state
    assert outcome.state.leftovers == ()


def test_handbook_env_retry_succeeds_once_the_data_is_fixed(tmp_path):
    """Nothing half-applied to clean up: fix the data, run the same command."""
    db = tmp_path / "handbook.db"
    run_upgrade("handbook", db, "0001")
    run_upgrade("handbook", db, "head")
    assert remove_duplicate_emails(db) == 1
    outcome = run_upgrade("handbook", db, "head")
    assert outcome.ok
    assert outcome.state.versions == ("0002",)
    assert outcome.state.tables == ("accounts", "alembic_version", "ledger_entries")


def test_settings_bench_reproduces_both_mini_projects(trials, tmp_path):
    """The bench with no fix is the stock env; with both fixes it is the handbook env."""
    for project, settings in (("stock", Settings()), ("handbook", Settings(True, True, False))):
        outcome = run_upgrade(project, tmp_path / f"{project}.db", "head")
        assert outcome.error == trials[settings].first.error
        assert outcome.state == trials[settings].first.state


HALF_APPLIED = (("_alembic_tmp_accounts", "accounts", "alembic_version", "ledger_entries"), ("0001",), 3)
REVISION_1_KEPT = (("accounts", "alembic_version"), ("0001",), 3)
EXPECTED = {
    Settings(False, None, False): HALF_APPLIED,
    Settings(False, None, True): HALF_APPLIED,
    Settings(False, True, False): (("accounts", "alembic_version"), (), 0),
    Settings(False, True, True): HALF_APPLIED,
    Settings(True, None, False): REVISION_1_KEPT,
    Settings(True, None, True): REVISION_1_KEPT,
    Settings(True, True, False): ((), (), None),
    Settings(True, True, True): REVISION_1_KEPT,
}


@pytest.mark.parametrize(
    "settings", list(EXPECTED), ids=lambda s: f"fix={s.driver_fix}-ddl={s.transactional_ddl}-per={s.transaction_per_migration}"
)
def test_outcome_of_each_setting(trials, settings):
    """Each row of the page's table: from an empty database, `upgrade head` fails in
    0002; this is what is left (tables, alembic_version, rows in accounts)."""
    state = trials[settings].first.state
    assert UNIQUE_FAILURE in trials[settings].first.error
    assert (state.tables, state.versions, state.accounts) == EXPECTED[settings]


def test_transactional_ddl_alone_loses_data_and_the_version(trials):
    """Without the driver fix, `transactional_ddl=True` rolls back the rows and the
    version row but not the CREATE TABLE: the re-run fails on `accounts`."""
    trial = trials[Settings(False, True, False)]
    assert trial.first.state.accounts == 0 and trial.first.state.versions == ()
    assert trial.rerun.error.endswith("table accounts already exists")


def test_with_the_driver_fix_every_rerun_meets_the_real_problem(trials):
    """With the driver fix, whatever the options, nothing is half-applied: the
    re-run fails on the duplicate email again, not on leftovers."""
    for settings, trial in trials.items():
        if settings.driver_fix:
            assert trial.rerun.state.leftovers == ()
            assert UNIQUE_FAILURE in trial.rerun.error


def test_unknown_project_is_a_clear_error_and_creates_nothing(tmp_path):
    db = tmp_path / "never.db"
    with pytest.raises(ValueError, match="unknown project 'stok': choose one of stock, handbook, settings"):
        run_upgrade("stok", db)
    with pytest.raises(ValueError, match="pass settings=Settings"):
        config_for("stock", db, Settings())
    assert not db.exists()


def test_state_command_refuses_a_missing_file_and_creates_none(tmp_path, capsys):
    """`python -m examples.alembic_transactions.projects PATH` on a path with no database
    says how to call it and exits 2, instead of creating an empty database there."""
    from examples.alembic_transactions.projects import main

    missing = tmp_path / "typo.db"
    assert main([str(missing)]) == 2
    assert "usage: python -m examples.alembic_transactions.projects PATH_TO_EXISTING_SQLITE_FILE" in capsys.readouterr().err
    assert not missing.exists()


def sqlite3_default_mode(path: Path):
    """A connection as Python's sqlite3 module makes one by default (implicit BEGIN
    before INSERT/UPDATE/DELETE/REPLACE only), which is what the stock env.py gets."""
    connection = sqlite3.connect(path)
    assert connection.isolation_level == ""  # the default, "deferred" legacy mode
    return connection


def tables_in(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]


def test_driver_saves_ddl_that_runs_while_no_transaction_is_open(tmp_path):
    """CREATE TABLE with no transaction open is saved at once: rollback() keeps it."""
    db = tmp_path / "autocommit.db"
    with contextlib.closing(sqlite3_default_mode(db)) as connection:
        connection.execute("CREATE TABLE a (id INTEGER)")
        assert not connection.in_transaction
        connection.rollback()
    assert tables_in(db) == ["a"]


def test_driver_rolls_back_ddl_that_runs_after_an_insert_opened_a_transaction(tmp_path):
    """After an INSERT the driver has sent BEGIN: a later CREATE TABLE joins that
    transaction, and rollback() undoes both the row and the table."""
    db = tmp_path / "joined.db"
    with contextlib.closing(sqlite3_default_mode(db)) as connection:
        connection.execute("CREATE TABLE a (id INTEGER)")
        connection.execute("INSERT INTO a VALUES (1)")
        assert connection.in_transaction
        connection.execute("CREATE TABLE b (id INTEGER)")
        connection.rollback()
        assert connection.execute("SELECT count(*) FROM a").fetchone() == (0,)
    assert tables_in(db) == ["a"]
