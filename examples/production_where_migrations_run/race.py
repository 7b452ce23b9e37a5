"""Two app replicas run `alembic upgrade head` against one PostgreSQL database at the same moment.

"The same moment" is made exact, not left to timing: before the replicas start, a
session of ours creates `alembic_version` in a transaction it keeps open. Each replica
looks for the table, does not see it (it is not committed), tries to create it and
queues behind our transaction. Once both are queued we roll back, and both go on from
the same line of Alembic, as two replicas started in the same instant would.
"""

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from examples.app.db import DATABASE_URL_ENV
from examples.production_shared.waiting import WAIT_LIMIT_SECONDS, connection_to, wait_for_lock_waiters

ROOT = Path(__file__).resolve().parents[2]
# The revision the replicas migrate to, as two app replicas would at start-up.
TARGET = "head"


@dataclass(frozen=True)
class Replica:
    """What one `alembic upgrade head` process did."""

    returncode: int
    log: str  # Alembic logs to stderr

    @property
    def ran_revisions(self) -> list[str]:
        return [line.split("Running upgrade", 1)[1].strip() for line in self.log.splitlines() if "Running upgrade" in line]

    @property
    def error(self) -> str:
        """The last lines of the traceback: the exception and the SQL it names."""
        lines = self.log.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("sqlalchemy.exc.")]
        return "\n".join(lines[starts[-1]:]) if starts else ""


# --8<-- [start:replica]
def start_replica(url: str, target: str, *, migration_lock: bool = True) -> subprocess.Popen:
    """`alembic upgrade <target>`, as a replica's start-up command runs it."""
    switch = [] if migration_lock else ["-x", "migration_lock=off"]
    return subprocess.Popen(
        [sys.executable, "-m", "alembic", *switch, "upgrade", target],
        cwd=ROOT, env={**os.environ, DATABASE_URL_ENV: url},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
# --8<-- [end:replica]


@contextlib.contextmanager
def version_table_held(url: str) -> Iterator[sa.Connection]:
    """A transaction that has created alembic_version and neither commits nor gives way."""
    with connection_to(url) as connection:
        connection.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        try:
            yield connection
        finally:
            connection.rollback()


def ended_early(processes: list[subprocess.Popen]) -> str | None:
    for process in processes:
        if process.poll() is not None:
            return f"a replica ended before queueing (exit {process.returncode}):\n{process.stderr.read()}"
    return None


def finish(process: subprocess.Popen) -> Replica:
    _, log = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    return Replica(process.returncode, log)


# --8<-- [start:race]
def race(url: str, target: str = TARGET, *, migration_lock: bool = True) -> list[Replica]:
    """Two replicas migrate the empty database at `url` to `target` from the same instant.

    The replica that migrated comes first, the other second.
    """
    with version_table_held(url):
        processes = [start_replica(url, target, migration_lock=migration_lock) for _ in range(2)]
        wait_for_lock_waiters(url, len(processes), lambda: ended_early(processes))
    # Our transaction rolled back: both replicas go on from the same line.
    replicas = [finish(process) for process in processes]
    return sorted(replicas, key=lambda replica: (replica.returncode, -len(replica.ran_revisions)))
# --8<-- [end:race]
