"""The throwaway servers: each test gets its own empty database, and a stopped server leaves nothing behind."""

import os
import re

import pytest
import sqlalchemy as sa

from examples.app.db import DatabaseUnavailable
from tests.engine_servers import started_or_skipped
from tools.engines.mariadb import MariaDBServer
from tools.engines.postgresql import PostgresServer


def test_postgresql_database_is_new_and_empty(postgresql_url: str) -> None:
    engine = sa.create_engine(postgresql_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW server_version").scalar().startswith("15")
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()


def test_postgresql_server_leaves_no_folder_or_process_behind() -> None:
    with started_or_skipped(PostgresServer) as server:
        folder = server.folder
        pid = int((server.data / "postmaster.pid").read_text().split()[0])
    assert not folder.exists()
    assert not _alive(pid)
    # Asked for a database once it is gone, the fixture says so in one line, naming the URL.
    with pytest.raises(DatabaseUnavailable, match=f"^cannot connect to {re.escape(server.url())}: .*Connection refused$"):
        server.create_database()


def test_mariadb_database_is_new_and_empty(mariadb_url: str) -> None:
    engine = sa.create_engine(mariadb_url)
    with engine.connect() as connection:
        assert "MariaDB" in connection.exec_driver_sql("SELECT VERSION()").scalar()
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()


def test_mariadb_server_leaves_no_folder_or_process_behind() -> None:
    with started_or_skipped(MariaDBServer) as server:
        folder = server.folder
        pid = server.process.pid
    assert not folder.exists()
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is not running.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_engine_url_gives_an_empty_database_on_each_engine(engine_url: str) -> None:
    engine = sa.create_engine(engine_url)
    with engine.connect() as connection:
        assert connection.dialect.name in {"sqlite", "postgresql"}
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()
