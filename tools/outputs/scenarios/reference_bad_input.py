"""Outputs of docs/reference/bad-input.md: each bad input given to the handbook's
`alembic` commands, its exit code, its message and what it changed
(tools/outputs/bad_input_matrix.py).

The runs are kept for the process: the page's tests assert on the same ones."""

from tools.outputs.bad_input_matrix import markdown_table, shared_matrix
from tools.outputs.scenarios import scenario


@scenario("reference-bad-input")
def reference_bad_input() -> dict[str, str]:
    return {"matrix.md": markdown_table(shared_matrix())}
