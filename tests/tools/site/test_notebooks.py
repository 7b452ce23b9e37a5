"""tools/site/notebooks.py: how the build and the tests run a notebook, and how a failure reads."""

import textwrap
from pathlib import Path

import nbformat
import pytest

from tools.common import ROOT
from tools.site.notebooks import NotebookFailed, execute_all, notebook_client, notebook_paths, text_outputs

BROKEN_NOTEBOOK = textwrap.dedent('''\
    # %% [markdown]
    # # A notebook with a bad cell

    # %%
    import os
    print(os.getcwd())

    # %%
    total = 1 + 1

    # %%
    raise ValueError(f"a cell that fails on purpose, after total={total}")

    # %%
    print("never reached")
    ''')


def test_a_failing_cell_is_named_with_its_notebook_number_and_error(tmp_path):
    """The message a broken build shows: which notebook, which cell, which error; the
    cells before it ran in the notebook's own folder, the cells after it never ran."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = folder / "broken.py"
    path.write_text(BROKEN_NOTEBOOK)

    with pytest.raises(NotebookFailed) as failure:
        execute_all([path])

    message = str(failure.value)
    assert message.startswith(f"{path}: cell 4 of 5 raised ValueError: a cell that fails on purpose, after total=2\n")
    assert "the cell starts with: raise ValueError(" in message
    assert "\x1b[" not in message  # the traceback is plain text, no terminal colours
    cells = failure.value.notebook.cells
    assert cells[1].outputs[0]["text"].strip() == str(folder)  # the kernel's working directory
    assert cells[4].get("outputs", []) == []


def test_notebooks_are_the_jupytext_files_of_docs_notebooks():
    names = [p.name for p in notebook_paths()]
    assert names, "no notebook found in docs/notebooks/"
    assert all(name.endswith(".py") for name in names)
    assert "step-through-migrations.py" in names


def test_text_outputs_keep_streams_and_markdown_in_order():
    """Streams joined as written (a print may arrive in pieces), each display on its own line."""
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                outputs=[
                    nbformat.v4.new_output("stream", name="stdout", text="first\n"),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "**second**", "text/plain": "<M>"}),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "third"}, execution_count=1),
                ],
            )
        ]
    )
    assert text_outputs(notebook) == "first\n**second**\nthird\n"
    split = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "print('upgrade failed:', error)",
                outputs=[
                    nbformat.v4.new_output("stream", name="stdout", text="upgrade failed:"),
                    nbformat.v4.new_output("stream", name="stdout", text=" boom\n"),
                ],
            )
        ]
    )
    assert text_outputs(split) == "upgrade failed: boom\n"  # one print, two messages


def test_a_broken_migration_fails_the_notebook_with_the_cell_and_the_error(project_copy):
    """A notebook imports the code of the clone it sits in (found from its folder), so a
    revision that breaks stops it at the cell that ran the revision, with the error."""
    revision = project_copy / "migrations" / "versions" / "0003_add_event_capacity.py"
    text = revision.read_text(encoding="utf-8")
    revision.write_text(
        text.replace("def upgrade() -> None:\n", "def upgrade() -> None:\n    raise ValueError('0003 broken on purpose')\n", 1)
    )
    notebook = project_copy / "docs" / "notebooks" / "step-through-migrations.py"

    with pytest.raises(NotebookFailed) as failure:
        execute_all([notebook])

    message = str(failure.value)
    assert f"{notebook}: cell " in message.splitlines()[0]
    assert "raised ValueError: 0003 broken on purpose" in message.splitlines()[0]
    assert "the cell starts with: for step in chain[1:]:" in message


def test_each_kernel_listens_on_sockets_of_its_own_not_on_tcp_ports():
    """A TCP port is picked free and then bound by the kernel, and a kernel started meanwhile by
    the other test worker could take it ("Address already in use"): kernels use Unix sockets,
    named apart for each kernel, outside the project."""
    path = notebook_paths()[0]
    managers = [notebook_client(path, nbformat.v4.new_notebook()).create_kernel_manager() for _ in range(2)]
    assert [manager.transport for manager in managers] == ["ipc", "ipc"]
    first, second = (Path(manager.ip) for manager in managers)
    assert first.is_absolute() and not first.is_relative_to(ROOT), f"kernel sockets at {first}"
    assert first != second, "two kernels would share their sockets"
