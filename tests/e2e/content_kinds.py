"""The pages that between them show every kind of content the site has.

axe's colour rules in the dark palette are the costliest check of the browser suite
(a quarter of its CPU), and what they judge is the theme's dark colours on each kind
of content: prose, links, tables, each admonition type, code tokens, notebook
output, diagrams. Those colours do not change from one page to the next, so the
dark pass runs on a set of pages that shows every kind at least once; every page
still gets every axe rule in the light palette.

A page's kinds are read from its built HTML: each element of the article, named by
its tag and classes and by the box it sits in (an admonition or collapsible block,
a table, a content tab, a notebook output, a diagram). A page that brings a kind no
other page has is always chosen, so new content is covered as soon as it is built.
"""

from html.parser import HTMLParser
from pathlib import Path

from tools.site.built_site import site_file

# Elements whose look changes what is inside them: their kind is part of their content's kind.
BOXES = ("admonition", "details", "tabbed-set", "jp-OutputArea-output", "mermaid", "highlight")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def element_kind(tag: str, classes: str | None) -> str:
    return ".".join([tag, *sorted((classes or "").split())])


class _Kinds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.kinds: set[tuple[str, str]] = set()
        self.open: list[tuple[str, str]] = []  # (tag, box) of each open element inside the article

    def handle_starttag(self, tag, attrs):
        if not self.open and tag != "article":
            return
        classes = dict(attrs).get("class")
        kind = element_kind(tag, classes)
        box = self.open[-1][1] if self.open else ""
        self.kinds.add((kind, box))
        if tag == "table" or any(name in BOXES for name in (classes or "").split()):
            box = kind
        if tag not in VOID:
            self.open.append((tag, box))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return


def kinds_of(html: str) -> set[tuple[str, str]]:
    """The (element, box) kinds of a page's article (the header, navigation and footer are
    the same on every page)."""
    parser = _Kinds()
    parser.feed(html[html.find("<article"):])
    return parser.kinds


def covering_pages(pages: dict[str, str]) -> list[str]:
    """Pages ({path: html}) chosen until every kind of any page is on a chosen one.

    Each step takes the page that adds the most kinds not yet covered (the smaller page
    on a tie, as it is cheaper to check).
    """
    kinds = {path: kinds_of(html) for path, html in pages.items()}
    size = {path: len(html) for path, html in pages.items()}
    chosen, covered = [], set()
    everything = set().union(*kinds.values()) if kinds else set()
    while covered != everything:
        best = max(kinds, key=lambda path: (len(kinds[path] - covered), -size[path]))
        chosen.append(best)
        covered |= kinds[best]
    return chosen


def covering_site_pages(site: Path, paths: list[str]) -> list[str]:
    """The covering set among a built site's pages (paths as in its sitemap)."""
    return covering_pages({path: site_file(site, path).read_text(encoding="utf-8") for path in paths})
