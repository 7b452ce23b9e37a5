"""The throwaway servers: each test gets its own empty database, and a stopped server leaves nothing behind."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from examples.app.db import DatabaseUnavailable
from tests.engine_servers import binaries_or_skipped, started_or_skipped
from tools.common import ROOT
from tools.engines import _process
from tools.engines._process import OWNER_FILE, orphans
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


START_AND_WAIT = """
import sys, time
from {module} import {cls}
with {cls}.started() as server:
    print(server.folder, flush=True)
    time.sleep(600)
"""


def _orphaned_server(module: str, cls: str) -> Path:
    """A server started by a process that is then SIGKILLed: its folder and server stay behind."""
    child = subprocess.Popen([sys.executable, "-c", START_AND_WAIT.format(module=module, cls=cls)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    folder = Path(child.stdout.readline().strip())
    child.kill()
    child.wait()
    assert folder.is_dir(), "the child did not start its server"
    return folder


@pytest.mark.parametrize(("server_class", "pid_file"), [
    (PostgresServer, "data/postmaster.pid"),
    (MariaDBServer, "pid"),
], ids=["postgresql", "mariadb"])
def test_the_next_start_stops_a_server_whose_test_process_was_killed(server_class, pid_file) -> None:
    binaries_or_skipped(server_class)
    folder = _orphaned_server(server_class.__module__, server_class.__name__)
    pid = int((folder / pid_file).read_text().split()[0])
    assert _alive(pid)
    with started_or_skipped(server_class) as server:
        assert server.folder != folder
    assert not folder.exists()
    assert not _alive(pid)


def test_a_server_folder_whose_owner_still_runs_or_is_unknown_is_left_alone(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(_process, "servers_root", lambda: tmp_path)
    mine = tmp_path / "handbook-pg-mine"
    mine.mkdir()
    (mine / OWNER_FILE).write_text(f"{os.getpid()}\n")
    unknown = tmp_path / "handbook-pg-unknown"
    unknown.mkdir()
    assert orphans("handbook-pg-") == []
