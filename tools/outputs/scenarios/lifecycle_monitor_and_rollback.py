"""Outputs of docs/lifecycle/monitor-and-rollback.md (tools/outputs/scenarios/_lifecycle.py has the reader's session):
query plans and drift (step 14 and 16), a release watched on PostgreSQL (step 14), downgrades,
the restore, and three ways back compared (step 15)."""

import re
from pathlib import Path

from examples.app.queries import events_attended_by_statement
from examples.lifecycle.sample_data import production_database
from examples.lifecycle_monitor_and_rollback.watch_release import (
    APP_REQUEST,
    MIGRATION,
    ReleaseRecord,
    database_at_0011,
    release_under_load,
    watch,
)
from tools.engines import shared
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import BACKUP, checked, reader
from tools.outputs.transcript import python_module

SHOWN_STATEMENTS = ("CREATE INDEX", "INSERT INTO event_attendees (event_id, user_id) VALUES (2, 3)")


def monitor() -> dict[str, str]:
    """Steps 14 and 16: query plans around the index; drift made by hand, then detected."""
    statement = events_attended_by_statement(2)
    outputs = {}
    with reader() as r:
        production_database(Path(r.url.removeprefix("sqlite:///")), "0011")
        outputs["plan-0011.txt"] = r.plan(statement)
        r.alembic("upgrade head")
        outputs["plan-0012.txt"] = r.plan(statement)
        outputs["my-events-query.sql"] = r.plan(statement, sql_only=True)
        outputs["drift-none.txt"] = r.python("drift")
        outputs["hand-edits.txt"] = r.python("drift", "--apply-hand-edits")
        outputs["check-drift.txt"] = r.alembic("check", expect=255)
        outputs["drift-report.txt"] = r.python("drift", expect=1)
    return outputs


def rollback() -> dict[str, str]:
    """Step 15: downgrades that keep the rows, the irreversible step, the restore."""
    with reader() as r:
        r.python("sample_data")
        r.python("backup", f"create {BACKUP}")
        r.alembic("upgrade head")
        return {
            "downgrade-0004.txt": r.alembic("downgrade 0004"),
            "events-after-downgrade.txt": r.rows(
                "events at 0004, after the round trip", "SELECT id, title, location, capacity FROM events ORDER BY id"
            ),
            "downgrade-0003-refused.txt": r.alembic("downgrade 0003", expect=255),
            "current-after-refusal.txt": r.alembic("current"),
            "restore.txt": r.python("backup", f"restore {BACKUP}"),
            "current-after-restore.txt": r.alembic("current"),
        }


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
    return "".join(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in cells)


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
    return monitor() | rollback() | {
        "waiting.txt": waiting_table(record.waiting),
        "server-log.txt": shown_log(record.log),
        "rollback-compare.txt": rollback_comparison(),
    }


def rollback_comparison() -> str:
    """The reader's session at step 15: a backup at 0002, the release to the head, then the comparison."""
    with reader() as r:
        r.python("sample_data")
        r.python("backup", f"create {BACKUP}")
        r.alembic("upgrade head")
        code, text = python_module(
            "examples.lifecycle_monitor_and_rollback.rollback_strategies", r.url, BACKUP, cwd=r.folder
        )
        return checked(code, 0, text)
