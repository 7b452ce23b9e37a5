"""Serve mermaid from the site itself, and load it only on pages that draw a diagram.

Material renders `<pre class="mermaid">` blocks with the global `mermaid`; when
that is undefined it fetches mermaid from unpkg.com. We copy the npm package's
build (node_modules, installed by `make install`, never committed) into the site
and add a <script> for it before Material's bundle on pages with a diagram, so
the site works with the network off and other pages do not pay for ~3 MB.
The script is added per page: if Material's `navigation.instant` is ever enabled,
check that diagrams still render after in-site navigation.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from tools.common import ROOT

SOURCE = Path("node_modules") / "mermaid" / "dist" / "mermaid.min.js"  # under ROOT
SITE_PATH = "assets/javascripts/mermaid.min.js"
# The tag superfences writes for a ```mermaid fence. A listing that merely shows the words
# class="mermaid" (a test's source, say) is escaped text, not a tag, and loads nothing.
DIAGRAM = '<pre class="mermaid"'
MATERIAL_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def source() -> Path:
    """The file to serve; a clear error when `make install` has not been run."""
    path = ROOT / SOURCE
    if not path.is_file():
        raise PluginError(
            f"{SOURCE.as_posix()} is missing: the site serves mermaid itself. "
            "Run `make install` (or `npm ci`) in the repository root, then build again."
        )
    return path


def add_script(html: str, page_url: str) -> str:
    """`html` with mermaid loaded before Material's bundle when the page has a diagram."""
    if DIAGRAM not in html:
        return html
    bundle = MATERIAL_BUNDLE.search(html)
    if bundle is None:
        raise PluginError(f"{page_url}: has a diagram, but no Material bundle <script> to load mermaid before")
    tag = f'<script src="{get_relative_url(SITE_PATH, page_url)}"></script>'
    return html[: bundle.start()] + tag + html[bundle.start() :]
