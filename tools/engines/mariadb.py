"""A private MariaDB server in a temporary folder.

    with MariaDBServer.started() as server:
        url = server.create_database("t1")   # mysql+pymysql://root@127.0.0.1:PORT/t1

Used for what the site says about MySQL/MariaDB (DDL commits at once), nothing more.
"""

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from examples.app.db import report_unavailable
from tools.engines._process import ServerFailed, ServerUnavailable, free_port, private_folder, remove, run

INSTALL_HINT = "install Debian's server with `apt-get install -y mariadb-server` (make test does)"


def find_binaries() -> tuple[str, str]:
    server = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin")
    install = shutil.which("mariadb-install-db")
    if not server or not install:
        raise ServerUnavailable(f"MariaDB server binaries (mariadbd, mariadb-install-db) not found: {INSTALL_HINT}")
    return server, install


class MariaDBServer:
    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.process: subprocess.Popen | None = None
        self._engine: sa.Engine | None = None
        self._created = 0

    @classmethod
    @contextlib.contextmanager
    def started(cls) -> Iterator["MariaDBServer"]:
        server_bin, install_bin = find_binaries()
        folder = private_folder("handbook-mariadb-", None)
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
        run([install_bin, "--no-defaults", f"--datadir={data}", *user, "--auth-root-authentication-method=normal",
             "--skip-test-db"], "mariadb-install-db", timeout=120)
        self.process = subprocess.Popen(
            [server_bin, "--no-defaults", f"--datadir={data}", *user, f"--socket={self.folder / 'sock'}",
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
        if self._engine is not None:
            self._engine.dispose()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def url(self, database: str = "") -> str:
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/{database}"

    @property
    def admin(self) -> sa.Engine:
        if self._engine is None:
            self._engine = report_unavailable(
                sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
            )
        return self._engine

    def create_database(self, name: str | None = None) -> str:
        if name is None:
            self._created += 1
            name = f"test_{os.getpid()}_{self._created}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        return self.url(name)

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


__all__ = ["MariaDBServer", "ServerFailed", "ServerUnavailable", "INSTALL_HINT"]
