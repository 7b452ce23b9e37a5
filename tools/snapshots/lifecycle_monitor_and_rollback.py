"""Outputs of docs/lifecycle/monitor-and-rollback.md added for real deployments:
a release watched on PostgreSQL (step 14) and three ways back compared (step 15)."""

import re
import tempfile
from pathlib import Path

from examples.lifecycle_monitor_and_rollback.watch_release import (
    APP_REQUEST,
    MIGRATION,
    ReleaseRecord,
    database_at_0011,
    release_under_load,
    watch,
)
from tools.engines import shared
from tools.snapshots import scenario
from tools.snapshots.lifecycle import BACKUP, Reader, checked
from tools.transcript import python_module

SHOWN_STATEMENTS = ("CREATE INDEX", "INSERT INTO event_attendees (event_id, user_id) VALUES (2, 3)")


def watched_release() -> ReleaseRecord:
    """Revision 0012 on a fresh PostgreSQL database at 0011, watched, with the app writing."""
    server = shared.postgresql()
    url = server.create_database()
    try:
        database_at_0011(url)
        watch(url)
        return release_under_load(url, server.log)
    finally:
        server.drop_database(url.rsplit("/", 1)[1])


def without_times(text: str) -> str:
    """Times change from run to run; the tests check them, the page shows where they appear."""
    return re.sub(r"\d+\.\d+ ms", "… ms", text)


def waiting_table(rows: list[dict]) -> str:
    header = ["session", "wants", "on_table", "behind", "waited_ms"]
    cells = [header] + [[str(row[c]) if c != "waited_ms" else "…" for c in header] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "".join(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in cells)


def shown_log(lines: list[str]) -> str:
    """The lock-wait lines of the two sessions that waited, who held and who queued,
    and their statements' durations."""
    kept = []
    for line in lines:
        session = line.split("] ", 1)[0] + "]"
        if session not in (f"[{MIGRATION}]", f"[{APP_REQUEST}]"):
            continue
        if "still waiting" in line or "acquired" in line:
            kept.append(line)
        elif "DETAIL:" in line and session == f"[{APP_REQUEST}]":
            # The migration's own DETAIL may or may not list the request yet: it is written
            # while the request is being started. The request's always lists both.
            kept.append(line)
        elif "duration:" in line and any(statement in line for statement in SHOWN_STATEMENTS):
            kept.append(line)
    return without_times("\n".join(kept)) + "\n"


@scenario("lifecycle-monitor-and-rollback")
def monitor_and_rollback() -> dict[str, str]:
    record = watched_release()
    return {
        "waiting.txt": waiting_table(record.waiting),
        "server-log.txt": shown_log(record.log),
        "rollback-compare.txt": rollback_comparison(),
    }


def rollback_comparison() -> str:
    """The reader's session at step 15: a backup at 0002, the release to the head, then the comparison."""
    with tempfile.TemporaryDirectory() as tmp:
        reader = Reader(Path(tmp))
        reader.python("sample_data")
        reader.python("backup", f"create {BACKUP}")
        reader.alembic("upgrade head")
        code, text = python_module(
            "examples.lifecycle_monitor_and_rollback.rollback_strategies", reader.url, BACKUP, cwd=reader.folder
        )
        return checked(code, 0, text)
