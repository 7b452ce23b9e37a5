"""`make bench`: measurements, never pass/fail tests (tests do not assert timings).

Each module of this package adds sections with `@section("name")`: a function that
returns a `Table`. `python -m tools.bench` runs them all and prints each table;
`python -m tools.bench lighthouse weight` runs only those. Add a measurement by
adding a module; nothing else needs registering.
"""

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tools.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Folders a project copy leaves out: environments, outputs, caches.
NOT_COPIED = (".git", ".venv", ".bench", "node_modules", "site", "var", ".cache", ".pytest_cache", "screenshots", "__pycache__")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        cells = [self.headers, *[[str(c) for c in row] for row in self.rows]]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.headers))]
        lines = [f"## {self.title}", ""]
        for number, row in enumerate(cells):
            lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
            if number == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines + [""] + self.notes)


Measure = Callable[[], Table]
_SECTIONS = Registry(__name__, "bench section")
section = _SECTIONS.register


def sections() -> dict[str, Measure]:
    return _SECTIONS.every()


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=True)


@functools.cache
def built_site() -> Path:
    """The site built once from the working tree, shared by the sections of one run."""
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    mkdocs_build(ROOT, site)
    return site


@contextlib.contextmanager
def project_copy() -> Iterator[Path]:
    """A throwaway copy of the working tree (node_modules linked, not copied), for cold runs and edits."""
    with tempfile.TemporaryDirectory(prefix="bench-project-") as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
        if (ROOT / "node_modules").is_dir():
            (copy / "node_modules").symlink_to(ROOT / "node_modules")
        yield copy
