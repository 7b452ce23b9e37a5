"""`make bench`: measurements, never pass/fail tests (tests do not assert timings).

Each module of this package adds sections with `@section("name")`: a function that
returns a `Table`. `python -m tools.bench` runs them all and prints each table;
`python -m tools.bench lighthouse weight` runs only those. Add a measurement by
adding a module; nothing else needs registering.
"""

import contextlib
import functools
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tools.common import ROOT, copy_project, mkdocs_build
from tools.registry import Registry


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
        return "\n".join([*lines, "", *self.notes])


Measure = Callable[[], Table]
_SECTIONS = Registry(__name__, "bench section")
section = _SECTIONS.register


def sections() -> dict[str, Measure]:
    return _SECTIONS.every()


@functools.cache
def built_site() -> Path:
    """The site built once from the working tree, shared by the sections of one run."""
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    strict_build(ROOT, site)
    return site


def strict_build(project: Path, site: Path) -> None:
    """`mkdocs build --strict`; a failed build ends the measurements with its output."""
    result = mkdocs_build(project, site)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}{result.stderr}")


@contextlib.contextmanager
def project_copy() -> Iterator[Path]:
    """A throwaway copy of the working tree, for cold runs and edits."""
    with tempfile.TemporaryDirectory(prefix="bench-project-") as tmp:
        yield copy_project(Path(tmp) / "project")
