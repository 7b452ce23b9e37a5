"""Lay out a recipe's mini Alembic project in a folder of its own.

    path = build("multiple_heads", tmp_path / "project")

copies `_base/` (alembic.ini, env.py), the handbook's script.py.mako, then the
recipe's own files from `examples/cookbook_<recipe>/project/` on top (a recipe
may bring its own env.py or alembic.ini, and its `versions/`). Commands then run
with the project folder as their working directory.
"""

import shutil
from pathlib import Path

from tools.common import ROOT

HERE = Path(__file__).resolve().parent


IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py")


def recipe_folder(recipe: str) -> Path:
    """Where a recipe's own files live: examples/cookbook_<recipe>/."""
    return ROOT / "examples" / f"cookbook_{recipe}"


def build(recipe: str, dest: Path, *, without: tuple[str, ...] = ()) -> Path:
    """The project of `recipe` in `dest` (created); `without` names files to leave out,
    relative to the project (e.g. "versions/0002_add_nickname.py")."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(HERE / "_base", dest, ignore=IGNORED, dirs_exist_ok=True)
    shutil.copy(ROOT / "migrations" / "script.py.mako", dest / "script.py.mako")
    (dest / "versions").mkdir(exist_ok=True)
    if (recipe_folder(recipe) / "project").is_dir():
        shutil.copytree(recipe_folder(recipe) / "project", dest, ignore=IGNORED, dirs_exist_ok=True)
    for name in without:
        (dest / name).unlink()
    return dest


def add(recipe: str, dest: Path, name: str, source: str | None = None) -> None:
    """Copy a file of the recipe's `extra/` folder (`source`, by default the file
    name of `name`) into the project at `name`, replacing what is there."""
    target = dest / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(recipe_folder(recipe) / "extra" / (source or Path(name).name), target)
    # Python could reuse the bytecode of the file this one replaces.
    shutil.rmtree(target.parent / "__pycache__", ignore_errors=True)
