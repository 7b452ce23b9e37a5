"""MkDocs hooks: execute the notebooks of docs/notebooks/ on every build, concurrently.

mkdocs-jupyter can execute a notebook itself, but one at a time, while MkDocs waits,
and its cache keys on the notebook's bytes only (a changed migration would leave the
old output on the page). Instead:

* `on_config` starts `python -m tools.notebooks`, which runs every notebook's
  kernel at once, in its own process, while MkDocs loads the theme and renders the
  other pages (a process, not a thread: the two do not queue for one GIL, and a
  build that fails elsewhere stops it at once);
* `on_files` replaces each `docs/notebooks/<name>.py` with the executed
  `notebooks/<name>.ipynb` it will get (the name the nav uses), rendered last;
* `on_pre_page` waits for it when the first notebook page comes up; a cell that
  failed stops the build with the notebook, the cell and the error.

mkdocs-jupyter (`execute: false`, `cache: false` in mkdocs.yml) only renders the
executed notebooks, and `include_source` publishes each one next to its page, for
the download button (overrides/partials/notebook-download.html).
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `mkdocs serve` run outside the venv's editable install
    sys.path.insert(0, str(ROOT))

from tools.notebooks import NOTEBOOK_FOLDER, notebook_paths  # noqa: E402

# mkdocs-jupyter's `include` pattern matches this folder: it renders executed notebooks only.
EXECUTED_FOLDER = "executed-notebooks"


class NotebookRun:
    """One build's notebooks: their execution in a child process, and where the results go."""

    def __init__(self, docs_dir: Path):
        self.sources = notebook_paths(docs_dir)
        self.docs_dir = docs_dir
        # Executed notebooks land in <folder>/notebooks/<name>.ipynb, mirroring docs/.
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-notebooks-")) / EXECUTED_FOLDER
        self.errors = self.folder.parent / "errors.txt"
        with self.errors.open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tools.notebooks", str(self.folder / NOTEBOOK_FOLDER), *map(str, self.sources)],
                cwd=ROOT, stdout=errors, stderr=subprocess.STDOUT,
            )

    def src_uri(self, source: Path) -> str:
        return source.relative_to(self.docs_dir).with_suffix(".ipynb").as_posix()

    def wait(self) -> None:
        if self.process.wait() != 0:
            raise PluginError(f"A notebook cell failed:\n{self.errors.read_text().strip()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # its kernels notice their parent is gone and exit
            self.process.wait()

    def clean(self) -> None:
        shutil.rmtree(self.folder.parent, ignore_errors=True)


_run: NotebookRun | None = None


def on_config(config):
    global _run
    _run = NotebookRun(Path(config.docs_dir))
    return config


@event_priority(50)  # before mkdocs-jupyter's on_files, so it wraps the executed notebooks
def on_files(files: Files, config) -> Files:
    for source in _run.sources:
        original = files.get_file_from_path(source.relative_to(_run.docs_dir).as_posix())
        if original is not None:
            files.remove(original)  # the jupytext source: not published
        # Appended last: the notebook pages are rendered after every other page.
        files.append(File(_run.src_uri(source), str(_run.folder), config.site_dir, config.use_directory_urls))
    return files


@event_priority(50)
def on_pre_page(page, config, files):
    if page.file.abs_src_path and Path(page.file.abs_src_path).is_relative_to(_run.folder):
        _run.wait()
    return page


# mkdocs-jupyter's template loads MathJax from a CDN, or from "" when `custom_mathjax_url`
# is empty (its default). No notebook here has maths, and the site requests nothing
# from other hosts: drop the empty script tag.
EMPTY_MATHJAX_SCRIPT = re.compile(r'<script src="">\s*</script>')


def on_page_content(html: str, page, config, files) -> str:
    if getattr(page, "nb_url", None):
        return EMPTY_MATHJAX_SCRIPT.sub("", html)
    return html


def on_post_build(config):
    _run.clean()


def on_build_error(error):
    if _run is not None:
        _run.stop()
        _run.clean()
