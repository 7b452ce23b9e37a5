"""Outputs of docs/lifecycle/release.md (tools/outputs/scenarios/_lifecycle.py has the reader's session)."""

from examples.lifecycle.offline_batch import rename_title_offline
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import Reader, checked, reader
from tools.outputs.sql_capture import format_statements, stable_order
from tools.outputs.transcript import python_module


@scenario("lifecycle-release")
def release() -> dict[str, str]:
    """Steps 12 and 13: the script for review, the gate, the upgrade, the check after it."""
    with reader() as r:
        r.python("sample_data")
        return {
            "offline-0002-0004.txt": r.alembic("upgrade 0002:0004 --sql"),
            "offline-batch-fails.txt": r.alembic("upgrade 0004:0005 --sql", expect=255),
            "offline-copy-from.sql": format_statements(stable_order(rename_title_offline().rstrip().rstrip(";").split(";\n\n"))),
            "gate-refuses.txt": r.python("startup_gate", expect=1),
            "upgrade-head.txt": r.alembic("upgrade head"),
            "gate-starts.txt": r.python("startup_gate"),
            "check.txt": r.alembic("check"),
            "downstream-after.txt": downstream(r, expect=1),
        }


def downstream(r: Reader, expect: int) -> str:
    """Step 13's check of the queries other systems run (examples/lifecycle_release/)."""
    code, text = python_module("examples.lifecycle_release.downstream", r.url, cwd=r.folder)
    return checked(code, expect, text)
