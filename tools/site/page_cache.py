"""Work on a page that its inputs have not changed since is not done again.

A build spends most of its time per page, three times: Markdown to HTML, the search
index's parse of that HTML, and the theme's template around it. Each result is kept
under a digest of everything it is made from, so `mkdocs serve` re-renders only the
page that was edited (and the pages that embed a file that was edited), and a new
build with nothing changed renders nothing:

* the Markdown render: the page's Markdown (after the other hooks changed it), every
  file it embeds with `--8<--` (and what those embed), its address, the address of
  every file of the site (a link resolves against them) and the build's settings;
* the search entries: the page's HTML, table of contents, title and front matter;
* the template's output: the same plus the navigation (titles and addresses of every
  page) and the build's settings.

The build's settings are mkdocs.yml, requirements.lock, the theme overrides and the
code of tools/site/: a change to any of them renders every page again.

Pages generated from other files (Reference → Revisions runs every revision) are kept
the same way, under a digest of the files they are made from ("generated").

A build that logged a warning keeps nothing it made (in strict mode it fails, and the
next build must show the warning again). Results live in memory for `mkdocs serve`
and in one file, `.cache/pages/pages.pickle`, for the next build; HANDBOOK_PAGE_CACHE
moves that folder, and HANDBOOK_PAGE_CACHE=off renders everything.
"""

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path

from tools.common import ROOT
from tools.site.pages import includes

CACHE_ENV = "HANDBOOK_PAGE_CACHE"
KINDS = ("render", "search", "template", "generated", "stylesheet")
SETTINGS_FILES = ("mkdocs.yml", "requirements.lock")
SETTINGS_FOLDERS = ("overrides", "tools/site")


def cache_folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    return Path(chosen) if chosen else ROOT / ".cache" / "pages"


def digest(*parts: str | bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


def tree_files(root: Path, folders: Iterable[str], names: Iterable[str]) -> list[Path]:
    found = [root / name for name in names]
    for folder in folders:
        found += [p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(p for p in found if p.is_file())


def files_digest(root: Path, paths: Iterable[Path]) -> str:
    return digest(*(part for path in paths for part in (path.relative_to(root).as_posix(), path.read_bytes())))


def embedded_files(markdown: str, root: Path) -> list[Path]:
    """Every file a page's `--8<--` includes read, and the files those include in turn."""
    found: list[Path] = []
    waiting = [markdown]
    while waiting:
        for include in includes(waiting.pop()):
            path = root / include.path
            if path in found or not path.is_file():
                continue  # a missing file fails the build elsewhere, with the page named
            found.append(path)
            text = path.read_text(encoding="utf-8", errors="replace")
            if "--8<--" in text:
                waiting.append(text)
    return found


class PageCache:
    """The results of the last successful build, and the ones this build made or used."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.kept: dict[str, dict[str, object]] = {kind: {} for kind in KINDS}
        self.loaded = False
        self.start_build()

    def start_build(self) -> None:
        self.used: dict[str, dict[str, object]] = {kind: {} for kind in KINDS}
        self.made = 0

    def load(self) -> None:
        if self.loaded or self.folder is None:
            return
        self.loaded = True
        try:
            kept = pickle.loads((self.folder / "pages.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return  # no cache yet, or one an older version wrote: render everything
        if isinstance(kept, dict) and set(kept) == set(KINDS):
            self.kept = kept

    def get(self, kind: str, key: str, make: Callable[[], object]) -> object:
        if key in self.used[kind]:
            return self.used[kind][key]
        if key in self.kept[kind]:
            value = self.kept[kind][key]
        else:
            value = make()
            self.made += 1
        self.used[kind][key] = value
        return value

    def finish_build(self, succeeded: bool) -> None:
        """Keep what this build used (and nothing else, so the file does not grow) if it succeeded."""
        if not succeeded:
            self.start_build()
            return
        changed = self.made or any(set(self.used[k]) != set(self.kept[k]) for k in KINDS)
        self.kept = self.used
        self.start_build()
        if changed and self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = self.folder / f"pages.pickle.{os.getpid()}.tmp"
            staging.write_bytes(pickle.dumps(self.kept, protocol=pickle.HIGHEST_PROTOCOL))
            staging.replace(self.folder / "pages.pickle")


class WarningSeen(logging.Handler):
    """Notes whether the build logged a warning (strict mode fails on it after the last hook)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


# One per process: `mkdocs serve` loads the hooks again for every rebuild, this module once.
CACHE = PageCache(cache_folder())
