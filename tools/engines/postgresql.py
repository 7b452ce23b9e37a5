"""A private PostgreSQL cluster in a temporary folder.

    with PostgresServer.started() as server:
        url = server.create_database("t1")   # postgresql+psycopg://postgres@127.0.0.1:PORT/t1

`initdb` refuses to run as root, so as root the cluster belongs to the `postgres` OS
user (it exists wherever Debian's server package is installed).
"""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tools.engines._process import (
    PrivateServer,
    ServerFailed,
    ServerUnavailable,
    as_user,
    free_port,
    kill_and_wait,
    orphans,
    private_folder,
    remove,
    run,
    stop_orphan,
)

INSTALL_HINT = "install Debian's server with `apt-get install -y postgresql` (make test does)"

PREFIX = "handbook-pg-"  # of the private folder in servers_root()


def find_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise ServerUnavailable(f"PostgreSQL server binaries (initdb, pg_ctl) not found: {INSTALL_HINT}")
    return Path(candidates[-1]).parent


def server_user() -> str | None:
    return "postgres" if os.geteuid() == 0 else None


class PostgresServer(PrivateServer):
    def __init__(self, folder: Path, port: int, bin_dir: Path, user: str | None):
        super().__init__(folder, port)
        self.bin_dir = bin_dir
        self.user = user

    @classmethod
    @contextlib.contextmanager
    def started(cls) -> Iterator["PostgresServer"]:
        """Start a cluster; stop it and delete its folder on the way out, whatever happens."""
        bin_dir = find_bin_dir()
        user = server_user()
        for orphan in orphans(PREFIX):
            stop_orphan(orphan, orphan / "data" / "postmaster.pid", signal.SIGQUIT)
        folder = private_folder(PREFIX, user)
        server = cls(folder, free_port(), bin_dir, user)
        try:
            server._start()
            yield server
        finally:
            server._stop()
            remove(folder)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _start(self) -> None:
        run(as_user([str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], self.user), "initdb", timeout=120)
        # No fsync: a throwaway cluster need not survive a power cut, and tests run faster.
        options = (f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        run(as_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
                     "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start"], self.user), "pg_ctl start")

    def _stop(self) -> None:
        self.dispose_admin()
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().split()[0])
        try:
            stopped = subprocess.run(as_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                              "-w", "stop"], self.user), capture_output=True, timeout=60).returncode == 0
        except subprocess.SubprocessError:
            stopped = False
        if not stopped:
            # pg_ctl failed or was interrupted: stop the postmaster itself (SIGQUIT is an
            # immediate shutdown), so removing the folder never leaves a server running.
            kill_and_wait(pid, signal.SIGQUIT)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database_sql(self, name: str) -> str:
        # From template0, so nothing a test left in template1 leaks in.
        return f'CREATE DATABASE "{name}" TEMPLATE template0'

    def database_names(self) -> set[str]:
        with self.admin.connect() as connection:
            return set(connection.exec_driver_sql("SELECT datname FROM pg_database").scalars())

    def drop_database(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


__all__ = ["INSTALL_HINT", "PostgresServer", "ServerFailed", "ServerUnavailable", "find_bin_dir"]
