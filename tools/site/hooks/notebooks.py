"""MkDocs hooks: execute the notebooks of docs/notebooks/ on every build, concurrently.

mkdocs-jupyter can execute a notebook itself, but one at a time, while MkDocs waits,
and its cache keys on the notebook's bytes only (a changed migration would leave the
old output on the page). Instead:

* `on_config` starts `python -m tools.site.notebooks`, which runs every notebook's
  kernel at once, in its own process, while MkDocs loads the theme and renders the
  other pages (a process, not a thread: the two do not queue for one GIL, and a
  build that fails elsewhere stops it at once);
* `on_files` replaces each `docs/notebooks/<name>.py` with the executed
  `notebooks/<name>.ipynb` it will get (the name the nav uses), rendered last;
* `on_pre_page` waits for it when the first notebook page comes up; a cell that
  failed stops the build with the notebook, the cell and the error.

mkdocs-jupyter (`execute: false` in mkdocs.yml) only renders the executed notebooks;
its cache keys on the executed notebook, outputs included, so a changed output is
converted again. `include_source` publishes each notebook next to its page, for the
download button (overrides/partials/notebook-download.html).
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from tools.common import ROOT
from tools.site import notebook_css, page_cache
from tools.site.notebooks import NOTEBOOK_FOLDER, notebook_paths

# mkdocs-jupyter's `include` pattern matches this folder: it renders executed notebooks only.
EXECUTED_FOLDER = "executed-notebooks"

# Executed notebooks are kept, keyed on everything their outputs can depend on: a Markdown
# edit rebuilds without starting a kernel, a change to a migration or an example runs them
# again. HANDBOOK_NOTEBOOK_CACHE moves the cache (the tests share one across project copies).
CACHE_ENV = "HANDBOOK_NOTEBOOK_CACHE"
INPUT_FOLDERS = ("migrations", "examples", "tools")
INPUT_FILES = ("alembic.ini", "requirements.lock")


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache" / "notebooks")


def inputs_key(sources: list[Path]) -> str:
    """A digest of the notebooks (by name: a project copy's docs/ is not under ROOT) and of
    every file they import or read."""
    notebooks = page_cache.digest(*(part for path in sorted(set(sources)) for part in (path.name, path.read_bytes())))
    inputs = page_cache.tree_files(ROOT, INPUT_FOLDERS, INPUT_FILES)
    return page_cache.digest(notebooks, page_cache.files_digest(ROOT, inputs))[:20]


class NotebookRun:
    """One build's notebooks: their execution in a child process, and where the results go."""

    def __init__(self, docs_dir: Path):
        self.sources = notebook_paths(docs_dir)
        self.docs_dir = docs_dir
        # Executed notebooks land in <folder>/notebooks/<name>.ipynb, mirroring docs/.
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-notebooks-")) / EXECUTED_FOLDER
        self.errors = self.folder.parent / "errors.txt"
        self.cached = cache_root() / inputs_key(self.sources)
        if all((self.cached / f"{source.stem}.ipynb").is_file() for source in self.sources):
            shutil.copytree(self.cached, self.folder / NOTEBOOK_FOLDER)
            self.process = None
            return
        with self.errors.open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tools.site.notebooks", str(self.folder / NOTEBOOK_FOLDER), *map(str, self.sources)],
                cwd=ROOT, stdout=errors, stderr=subprocess.STDOUT,
            )

    def src_uri(self, source: Path) -> str:
        return source.relative_to(self.docs_dir).with_suffix(".ipynb").as_posix()

    def wait(self) -> None:
        if self.process is None:
            return
        if self.process.wait() != 0:
            raise PluginError(f"A notebook cell failed:\n{self.errors.read_text().strip()}")
        self.process = None
        # Keep the executed notebooks for the next build with the same inputs.
        staging = self.cached.with_name(self.cached.name + f".{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(self.folder / NOTEBOOK_FOLDER, staging)
        shutil.rmtree(self.cached, ignore_errors=True)
        try:
            staging.rename(self.cached)
        except OSError:  # a build running at the same time stored the same key first
            shutil.rmtree(staging, ignore_errors=True)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
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


# mkdocs-jupyter inlines about 0.6 MB of the same Jupyter CSS into every notebook page. It
# goes into one stylesheet, named after its content, which a reader's browser caches once;
# the pages (and the search index, which parses every page) shrink to their own content.
STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_notebook_css: dict[str, str] = {}  # site path -> CSS, written after the build
_notebook_classes: set[str] = set()  # every class a notebook page's HTML names


def on_page_content(html: str, page, config, files) -> str:
    if not getattr(page, "nb_url", None):
        return html
    html = EMPTY_MATHJAX_SCRIPT.sub("", html)
    styles = STYLE_BLOCK.findall(html)
    if not styles:
        return html
    css = "\n".join(styles)
    path = f"assets/stylesheets/notebook-{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    _notebook_css[path] = css
    link = f'<link rel="stylesheet" href="{get_relative_url(path, page.url)}">'
    first = STYLE_BLOCK.search(html)
    # The link stands where the first style block stood, so the cascade keeps its order.
    return html[: first.start()] + link + STYLE_BLOCK.sub("", html[first.start() :])


def on_post_page(output: str, page, config) -> str:
    if getattr(page, "nb_url", None):
        _notebook_classes.update(notebook_css.classes_in(output))
    return output


def write_stylesheets(site_dir: Path, stylesheets: dict[str, str], classes: set[str]) -> None:
    """Each stylesheet with only the rules a notebook page can use (tools/site/notebook_css.py),
    pruned again only when it, the classes the pages use or the pruning code change."""
    code = Path(notebook_css.__file__).read_bytes()
    for path, css in stylesheets.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        key = page_cache.digest("notebook stylesheet", css, *sorted(classes), code)
        pruned = page_cache.CACHE.get("stylesheet", key, lambda css=css: notebook_css.without_unused_rules(css, classes))
        target.write_text(pruned, encoding="utf-8")


def on_post_build(config):
    write_stylesheets(Path(config.site_dir), _notebook_css, _notebook_classes)
    _notebook_css.clear()
    _notebook_classes.clear()
    _run.clean()


def on_build_error(error):
    if _run is not None:
        _run.stop()
        _run.clean()
