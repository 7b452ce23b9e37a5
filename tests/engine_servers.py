"""Fixtures for the throwaway PostgreSQL and MariaDB servers (tools/engines/).

One server per engine per test session (per xdist worker), started on first use and
stopped at the end of the session, also after a failure or Ctrl-C. Each test gets a
database of its own. On a machine without the server binaries the tests that need them
are skipped with one line that says how to get them, except under CI (`CI` set),
where a missing server fails the run.
"""

import contextlib
import os
from collections.abc import Iterator

import pytest

from tools.engines import shared
from tools.engines._process import ServerUnavailable
from tools.engines.mariadb import MariaDBServer, find_binaries
from tools.engines.postgresql import PostgresServer, find_bin_dir

BINARIES = {PostgresServer: find_bin_dir, MariaDBServer: find_binaries}  # each raises ServerUnavailable


def _skipped(missing: ServerUnavailable) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI is set: a missing server fails the run)", pytrace=False)
    pytest.skip(str(missing))


def binaries_or_skipped(server_class) -> None:
    """Skip the test (or fail it under CI) when `server_class`'s binaries are missing,
    without starting a server."""
    try:
        BINARIES[server_class]()
    except ServerUnavailable as missing:
        _skipped(missing)


@contextlib.contextmanager
def started_or_skipped(server_class) -> Iterator:
    """`server_class.started()`; without the server's binaries the test is skipped with
    one line that says how to get them, or fails when CI is set."""
    context = server_class.started()
    try:
        server = context.__enter__()
    except ServerUnavailable as missing:
        _skipped(missing)
    try:
        yield server
    finally:
        context.__exit__(None, None, None)


def _session_server(server_class) -> Iterator:
    with started_or_skipped(server_class) as server:
        # Scenarios the staleness test runs ask tools.engines.shared: hand them this server.
        shared.use(server)
        try:
            yield server
        finally:
            shared.forget(server)


@pytest.fixture(scope="session", autouse=True)
def _servers_for_scenarios(request: pytest.FixtureRequest) -> Iterator[None]:
    """Scenarios (run by the staleness test) ask tools.engines.shared for a server: give them
    the session's fixture, started on first use, instead of a server of their own."""
    fixtures = {PostgresServer: "postgresql_server", MariaDBServer: "mariadb_server"}
    for server_class, fixture in fixtures.items():
        shared.provide(server_class, lambda fixture=fixture: request.getfixturevalue(fixture))
    yield
    for server_class in fixtures:
        shared.provide(server_class, None)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    yield from _session_server(PostgresServer)


@pytest.fixture
def postgresql_url(postgresql_server: PostgresServer) -> str:
    """A new, empty database on the session's private PostgreSQL."""
    return postgresql_server.create_database()


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDBServer]:
    yield from _session_server(MariaDBServer)


@pytest.fixture
def mariadb_url(mariadb_server: MariaDBServer) -> str:
    """A new, empty database on the session's private MariaDB."""
    return mariadb_server.create_database()


# --8<-- [start:engine_url]
@pytest.fixture(params=["sqlite", "postgresql"])
def engine_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A new, empty database on each engine the chain must work on: one test, two ids."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'engine.db'}"
    return request.getfixturevalue("postgresql_server").create_database()
# --8<-- [end:engine_url]
