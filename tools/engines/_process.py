"""What both server kinds share: a free port, a private folder, running as a plain user."""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from examples.app.db import report_unavailable


class ServerUnavailable(RuntimeError):
    """The server's binaries are not on this machine."""


class ServerFailed(RuntimeError):
    """The server was found but would not start; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


OWNER_FILE = "owner.pid"

# Servers' data lives in memory when the machine has room there: a throwaway cluster
# writes about a gigabyte a run (copied databases, WAL), and on a disk the kernel writes
# that back and then discards it, which made deleting the folder take up to 20 s.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 4 * 1024**3  # bytes free there; Docker's default /dev/shm (64 MB) falls back to disk


def servers_root() -> Path:
    """Where servers' folders are made: /dev/shm when it is a writable folder with room, else the temp dir."""
    try:
        usage = shutil.disk_usage(MEMORY_FOLDER)
    except OSError:
        usage = None
    if usage is not None and usage.free >= MEMORY_NEEDED and os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
        return MEMORY_FOLDER
    return Path(tempfile.gettempdir())


def private_folder(prefix: str, owner: str | None) -> Path:
    """A new folder under servers_root(), owned by `owner` when one is given.

    It holds the pid of the process that made it: if that process dies without
    stopping its server (SIGKILL, a killed CI job), the next start finds the orphan."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=servers_root()))
    (folder / OWNER_FILE).write_text(f"{os.getpid()}\n")
    if owner is not None:
        entry = pwd.getpwnam(owner)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    return folder


def as_user(command: list[str], user: str | None) -> list[str]:
    """`command`, run as `user` when one is given (root cannot run initdb)."""
    if user is None:
        return command
    return ["runuser", "-u", user, "--", *command]


def run(command: list[str], what: str, timeout: float = 60) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise ServerFailed(f"{what} failed ({result.returncode}): {(result.stderr or result.stdout).strip()}")
    return result


def alive(pid: int) -> bool:
    """Whether `pid` runs. A zombie does not: a server whose parent was killed is
    reparented to PID 1, which in a container may never reap it."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def orphans(prefix: str) -> list[Path]:
    """Folders of servers whose starting process is gone. A folder without an owner
    file, or whose owner still runs, belongs to someone else and is left alone."""
    found = []
    for folder in servers_root().glob(prefix + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if not alive(owner):
            found.append(folder)
    return found


def runs_from(pid: int, folder: Path) -> bool:
    """Whether process `pid` was started on `folder` (its command line names it): a pid
    file left behind may name a number the system has since given to another process."""
    try:
        return str(folder) in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def stop_orphan(folder: Path, pid_file: Path, sig: int) -> None:
    """Stop the server an orphaned folder's pid file names, if it still runs from there, and remove the folder."""
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        pid = None
    if pid is not None and runs_from(pid, folder):
        kill_and_wait(pid, sig)
    remove(folder)


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class PrivateServer:
    """What both servers do once running: an admin engine, new databases, the server's log."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self._engine: sa.Engine | None = None
        self._created = 0

    def url(self, database: str = "") -> str:
        raise NotImplementedError

    def create_database_sql(self, name: str) -> str:
        raise NotImplementedError

    @property
    def admin(self) -> sa.Engine:
        """An autocommit engine on the server's default database, for CREATE/DROP DATABASE."""
        if self._engine is None:
            self._engine = report_unavailable(
                sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
            )
        return self._engine

    def dispose_admin(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def create_database(self, name: str | None = None) -> str:
        """A new empty database, named after this process unless `name` is given; returns its URL."""
        if name is None:
            self._created += 1
            name = f"test_{os.getpid()}_{self._created}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(self.create_database_sql(name))
        return self.url(name)

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""
def kill_and_wait(pid: int, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal a process this module started (not our child: pg_ctl detached it) and wait
    until it is gone, then SIGKILL it if it is still there."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return
        time.sleep(0.05)  # not a child: no wait() to block on
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
