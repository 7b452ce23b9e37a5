"""Execute the handbook's notebooks with a real kernel, all at once.

The notebooks are jupytext text (`# %%` cells) in docs/notebooks/, so a diff shows
code, not JSON. The MkDocs hook (tools/site/hooks/notebooks.py) runs them on every build,
through this module's command line, and the tests run them directly; both end in
`execute_all`, so they cannot disagree.

    python -m tools.site.notebooks OUTPUT_FOLDER NOTEBOOK.py [...]

writes OUTPUT_FOLDER/<name>.ipynb for each notebook, executed; on a failure it
prints which cell failed and exits with status 1.

Each notebook gets its own kernel, started in the notebook's folder (as Jupyter
does), and every kernel runs at the same time: starting a kernel is most of the
cost of a small notebook. A cell that raises stops everything with an error that
names the notebook, the cell and the exception; no cell may fail silently.
"""

import asyncio
import re
import tempfile
import uuid
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, CellExecutionError, DeadKernelError
from traitlets.config import Config

from tools.common import ROOT

NOTEBOOK_FOLDER = "notebooks"  # under docs/
CELL_TIMEOUT_SECONDS = 120
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(Exception):
    """A cell of a notebook raised (or the kernel died): the message says which one."""

    def __init__(self, message: str, notebook: nbformat.NotebookNode):
        super().__init__(message)
        self.notebook = notebook  # with the outputs of the cells that ran


def notebook_paths(docs_dir: Path = ROOT / "docs") -> list[Path]:
    """Every notebook of the site: docs/notebooks/*.py (jupytext py:percent)."""
    return sorted((Path(docs_dir) / NOTEBOOK_FOLDER).glob("*.py"))


def read(path: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    # A reader who downloads the executed notebook gets a plain .ipynb, not one paired with a text file.
    notebook.metadata.pop("jupytext", None)
    return notebook


def failing_cell(notebook: nbformat.NotebookNode) -> tuple[int, nbformat.NotebookNode] | None:
    for number, cell in enumerate(notebook.cells, start=1):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return number, cell
    return None


def describe_failure(path: Path, notebook: nbformat.NotebookNode, error: Exception) -> str:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = failing_cell(notebook)
    if isinstance(error, CellExecutionError) and found:
        number, cell = found
        first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
        return (
            f"{shown}: cell {number} of {len(notebook.cells)} raised {error.ename}: {error.evalue}\n"
            f"  the cell starts with: {first_line.strip()}\n\n"
            f"{ANSI.sub('', error.traceback)}"
        )
    return f"{shown}: the notebook did not run to the end: {type(error).__name__}: {ANSI.sub('', str(error))}"


# Kernels talk to their client over Unix sockets, not TCP ports: a port is picked free,
# released, then bound by the kernel, and another process starting a kernel (the other test
# worker, a build) could take it in between ("Address already in use"). Each kernel's sockets
# are files with a name of its own in the temp folder; the kernel manager deletes them at shutdown.
def kernel_config() -> Config:
    sockets = Path(tempfile.gettempdir()) / f"handbook-kernel-{uuid.uuid4().hex}"
    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets)}})


def notebook_client(path: Path, notebook: nbformat.NotebookNode) -> NotebookClient:
    return NotebookClient(
        notebook,
        kernel_name="python3",
        # The kernel's warnings (about its transport, say) are noise in a build log.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        timeout=CELL_TIMEOUT_SECONDS,
        allow_errors=False,
        force_raise_errors=True,  # not even a "raises-exception" tag lets a cell fail
        resources={"metadata": {"path": str(path.parent)}},  # the kernel's working directory
        config=kernel_config(),
    )


async def execute_one(path: Path) -> nbformat.NotebookNode:
    notebook = read(path)
    client = notebook_client(path, notebook)
    try:
        await client.async_execute()
    except (CellControlSignal, DeadKernelError, TimeoutError) as error:
        raise NotebookFailed(describe_failure(path, notebook, error), notebook) from None
    return notebook


async def _execute_concurrently(paths: list[Path]) -> list[nbformat.NotebookNode]:
    # Every notebook runs to its end (or its failure), so every kernel is shut down
    # cleanly; only then is the first failure raised.
    results = await asyncio.gather(*(execute_one(p) for p in paths), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return list(results)


def execute_all(paths: list[Path]) -> dict[Path, nbformat.NotebookNode]:
    """Run every notebook to the end, concurrently; raise NotebookFailed for the first that failed."""
    notebooks = asyncio.run(_execute_concurrently(list(paths)))
    return dict(zip(paths, notebooks, strict=True))


def write_executed(notebooks: dict[Path, nbformat.NotebookNode], folder: Path) -> dict[Path, Path]:
    """Save each executed notebook as `<name>.ipynb` in `folder` (what a reader downloads)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for source, notebook in notebooks.items():
        target = folder / f"{source.stem}.ipynb"
        nbformat.write(notebook, target)
        written[source] = target
    return written


def text_outputs(notebook: nbformat.NotebookNode) -> str:
    """Everything the cells printed or displayed as text or Markdown, in order (for assertions).

    Streams are joined as written: one print() can reach the notebook in several
    pieces. Each displayed item starts on a line of its own.
    """
    text = ""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text += output["text"]
            elif "data" in output:
                data = output["data"]
                shown = data.get("text/markdown") or data.get("text/plain", "")
                text += ("" if not text or text.endswith("\n") else "\n") + shown + "\n"
    return text


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m tools.site.notebooks", description="Execute notebooks, all at once.")
    parser.add_argument("output", type=Path, help="folder for the executed <name>.ipynb files")
    parser.add_argument("notebooks", type=Path, nargs="+", help="jupytext notebooks (.py)")
    options = parser.parse_args(argv)
    missing = [str(p) for p in options.notebooks if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    try:
        notebooks = execute_all([p.resolve() for p in options.notebooks])
    except NotebookFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    write_executed(notebooks, options.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
