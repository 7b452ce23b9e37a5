"""Outputs of docs/reference/drift.md: each kind of change made outside Alembic on a
database at head, and what `alembic check` reports (tools/outputs/drift_matrix.py)."""

import tempfile
from pathlib import Path

from tools.outputs.drift_matrix import markdown_table, matrix_rows
from tools.outputs.scenarios import scenario


@scenario("reference-drift")
def reference_drift() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        return {"sqlite.md": markdown_table(matrix_rows(Path(tmp)))}
