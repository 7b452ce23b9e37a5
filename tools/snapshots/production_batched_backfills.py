"""Outputs of docs/production/batched-backfills.md: a backfill stopped halfway and resumed,
and the batched and one-transaction backfills timed side by side on the same rows."""

import itertools

from examples.production_batched_backfills import seeded
from examples.production_batched_backfills.backfill import BATCH_SIZE, backfill_in_batches, backfill_in_one_transaction
from examples.production_batched_backfills.halfway import MigrationRun, filled_rows, stopped_at, terminate, version
from examples.production_batched_backfills.probe import WriteProbe
from examples.production_shared.waiting import connection_to
from tools.engines import shared
from tools.snapshots import scenario

ROWS = 50_000
HELD_EVENT = ROWS // 2 + 1
_copies = itertools.count()


def log_lines(log: str) -> str:
    return "\n".join(line for line in log.splitlines() if "slug backfill" in line or "Running upgrade" in line)


def resumed_transcript(url: str) -> str:
    with stopped_at(url, HELD_EVENT, MigrationRun) as stop:
        terminate(url, stop.pid)
    killed_log = stop.outcome.message
    error = next(line for line in killed_log.splitlines() if line.startswith("sqlalchemy.exc."))
    after_kill = f"# alembic_version: {version(url)}; events with a slug: {filled_rows(url):,} of {ROWS:,}"
    resumed = MigrationRun(url).finish()
    after_resume = f"# alembic_version: {version(url)}; events with a slug: {filled_rows(url):,} of {ROWS:,}"
    return "\n".join([
        "$ alembic upgrade head        # its connection is ended while it waits at event "
        f"{HELD_EVENT:,}", log_lines(killed_log), error, after_kill, "",
        "$ alembic upgrade head        # run again", log_lines(resumed.message), after_resume,
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
    lines = [f"| | One transaction | Batches of {BATCH_SIZE:,} |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {a} | {b} |" for label, a, b in zip(rows, one_transaction, batched, strict=True)]
    return "\n".join(lines) + "\n"


@scenario("production-batched-backfills")
def batched_backfills() -> dict[str, str]:
    server = shared.postgresql()
    template = server.create_database()
    seeded.prepare(template, ROWS)

    def copy() -> str:
        return seeded.copy_of(server.admin, template, f"backfill_scenario_{next(_copies)}")

    return {
        "resumed.txt": resumed_transcript(seeded.at_0002(copy())),
        "comparison.measured.md": comparison(timed(seeded.at_0002(copy()), batched=False),
                                             timed(seeded.at_0002(copy()), batched=True)),
    }
