"""MkDocs hook: stop the build on a broken snippet include, naming the page and line.

pymdownx.snippets would stop it too, but with a traceback that names no page.

mkdocs.yml lists this hook first: MkDocs loads hooks by file path, so it makes the
repository importable (`mkdocs serve` run outside the venv's editable install) for
itself and for the hooks after it.
"""

import sys
from pathlib import Path

_REPOSITORY = str(Path(__file__).resolve().parents[3])
if _REPOSITORY not in sys.path:
    sys.path.insert(0, _REPOSITORY)

from mkdocs.exceptions import PluginError  # noqa: E402  (needs the path above)

from tools.site.pages import include_problems  # noqa: E402  (needs the path above)


def on_page_markdown(markdown: str, page, config, files) -> str:
    problems = include_problems(f"docs/{page.file.src_uri}", markdown)
    if problems:
        raise PluginError("Broken snippet include:\n  " + "\n  ".join(problems))
    return markdown
