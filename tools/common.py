"""What the tools, the tests and the examples share: where the repository is, how to
build the site, how to copy the project, how to set a variable for a while."""

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MKDOCS = [sys.executable, "-m", "mkdocs"]
# What a project copy leaves out: version control, environments, outputs, caches (at the top
# level only: tools/site/ is source), and bytecode anywhere.
NOT_COPIED = {".git", ".venv", ".bench", "node_modules", "site", "var", ".cache", ".pytest_cache", "screenshots"}
NOT_COPIED_ANYWHERE = shutil.ignore_patterns("__pycache__", "*.egg-info")


def mkdocs_environment(**extra: str) -> dict[str, str]:
    """The process environment for an `mkdocs` command, without Material's end-of-life banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def mkdocs_build(project: Path, site: Path, *, quiet: bool = False, timeout: float | None = None,
                 **extra_environment: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site`; the caller reads the exit code."""
    command = [*MKDOCS, "build", "--strict", "--site-dir", str(site)] + (["--quiet"] if quiet else [])
    return subprocess.run(command, cwd=project, env=mkdocs_environment(**extra_environment),
                          capture_output=True, text=True, timeout=timeout)


def copy_project(destination: Path) -> Path:
    """A copy of the working tree at `destination`, with `node_modules` linked rather than copied."""
    def ignored(folder: str, names: list[str]) -> set[str]:
        top_level = NOT_COPIED.intersection(names) if Path(folder) == ROOT else set()
        return top_level | NOT_COPIED_ANYWHERE(folder, names)

    shutil.copytree(ROOT, destination, ignore=ignored, symlinks=True)
    if (ROOT / "node_modules").is_dir():
        (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


@contextlib.contextmanager
def environment_variable(name: str, value: str | None) -> Iterator[None]:
    """Set `name` to `value` (None unsets it) until the block ends, then restore what was there."""
    saved = os.environ.get(name)
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved
