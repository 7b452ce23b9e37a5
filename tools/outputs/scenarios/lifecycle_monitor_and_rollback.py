"""Outputs of docs/lifecycle/monitor-and-rollback.md (tools/outputs/scenarios/_lifecycle.py has the reader's session)."""

from pathlib import Path

from examples.app.queries import events_attended_by_statement
from examples.lifecycle.sample_data import production_database
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import BACKUP, reader


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


@scenario("lifecycle-monitor-and-rollback")
def monitor_and_rollback() -> dict[str, str]:
    return monitor() | rollback()
