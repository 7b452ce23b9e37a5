"""Material's own built assets in the installed theme, found by name (each name carries a hash)."""

from pathlib import Path

import material

ASSETS = Path(material.__file__).parent / "templates" / "assets"


def _one(folder: str, pattern: str) -> Path:
    (path,) = (ASSETS / folder).glob(pattern)
    return path


def main_stylesheet() -> Path:
    return _one("stylesheets", "main.*.min.css")


def bundle() -> Path:
    """The script that sets every page up."""
    return _one("javascripts", "bundle.*.min.js")
