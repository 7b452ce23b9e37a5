"""Outputs of docs/production/batched-backfills.md: a backfill stopped halfway and resumed,
and the batched and one-transaction backfills timed side by side on the same rows."""

import functools
import itertools

from examples.production_batched_backfills import seeded
from examples.production_batched_backfills.backfill import BATCH_SIZE, backfill_in_batches, backfill_in_one_transaction
from examples.production_batched_backfills.halfway import KilledAndResumed, kill_halfway_then_resume
from examples.production_batched_backfills.probe import WriteProbe
from examples.production_shared.waiting import connection_to
from tools.engines import shared
from tools.outputs.scenarios import scenario

ROWS = 50_000
HELD_EVENT = ROWS // 2 + 1
_copies = itertools.count()


def log_lines(log: str) -> str:
    return "\n".join(line for line in log.splitlines() if "slug backfill" in line or "Running upgrade" in line)


@functools.cache
def template() -> str:
    """A database at 0001 with ROWS events, copied for each run (one per process)."""
    url = shared.postgresql().create_database()
    seeded.prepare(url, ROWS)
    return url


def copy() -> str:
    return seeded.copy_of(shared.postgresql().admin, template(), f"backfill_scenario_{next(_copies)}")


@functools.cache
def killed_and_resumed() -> KilledAndResumed:
    """The run the page shows and its tests assert on, once per process."""
    return kill_halfway_then_resume(seeded.at_0002(copy()), HELD_EVENT)


def state(after: tuple[str | None, int]) -> str:
    return f"# alembic_version: {after[0]}; events with a slug: {after[1]:,} of {ROWS:,}"


def resumed_transcript(run: KilledAndResumed) -> str:
    error = next(line for line in run.killed.message.splitlines() if line.startswith("sqlalchemy.exc."))
    return "\n".join([
        f"$ alembic upgrade head        # its connection is ended while it waits at event {HELD_EVENT:,}",
        log_lines(run.killed.message), error, state(run.after_kill), "",
        "$ alembic upgrade head        # run again", log_lines(run.resumed.message), state(run.after_resume),
    ]) + "\n"


def timed(url: str, batched: bool) -> list[str]:
    level = "AUTOCOMMIT" if batched else "READ COMMITTED"
    with WriteProbe(url) as probe, connection_to(url, isolation_level=level) as connection:
        progress = backfill_in_batches(connection) if batched else backfill_in_one_transaction(connection)
    total = sum(progress.batch_seconds)
    return [f"{progress.rows:,}", f"{progress.batches:,}", f"{total:.2f} s", f"{max(progress.batch_seconds):.2f} s",
            f"{probe.longest_wait:.2f} s"]


def comparison(one_transaction: list[str], batched: list[str]) -> str:
    rows = ["Rows filled", "Transactions", "Total time", "Longest transaction",
            "Longest wait of a session locking event 1 meanwhile"]
    lines = [f"| Measured | One transaction | Batches of {BATCH_SIZE:,} |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {a} | {b} |" for label, a, b in zip(rows, one_transaction, batched, strict=True)]
    return "\n".join(lines) + "\n"


@scenario("production-batched-backfills")
def batched_backfills() -> dict[str, str]:
    return {
        "resumed.txt": resumed_transcript(killed_and_resumed()),
        "comparison.md": comparison(timed(seeded.at_0002(copy()), batched=False),
                                             timed(seeded.at_0002(copy()), batched=True)),
    }
