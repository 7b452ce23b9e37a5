"""The notebook pages of the built site: executed on every build, downloadable, and a
failing cell stops the build with its name."""

import html
import re
from pathlib import Path

import jupytext
import nbformat

from tests.conftest import build_site
from tools.site.notebooks import notebook_paths

NOTEBOOKS = notebook_paths()


def page_text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_notebook_pages_show_executed_outputs(built_site):
    for source in NOTEBOOKS:
        folder = built_site / "notebooks" / source.stem
        page = folder / "index.html"
        assert page.is_file(), f"no page for {source.name}"
        text = page_text(page)
        executed = nbformat.read(folder / f"{source.stem}.ipynb", as_version=4)
        printed = [o["text"] for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "stream"]
        assert printed, f"{source.name} printed nothing"
        assert all(line in text for chunk in printed for line in chunk.splitlines() if line.strip())
        assert "Traceback" not in text
        assert '<script src="">' not in page.read_text(encoding="utf-8")  # mkdocs-jupyter's empty MathJax tag
    step_through = page_text(built_site / "notebooks" / "step-through-migrations" / "index.html")
    assert "CREATE TABLE users (" in step_through  # SQL captured during this build


def test_each_notebook_page_offers_the_executed_notebook_for_download(built_site):
    """The button links to <name>.ipynb next to the page: the notebook with this build's outputs."""
    for source in NOTEBOOKS:
        folder = built_site / "notebooks" / source.stem
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<a href="{source.stem}\.ipynb" download="{source.stem}\.ipynb"[^>]*aria-label="Download', page)
        notebook = nbformat.read(folder / f"{source.stem}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata.kernelspec.name == "python3"
        assert "jupytext" not in notebook.metadata
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert code and all(cell.execution_count for cell in code)
        assert any(cell.outputs for cell in code)
    other_page = (built_site / "tutorial" / "first-migration" / "index.html").read_text(encoding="utf-8")
    assert "Download the notebook" not in other_page


def only_notebook(project: Path, keep: str) -> Path:
    """Drop the other notebooks (and their nav entries) from a throwaway copy: its build
    then runs one kernel, which is all a build that fails at the notebook needs."""
    mkdocs_yml = project / "mkdocs.yml"
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    for source in (project / "docs" / "notebooks").glob("*.py"):
        if source.stem != keep:
            source.unlink()
            lines = [line for line in lines if f"notebooks/{source.stem}.ipynb" not in line]
    indent = [len(line) - len(line.lstrip()) for line in lines] + [0]
    # A nav section left with no entries ("  - How-to:" followed by a shallower line) goes too.
    lines = [
        line for i, line in enumerate(lines)
        if not (line.strip().startswith("- ") and line.rstrip().endswith(":") and indent[i + 1] <= indent[i])
    ]
    mkdocs_yml.write_text("".join(lines), encoding="utf-8")
    return project / "docs" / "notebooks" / f"{keep}.py"


def test_a_failing_cell_fails_the_build_and_names_the_cell(project_copy, tmp_path):
    """allow_errors is off: a cell that raises is a broken page, not a rendered traceback."""
    source = only_notebook(project_copy, "step-through-migrations")
    text = source.read_text(encoding="utf-8")
    first_markdown = text.index("# %% [markdown]\n# ## Setting up")
    failing = '# %%\nraise LookupError("this cell breaks the page on purpose")\n\n'
    source.write_text(text[:first_markdown] + failing + text[first_markdown:], encoding="utf-8")
    cells = len(jupytext.read(source).cells)

    result = build_site(project_copy, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed with a failing notebook cell"
    assert (
        f"docs/notebooks/step-through-migrations.py: cell 2 of {cells} raised LookupError: "
        "this cell breaks the page on purpose" in output
    ), output
    assert 'the cell starts with: raise LookupError("this cell breaks the page on purpose")' in output


def test_a_changed_migration_shows_on_the_next_build(built_site, warm_project_copy, tmp_path):
    """No stale output: the notebooks run on every build against the migrations of the
    working tree, so an edited revision shows on the page with no manual step."""
    # Every notebook stays (dropping one would change mkdocs.yml, and every page with it):
    # the copy starts with the caches of the session's build, and none of them may hide the edit.
    revision = warm_project_copy / "migrations" / "versions" / "0002_create_events.py"
    text = revision.read_text(encoding="utf-8")
    old_message, new_message = '"""create events table\n', '"""create events table, edited after the last build\n'
    assert text.startswith(old_message)
    revision.write_text(text.replace(old_message, new_message, 1), encoding="utf-8")
    page = Path("notebooks") / "step-through-migrations" / "index.html"
    assert "edited after the last build" not in page_text(built_site / page)

    result = build_site(warm_project_copy, tmp_path / "site")

    assert result.returncode == 0, result.stdout + result.stderr
    text = page_text(tmp_path / "site" / page)
    assert "0002  follows 0001       create events table, edited after the last build" in text  # the chain
    assert "Upgrade to 0002: create events table, edited after the last build" in text  # its step
