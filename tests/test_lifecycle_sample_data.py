"""The lifecycle's starting database: created at 0002 with the sample rows, never over an existing one."""

from examples.lifecycle.sample_data import EVENTS, USERS, main
from tests.lifecycle_support import file_digest, rows


def test_the_starting_database_is_at_0002_with_the_sample_rows(tmp_path, monkeypatch, capsys):
    """`python -m examples.lifecycle.sample_data` creates the file the pages start from."""
    url = f"sqlite:///{tmp_path / 'var' / 'lifecycle.db'}"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert main() == 0
    assert capsys.readouterr().out == "created lifecycle.db at revision 0002 with 3 users and 4 events\n"
    assert rows(url, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert rows(url, "SELECT id, email FROM users ORDER BY id") == [(u["id"], u["email"]) for u in USERS]
    assert rows(url, "SELECT count(*) FROM events") == [(len(EVENTS),)]


def test_an_existing_database_is_never_overwritten(tmp_path, monkeypatch, capsys):
    """Run twice: the second run refuses with exit code 1 and the file is unchanged."""
    url = f"sqlite:///{tmp_path / 'lifecycle.db'}"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    assert main() == 0
    digest = file_digest(url)
    assert main() == 1
    assert "exists already" in capsys.readouterr().err
    assert file_digest(url) == digest
