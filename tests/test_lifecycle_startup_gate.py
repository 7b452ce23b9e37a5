"""Step 12, release: the app refuses to start unless the database is at the head."""

import pytest

from examples.app.db import make_engine
from examples.lifecycle.startup_gate import DatabaseNotAtHead, main, require_head
from tests.lifecycle_support import database_at, execute, file_digest


def gate(url: str, **options) -> str:
    engine = make_engine(url)
    try:
        return require_head(engine, **options)
    finally:
        engine.dispose()


def test_the_gate_opens_at_head(tmp_path):
    """At the head the gate returns the revision and lets the app start."""
    assert gate(database_at("0012", tmp_path)) == "0012"


def test_a_database_behind_the_code_is_refused_with_what_to_do(tmp_path):
    """A database at 0009 under code for 0012 is refused with the two revisions and the command to run; the gate only reads."""
    url = database_at("0009", tmp_path)
    digest = file_digest(url)
    with pytest.raises(DatabaseNotAtHead, match=r"at revision 0009; this code needs 0012\. Back it up, then run `alembic upgrade head`"):
        gate(url)
    assert file_digest(url) == digest  # the gate only reads


def test_a_database_ahead_of_the_code_is_refused(tmp_path):
    """A revision these scripts do not know means a newer release migrated the database."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DatabaseNotAtHead, match="0099, which this code does not know"):
        gate(url)


def test_the_strict_gate_says_it_rules_out_rolling_deploys_and_names_the_alternative(tmp_path):
    """The refusal of a database ahead of the code says why a rolling deploy cannot
    pass it, and which mode to use instead."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DatabaseNotAtHead) as refusal:
        gate(url)
    assert "rules out a rolling deploy" in str(refusal.value)
    assert "expand/contract" in str(refusal.value) and "--allow-ahead" in str(refusal.value)


def test_allow_ahead_starts_on_a_database_a_newer_release_migrated(tmp_path):
    """In the rolling-deploy mode, old code keeps running once the new release has migrated."""
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    assert gate(url, allow_ahead=True) == "0099"


def test_allow_ahead_still_refuses_a_database_behind_the_code(tmp_path):
    """Tolerating newer migrations never means running on a schema the code has not got yet."""
    url = database_at("0009", tmp_path)
    with pytest.raises(DatabaseNotAtHead, match=r"at revision 0009; this code needs 0012"):
        gate(url, allow_ahead=True)


def test_an_empty_database_is_refused(tmp_path):
    """No alembic_version at all: refused, with the command that creates the schema."""
    with pytest.raises(DatabaseNotAtHead, match="has no Alembic revision"):
        gate(f"sqlite:///{tmp_path / 'empty.db'}")


def test_the_command_exits_1_with_the_reason(tmp_path, monkeypatch, capsys):
    """`python -m examples.lifecycle.startup_gate` exits 1 and prints why on standard error."""
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", database_at("0002", tmp_path))
    assert main([]) == 1
    assert capsys.readouterr().err.startswith("refusing to start: the database is at revision 0002")


def test_the_command_with_allow_ahead_starts_and_says_the_database_is_ahead(tmp_path, monkeypatch, capsys):
    url = database_at("0012", tmp_path)
    execute(url, "UPDATE alembic_version SET version_num = '0099'")
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert main(["--allow-ahead"]) == 0
    assert capsys.readouterr().out == "database at 0099, ahead of this code: starting the app (--allow-ahead)\n"
