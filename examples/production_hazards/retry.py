"""Run `alembic upgrade` again when PostgreSQL's lock_timeout stopped it.

A lock timeout is the clean failure env.py asks for: the revision's transaction rolled
back, nothing changed, the app's queries went on. Trying again a little later, a few
times, is how a deploy step turns "someone held the table" into a short delay.
"""

import time
from collections.abc import Callable

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for "canceling statement due to lock timeout"


# --8<-- [start:retry]
def upgrade_with_retries(
    config: Config,
    target: str = "head",
    *,
    attempts: int = 5,
    pause: float = 2.0,
    wait: Callable[[float], None] = time.sleep,
) -> int:
    """Upgrade to `target`; on a lock timeout wait `pause` seconds (doubling each time)
    and try again, at most `attempts` times. Returns the attempt that succeeded."""
    for attempt in range(1, attempts + 1):
        try:
            command.upgrade(config, target)
            return attempt
        except sa.exc.OperationalError as error:
            if getattr(error.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE or attempt == attempts:
                raise
            print(f"attempt {attempt}: lock timeout, nothing changed; retrying in {pause:g}s")
            wait(pause)
            pause *= 2
    raise AssertionError("unreachable")
# --8<-- [end:retry]
