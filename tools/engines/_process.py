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


class ServerUnavailable(RuntimeError):
    """The server's binaries are not on this machine."""


class ServerFailed(RuntimeError):
    """The server was found but would not start; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def private_folder(prefix: str, owner: str | None) -> Path:
    """A new folder under the system's temp dir, owned by `owner` when one is given."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
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


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def kill_and_wait(pid: int, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal a process this module started (not our child: pg_ctl detached it) and wait
    until it is gone, then SIGKILL it if it is still there."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)  # not a child: no wait() to block on
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
