"""A rebuild renders only the pages whose inputs changed (tools/site/page_cache.py), and
every page that shows a changed file, title or revision is rendered again.

The builds here are of a two-page project made for each test, with the page cache hook
and a Markdown extension that notes every page it converts."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools.common import ROOT, mkdocs_build
from tools.site import page_cache, revision_nav
from tools.site.hooks import reference_pages

# A Markdown extension that appends each converted page's first line to a log: which
# pages were rendered, build by build.
COUNTING_EXTENSION = '''
import os
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

class Note(Preprocessor):
    def run(self, lines):
        with open(os.environ["RENDER_LOG"], "a") as log:
            log.write(lines[0] + "\\n")
        return lines

class CountingExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Note(md), "note_render", 100)

def makeExtension(**kwargs):
    return CountingExtension(**kwargs)
'''


class Project:
    def __init__(self, root: Path, *, written: bool = False):
        self.root, self.site, self.log = root / "project", root / "site", root / "rendered.log"
        self.environment = {"HANDBOOK_PAGE_CACHE": str(root / "cache"), "RENDER_LOG": str(self.log),
                            "PYTHONPATH": f"{root / 'ext'}:{ROOT}"}
        if not written:
            self.write_files(root)

    def write_files(self, root: Path) -> None:
        (self.root / "docs").mkdir(parents=True)
        (self.root / "examples").mkdir()
        (root / "ext").mkdir()
        (root / "ext" / "counting_extension.py").write_text(COUNTING_EXTENSION, encoding="utf-8")
        self.write("mkdocs.yml", f"""\
            site_name: Cache test
            theme:
              name: material
              font: false
            hooks:
              - {ROOT / 'tools/site/hooks/page_cache.py'}
            markdown_extensions:
              - counting_extension
              - pymdownx.snippets:
                  base_path: ["."]
                  check_paths: true
              - pymdownx.superfences
            nav:
              - a.md
              - b.md
            """)
        self.write("docs/a.md", """\
            # Page A

            See [page B](b.md).

            ```python
            --8<-- "examples/shown.py:part"
            ```
            """)
        self.write("docs/b.md", "# Page B\n\nNothing embedded.\n")
        self.write("examples/shown.py", "# --8<-- [start:part]\n# the first version\n# --8<-- [end:part]\n")

    def write(self, name: str, text: str) -> None:
        (self.root / name).write_text(textwrap.dedent(text), encoding="utf-8")

    def build(self, strict: bool = True) -> list[str]:
        """Build, and return the first line of every page converted by this build."""
        self.log.write_text("", encoding="utf-8")
        result = mkdocs_build(self.root, self.site, **self.environment)
        if strict:
            assert result.returncode == 0, result.stdout + result.stderr
        return sorted(self.log.read_text(encoding="utf-8").splitlines())

    def page(self, name: str) -> str:
        return (self.site / name / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """The folder of a project built once: its files, its site and its page cache."""
    folder = tmp_path_factory.mktemp("first-build")
    Project(folder).build()
    return folder


@pytest.fixture
def built_project(first_build, tmp_path) -> Project:
    """A project after its first build, copied whole (the cache keys on relative paths and
    content, so the copy's next build reuses it): the tests that start from a built project
    share that build."""
    shutil.copytree(first_build, tmp_path, dirs_exist_ok=True)
    return Project(tmp_path, written=True)


def test_a_rebuild_renders_only_the_page_that_was_edited(project):
    assert project.build() == ["# Page A", "# Page B"]
    assert project.build() == []  # nothing changed: nothing rendered
    project.write("docs/b.md", "# Page B\n\nEdited text.\n")
    assert project.build() == ["# Page B"]
    assert "Edited text." in project.page("b")


def test_a_page_is_rendered_again_when_a_file_it_embeds_changes(built_project):
    project = built_project
    assert "the first version" in project.page("a")
    project.write("examples/shown.py", "# --8<-- [start:part]\n# the second version\n# --8<-- [end:part]\n")
    assert project.build() == ["# Page A"]
    assert "the second version" in project.page("a") and "the first version" not in project.page("a")


def test_a_pages_navigation_shows_the_new_title_of_another_page(built_project):
    """Page A is not rendered again, but its sidebar, made from every page's title, is."""
    project = built_project
    project.write("docs/b.md", "# Renamed page\n\nNothing embedded.\n")
    project.build()
    assert "Renamed page" in project.page("a")


def test_a_link_broken_by_a_removed_page_fails_the_next_strict_build(built_project):
    project = built_project
    (project.root / "docs" / "b.md").unlink()
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - b.md\n", ""))
    result = mkdocs_build(project.root, project.site, **project.environment)
    assert result.returncode != 0
    assert "b.md" in result.stderr and "a.md" in result.stderr


def test_a_build_that_logged_a_warning_keeps_nothing_it_rendered(project):
    project.write("docs/b.md", "# Page B\n\nA link to [nowhere](missing.md).\n")
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8") + "strict: false\n")
    project.build(strict=False)
    # The warning is logged again by the next build: the page was rendered again.
    result = mkdocs_build(project.root, project.site, **project.environment)
    assert "missing.md" in result.stderr
    assert "# Page B" in project.log.read_text(encoding="utf-8").splitlines()


def test_the_cache_keeps_only_what_the_last_successful_build_used(tmp_path):
    cache = page_cache.PageCache(tmp_path)
    made = []
    assert cache.get("render", "one", lambda: made.append(1) or "first") == "first"
    cache.finish_build(succeeded=True)
    assert cache.get("render", "one", lambda: made.append(1) or "again") == "first"
    assert cache.get("render", "two", lambda: made.append(2) or "second") == "second"
    cache.finish_build(succeeded=False)  # a failed build: "two" is not kept
    cache.get("render", "two", lambda: made.append(2) or "second")
    cache.finish_build(succeeded=True)  # "one" was not used by this build: dropped
    reloaded = page_cache.PageCache(tmp_path)
    reloaded.load()
    assert made == [1, 2, 2]
    assert reloaded.kept["render"] == {"two": "second"}


def test_the_revision_pages_are_made_again_when_any_file_they_are_made_from_changes(tmp_path):
    for folder in reference_pages.INPUT_FOLDERS:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "module.py").write_text("x = 1\n", encoding="utf-8")
    for name in reference_pages.INPUT_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("settings\n", encoding="utf-8")
    (tmp_path / "docs" / "tutorial").mkdir(parents=True)
    (tmp_path / "docs" / "tutorial" / "page.md").write_text("# A page\n", encoding="utf-8")
    first = reference_pages.inputs_key(tmp_path)
    (tmp_path / "docs" / "tutorial" / "page.md").write_text("# An edited page\n", encoding="utf-8")
    assert reference_pages.inputs_key(tmp_path) == first  # a page is not what they are made from
    changed = []
    for path in [*(tmp_path / f / "module.py" for f in reference_pages.INPUT_FOLDERS),
                 *(tmp_path / n for n in reference_pages.INPUT_FILES)]:
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        changed.append(reference_pages.inputs_key(tmp_path))
    assert first not in changed and len(set(changed)) == len(changed)


