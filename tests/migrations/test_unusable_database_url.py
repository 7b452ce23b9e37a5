"""A database URL that cannot be used: every command that connects says so in one
line, naming the URL with its password hidden, and changes nothing."""

import pytest

from tools.engines._process import free_port
from tools.engines.postgresql import PostgresServer
from tools.outputs.transcript import alembic, python_module

PASSWORD = "s3cret-pw"
CONNECTING_COMMANDS = ["upgrade head", "downgrade base", "current", "check", "stamp head"]


def failure_lines(transcript: str) -> list[str]:
    """What the command printed, its `$ alembic …` line left out."""
    return transcript.splitlines()[1:]


def assert_one_line_naming(transcript: str, shown_url: str, reason: str) -> None:
    # Alembic prints a failed command as `FAILED: <message>` and logs the same message.
    failed = [line for line in failure_lines(transcript) if line.startswith("FAILED: ")]
    assert len(failed) == 1, transcript
    assert shown_url in failed[0] and reason in failed[0], failed[0]
    assert all(line.endswith(failed[0].removeprefix("FAILED: ")) for line in failure_lines(transcript)), transcript
    assert PASSWORD not in transcript


@pytest.mark.parametrize("args", CONNECTING_COMMANDS)
def test_server_that_is_down_fails_in_one_line_with_the_password_hidden(args):
    port = free_port()  # nothing listens there
    code, transcript = alembic(args, f"postgresql+psycopg://handbook:{PASSWORD}@127.0.0.1:{port}/handbook")
    assert code == 255
    assert_one_line_naming(transcript, f"postgresql+psycopg://handbook:***@127.0.0.1:{port}/handbook",
                           "Connection refused")


def test_missing_database_fails_in_one_line_and_creates_nothing(postgresql_server: PostgresServer):
    before = postgresql_server.database_names()
    url = postgresql_server.url("no_such_database").replace("postgres@", f"postgres:{PASSWORD}@")
    code, transcript = alembic("upgrade head", url)
    assert code == 255
    assert_one_line_naming(transcript, url.replace(PASSWORD, "***"), 'database "no_such_database" does not exist')
    assert postgresql_server.database_names() == before


def test_malformed_url_fails_in_one_line_before_connecting():
    code, transcript = alembic("upgrade head", f"postgresql+psycopg://handbook:{PASSWORD}@127.0.0.1:port/handbook")
    assert code == 255
    assert_one_line_naming(transcript, "postgresql+psycopg://handbook:***@127.0.0.1:port/handbook",
                           "not a usable database URL")


def test_unknown_driver_fails_in_one_line():
    code, transcript = alembic("current", f"postgres+nosuchdriver://handbook:{PASSWORD}@127.0.0.1/handbook")
    assert code == 255
    assert_one_line_naming(transcript, "postgres+nosuchdriver://handbook:***@127.0.0.1/handbook", "Can't load plugin")


@pytest.mark.parametrize("module", ["examples.app.show_schema", "examples.lifecycle.inventory",
                                    "examples.lifecycle.startup_gate", "examples.lifecycle.drift",
                                    "examples.lifecycle.sample_data"])
def test_example_commands_report_a_server_that_is_down_in_one_line(module):
    port = free_port()
    code, transcript = python_module(module, f"postgresql+psycopg://handbook:{PASSWORD}@127.0.0.1:{port}/handbook")
    assert code == 1
    assert failure_lines(transcript) == [
        f'error: cannot connect to postgresql+psycopg://handbook:***@127.0.0.1:{port}/handbook: connection failed: '
        f'connection to server at "127.0.0.1", port {port} failed: Connection refused'
    ]
