"""Outputs of docs/lifecycle/prepare.md (tools/outputs/scenarios/_lifecycle.py has the reader's session)."""

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import BACKUP, reader


@scenario("lifecycle-prepare")
def prepare() -> dict[str, str]:
    """Steps 1 and 2: the starting database, its inventory, a backup."""
    with reader() as r:
        return {
            "sample-data.txt": r.python("sample_data"),
            "current.txt": r.alembic("current"),
            "history-pending.txt": r.alembic("history -r current:"),
            "inventory.txt": r.python("inventory"),
            "backup.txt": r.python("backup", f"create {BACKUP}"),
            "backup-again.txt": r.python("backup", f"create {BACKUP}", expect=1),
        }