def test_the_revision_entries_of_the_navigation_are_made_again_only_when_the_revision_inputs_change(monkeypatch):
    """The navigation's revision entries are kept with the pages (hooks/reference_pages.py)."""
    cache = page_cache.PageCache(None)
    monkeypatch.setattr(page_cache, "CACHE", cache)
    made = []
    monkeypatch.setattr(reference_pages, "revision_outputs", lambda: made.append(1) or {
        "nav": [("0001: first", "reference/revisions/0001.md")], "pages": {}})
    inputs = {"key": "before"}
    monkeypatch.setattr(reference_pages, "inputs_key", lambda: inputs["key"])

    def built_nav() -> list:
        config = SimpleNamespace(nav=[{"Revisions": revision_nav.INDEX_PAGE}])
        reference_pages.on_config(config)
        cache.finish_build(succeeded=True)
        return config.nav

    assert built_nav() == [{"Revisions": [revision_nav.INDEX_PAGE, {"0001: first": "reference/revisions/0001.md"}]}]
    built_nav()
    assert made == [1]
    inputs["key"] = "after"
    built_nav()
    assert made == [1, 1]


def test_a_build_with_its_revision_pages_kept_does_not_load_alembic_or_sqlalchemy():
    """Only making the pages needs them; the hook imports them there."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, tools.site.hooks.reference_pages as hook; "
                               "print(sorted({'alembic', 'sqlalchemy'} & set(sys.modules)))"],
        cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
