"""A private MariaDB server in a temporary folder.

    with MariaDBServer.started() as server:
        url = server.create_database("t1")   # mysql+pymysql://root@127.0.0.1:PORT/t1

Used for what the site says about MySQL/MariaDB (DDL commits at once), nothing more.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tools.engines._process import (
    PrivateServer,
    ServerFailed,
    ServerUnavailable,
    free_port,
    orphans,
    private_folder,
    remove,
    run,
    stop_orphan,
)

INSTALL_HINT = "install Debian's server with `apt-get install -y mariadb-server` (make test does)"

PREFIX = "handbook-mariadb-"  # of the private folder in servers_root()


def find_binaries() -> tuple[str, str]:
    server = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin")
    install = shutil.which("mariadb-install-db")
    if not server or not install:
        raise ServerUnavailable(f"MariaDB server binaries (mariadbd, mariadb-install-db) not found: {INSTALL_HINT}")
    return server, install


class MariaDBServer(PrivateServer):
    def __init__(self, folder: Path, port: int):
        super().__init__(folder, port)
        self.process: subprocess.Popen | None = None

    @classmethod
    @contextlib.contextmanager
    def started(cls) -> Iterator["MariaDBServer"]:
        server_bin, install_bin = find_binaries()
        for orphan in orphans(PREFIX):
            stop_orphan(orphan, orphan / "pid", signal.SIGKILL)  # throwaway data: no clean shutdown needed
        folder = private_folder(PREFIX, None)
        server = cls(folder, free_port())
        try:
            server._start(server_bin, install_bin)
            yield server
        finally:
            server._stop()
            remove(folder)

    def _start(self, server_bin: str, install_bin: str) -> None:
        data = self.folder / "data"
        user = ["--user=root"] if os.geteuid() == 0 else []
        # Its own temporary folder: in the shared /tmp, another process removed a temporary
        # table file of a bootstrap under way, and mariadb-install-db failed.
        tmpdir = self.folder / "tmp"
        tmpdir.mkdir()
        run([install_bin, "--no-defaults", f"--datadir={data}", *user, "--auth-root-authentication-method=normal",
             "--skip-test-db", f"--tmpdir={tmpdir}"], "mariadb-install-db", timeout=120)
        self.process = subprocess.Popen(
            [server_bin, "--no-defaults", f"--datadir={data}", *user, f"--tmpdir={tmpdir}",
             f"--socket={self.folder / 'sock'}",
             f"--port={self.port}", "--bind-address=127.0.0.1", f"--pid-file={self.folder / 'pid'}",
             "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0", f"--log-error={self.folder / 'server.log'}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not (self.folder / "sock").exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise ServerFailed(f"mariadbd did not start: {self.log()[-2000:]}")
            time.sleep(0.05)

    def _stop(self) -> None:
        self.dispose_admin()
        if self.process is not None and self.process.poll() is None:
            # Killed, not shut down: its data is removed next, and on a busy machine a SIGTERM
            # shutdown sometimes outlasted a 30-second wait.
            self.process.kill()
            self.process.wait()

    def url(self, database: str = "") -> str:
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/{database}"

    def create_database_sql(self, name: str) -> str:
        return f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"


__all__ = ["INSTALL_HINT", "MariaDBServer", "ServerFailed", "ServerUnavailable"]
