"""docs/reference/bad-input.md: each bad input given to the handbook's `alembic` commands
fails with the message and exit code the page shows, and changes nothing (the page's
table is generated from the same functions; its staleness test compares it with a fresh run)."""

import pytest

from tools.outputs.bad_input_matrix import ROWS, Outcome, message, new_revision, project_copy, shared_matrix
from tools.outputs.transcript import alembic

# The first words Alembic's refusal of a revision argument starts with.
CANT_LOCATE = "FAILED: Can't locate revision identified by"


# The staleness test of the page's table runs on the same worker and renders the same runs.
pytestmark = pytest.mark.xdist_group("reference-bad-input")


@pytest.fixture
def outcomes() -> dict[str, Outcome]:
    return shared_matrix()


def refused(outcomes, name: str, code: int, expected: str) -> Outcome:
    """The row's run: assert its exit code, its exact message, and that the state it
    compares is the same before and after."""
    outcome = outcomes[name]
    assert (outcome.code, outcome.message) == (code, expected)
    assert outcome.before == outcome.after, f"{name}: the database or its folder changed"
    return outcome


def test_bad_input_matrix_has_one_test_per_row():
    tests = {name for name in globals() if name.startswith("test_bad_input_")}
    assert len(ROWS) == len(tests) - 1  # this test aside


def test_bad_input_unknown_revision_changes_nothing(outcomes):
    refused(outcomes, "unknown revision", 255, f"{CANT_LOCATE} '0099'")


def test_bad_input_ambiguous_prefix_reads_as_an_unknown_revision(outcomes):
    # Two revisions start with 0013; the command words it as it words an unknown revision.
    refused(outcomes, "ambiguous revision prefix", 255, f"{CANT_LOCATE} '0013'")


def test_bad_input_multiple_heads_changes_nothing(outcomes):
    refused(outcomes, "multiple heads", 255,
            "FAILED: Multiple head revisions are present for given argument 'head'; please specify a specific "
            "target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")


def test_bad_input_version_row_naming_no_revision_changes_nothing(outcomes):
    refused(outcomes, "`alembic_version` names a revision that does not exist", 255, f"{CANT_LOCATE} '0099'")


UNVERSIONED = ("FAILED: sqlite:///<tmp>/chain.db has tables but alembic_version names no revision (table users "
               "already exists): stamp the revision its schema matches (alembic stamp <revision>), then upgrade; "
               "the run was rolled back")


def test_bad_input_empty_version_table_fails_in_one_line_naming_the_cause(outcomes):
    refused(outcomes, "`alembic_version` empty, tables present", 255, UNVERSIONED)


def test_bad_input_missing_version_table_fails_in_one_line_naming_the_cause(outcomes):
    outcome = refused(outcomes, "`alembic_version` missing, tables present", 255, UNVERSIONED)
    # The table Alembic created for the run went with the rollback.
    assert "alembic_version" not in outcome.after[0].rows


def test_bad_input_empty_version_table_on_postgresql_fails_in_one_line_naming_the_cause(outcomes,
                                                                                          postgresql_server):
    refused(outcomes, "`alembic_version` empty, tables present (PostgreSQL)", 255,
            "FAILED: postgresql+psycopg://postgres@127.0.0.1:<port>/<database> has tables but alembic_version names "
            'no revision (relation "users" already exists): stamp the revision its schema matches '
            "(alembic stamp <revision>), then upgrade; the run was rolled back")


def test_a_revision_that_fails_on_a_versioned_database_keeps_its_traceback(tmp_path):
    """Only the errors above become one line: a revision's own failure, here a table it
    creates that exists already on a database at 0012, still shows the exception."""
    project = project_copy(tmp_path)
    new_revision(project, '-m "create users again" --rev-id 0013')
    revision = next((project / "migrations" / "versions").glob("0013_*.py"))
    revision.write_text(revision.read_text().replace(
        "def upgrade() -> None:\n    pass", 'def upgrade() -> None:\n    op.create_table("users", sa.Column("id", sa.Integer))'))
    url = f"sqlite:///{tmp_path / 'chain.db'}"
    assert alembic("upgrade 0012", url, cwd=project)[0] == 0
    code, transcript = alembic("upgrade head", url, cwd=project)
    assert (code, message(transcript)) == (1, "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) "
                                              "table users already exists")
    assert "Traceback (most recent call last):" in transcript


def created_by_design(outcomes, name: str) -> set[str]:
    """A row whose input is not bad: it must reach head. What it created."""
    outcome = outcomes[name]
    assert (outcome.code, outcome.message) == (0, HEAD_REACHED)
    return set(outcome.after) - set(outcome.before)


HEAD_REACHED = "INFO  [alembic.runtime.migration] Running upgrade 0011 -> 0012, index event_attendees by user"


def test_bad_input_no_url_anywhere_creates_var_handbook_db_where_the_command_runs(outcomes):
    assert created_by_design(outcomes, "no URL given anywhere") == {"var", "var/handbook.db"}


def test_bad_input_folder_that_does_not_exist_is_created_for_the_sqlite_file(outcomes):
    assert created_by_design(outcomes, "SQLite file in a folder that does not exist") == {"new", "new/app.db"}


def test_bad_input_unknown_url_scheme_opens_nothing(outcomes):
    refused(outcomes, "URL with an unknown scheme", 255,
            "FAILED: not a usable database URL: sqlserverr://handbook:***@db.example/handbook "
            "(Can't load plugin: sqlalchemy.dialects:sqlserverr)")


def test_bad_input_postgresql_server_down_hides_the_password(outcomes):
    refused(outcomes, "PostgreSQL server down", 255,
            "FAILED: cannot connect to postgresql+psycopg://handbook:***@127.0.0.1:<port>/handbook: connection "
            'failed: connection to server at "127.0.0.1", port <port> failed: Connection refused')


def test_bad_input_postgresql_missing_database_is_not_created(outcomes, postgresql_server):
    outcome = refused(outcomes, "PostgreSQL database does not exist", 255,
                      "FAILED: cannot connect to postgresql+psycopg://postgres:***@127.0.0.1:<port>/no_such_database: "
                      'connection failed: connection to server at "127.0.0.1", port <port> failed: '
                      'FATAL: database "no_such_database" does not exist')
    assert "no_such_database" not in outcome.after


def test_bad_input_locked_sqlite_file_fails_in_one_line(outcomes):
    refused(outcomes, "SQLite file locked by another connection", 255,
            "FAILED: cannot write to sqlite:///<tmp>/locked.db: database is locked; the run was rolled back")


def test_bad_input_read_only_sqlite_file_fails_in_one_line_and_creates_nothing(outcomes):
    # The folder compared is the one the command runs in: a "file:" folder made there
    # (a URI filename taken for a path) fails this as much as a changed row does.
    refused(outcomes, "SQLite file opened read-only", 255,
            "FAILED: cannot write to sqlite:///file:<tmp>/project/readonly.db?mode=ro&uri=true: "
            "attempt to write a readonly database; the run was rolled back")


def test_bad_input_full_disk_fails_in_one_line(outcomes):
    refused(outcomes, "disk full (the file may not grow)", 255,
            "FAILED: cannot write to sqlite:///<tmp>/full.db: disk I/O error; the run was rolled back")

