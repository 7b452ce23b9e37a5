"""Outputs of docs/reference/bad-input.md: each bad input given to the handbook's
`alembic` commands, its exit code, its message and what it changed
(tools/outputs/bad_input_matrix.py)."""

import tempfile
from pathlib import Path

from tools.outputs.bad_input_matrix import markdown_table, matrix
from tools.outputs.scenarios import scenario


@scenario("reference-bad-input")
def reference_bad_input() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        return {"matrix.md": markdown_table(matrix(Path(tmp)))}
