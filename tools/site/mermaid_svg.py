"""Draw the site's mermaid diagrams at build time, so readers get an SVG, not 3.5 MB of JavaScript.

Material draws each `<pre class="mermaid">` in the reader's browser with mermaid, which
costs every diagram page ~1 MB (gzip) of script and a second of CPU on a phone. The build
does that work once instead: mermaid itself, in Debian's Chromium under Playwright, with
the theme Material would give it (its CSS reads the page's colour variables, so the
drawing follows the light/dark toggle). The page then carries the SVG inline.

Drawings are cached in .cache/diagrams/ under a hash of the diagram's source, mermaid's
and Material's versions and this module's drawing code: an edited diagram is drawn again,
an unchanged one costs nothing on rebuilds.

A diagram mermaid cannot parse stops the build with the page and mermaid's message.
Without Chromium (`make browser` installs it) the build leaves the diagrams to the reader's
browser, as Material would (mermaid_asset.py serves mermaid from the site for that).

Hooks: `collect` in on_page_content, which hands each diagram the cache lacks to Chromium
at once, so it draws while MkDocs converts the next pages; `draw_missing` in on_env (after
every page has been converted, before any is written) waits for the last drawing, caches
them and reports the broken ones; `replace` in on_post_page; `reset` at a build's start
and after a failed one.
"""

import functools
import hashlib
import html
import json
import logging
import os
import queue
import re
import threading
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError

from tools.common import ROOT
from tools.site import material_assets, mermaid_asset

# Test builds of throwaway project copies share the repository's cache through this variable.
CACHE = Path(os.environ.get("HANDBOOK_DIAGRAM_CACHE", ROOT / ".cache" / "diagrams"))
# What superfences writes for a ```mermaid fence (see mkdocs.yml), source HTML-escaped.
FENCE = re.compile(re.escape(mermaid_asset.DIAGRAM) + r"><code>(.*?)</code></pre>", re.S)
ID_TOKEN = "__mermaid_ID__"  # replaced by a per-page id: two diagrams on a page must not share ids
# Set HANDBOOK_DIAGRAMS=browser to skip build-time drawing (the fallback readers' browsers draw).
MODE = os.environ.get("HANDBOOK_DIAGRAMS", "build")

log = logging.getLogger("mkdocs.hooks.mermaid_svg")

# Material's own call (its bundle, 9.8): same theme CSS, same sequence-diagram font sizes.
# Labels are SVG text, not HTML in <foreignObject>: inline in the page, HTML labels would
# pick up the page's paragraph styles (Material draws into a shadow root, which we avoid
# so the drawing needs no script at all).
DRAW = """
async ({themeCSS, sources, token}) => {
  mermaid.initialize({
    startOnLoad: false, themeCSS, htmlLabels: false, flowchart: {htmlLabels: false},
    sequence: {actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px"},
  });
  const drawn = [];
  for (const source of sources) {
    try {
      drawn.push({svg: (await mermaid.render(token, source)).svg});
    } catch (error) {
      drawn.push({error: String(error && error.message || error).split("\\n").slice(0, 4).join(" ")});
    }
  }
  return drawn;
}
"""


class DiagramError(PluginError):
    """A diagram that mermaid cannot draw; the message names the page."""


_sources: dict[str, set[str]] = {}  # diagram source -> urls of the pages that show it (this build)
_drawer: "Drawer | None" = None  # drawing this build's new diagrams, from the first one found


def reset() -> None:
    global _drawer
    _sources.clear()
    if _drawer is not None:
        _drawer.stop()
        _drawer = None


def sources_in(page_html: str) -> list[str]:
    return [html.unescape(escaped) for escaped in FENCE.findall(page_html)]


def collect(page_html: str, page_url: str) -> None:
    """Note which page shows each diagram; a diagram new to the cache goes to Chromium now."""
    global _drawer
    for source in sources_in(page_html):
        if source not in _sources and can_draw() and cached(source) is None:
            if _drawer is None:
                _drawer = Drawer()
            _drawer.add(source)
        _sources.setdefault(source, set()).add(page_url)


def _material_theme_css() -> str:
    """The JS string literal of the theme CSS Material passes to mermaid, read from its bundle."""
    bundle = material_assets.bundle().read_text(encoding="utf-8")
    name = re.search(r"themeCSS:(\w+)", bundle)
    literal = name and re.search(rf'[\s,;]{re.escape(name[1])}="((?:[^"\\]|\\.)*)"', bundle)
    if not literal:
        raise PluginError("Material's bundle no longer passes a themeCSS string to mermaid: "
                          "tools/site/mermaid_svg.py must learn where its diagram theme went.")
    return f'"{literal[1]}"'


def cache_key(source: str) -> str:
    return hashlib.sha256(json.dumps([*_versions(), source]).encode()).hexdigest()[:32]


@functools.cache
def _versions() -> tuple[str, str, str]:
    package = ROOT / "node_modules" / "mermaid" / "package.json"
    return version("mkdocs-material"), json.loads(package.read_text(encoding="utf-8"))["version"], DRAW


def cached(source: str) -> str | None:
    path = CACHE / f"{cache_key(source)}.svg"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def can_draw() -> bool:
    from tools.site.built_site import CHROMIUM

    return MODE == "build" and CHROMIUM.exists()


class Drawer:
    """mermaid in one Chromium page, drawing the diagrams it is given in a thread of its own:
    the build goes on converting pages while Chromium, another process, draws.

    Playwright's sync API refuses a thread with an asyncio loop, one more reason for the thread.
    """

    _END = None

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._drawn: dict[str, dict] = {}
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="mermaid-svg", daemon=True)
        self._thread.start()

    def add(self, source: str) -> None:
        self._queue.put(source)

    def finish(self) -> dict[str, dict]:
        """{source: {svg} or {error}} for every source given, once Chromium has drawn them all."""
        self.stop()
        if self._error is not None:
            raise PluginError(f"Drawing the mermaid diagrams in Chromium failed: {self._error}") from self._error
        return self._drawn

    def stop(self) -> None:
        """Close Chromium once what it was given is drawn."""
        self._queue.put(self._END)
        self._thread.join()

    def _next_sources(self) -> tuple[list[str], bool]:
        """What was given since the last drawing (waiting for at least one), and whether that is all."""
        sources = [self._queue.get()]
        while not self._queue.empty():
            sources.append(self._queue.get())
        return [source for source in sources if source is not self._END], self._END in sources

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        from tools.site.built_site import launch

        done = False
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    page = browser.new_page()
                    # Material's stylesheet, so labels are measured in the font the page will use.
                    page.set_content('<!doctype html><html><body><div class="md-typeset"></div></body></html>')
                    page.add_style_tag(path=str(material_assets.main_stylesheet()))
                    page.add_script_tag(path=str(mermaid_asset.source()))
                    theme = page.evaluate(_material_theme_css())
                    while not done:
                        sources, done = self._next_sources()
                        if sources:
                            drawn = page.evaluate(DRAW, {"themeCSS": theme, "sources": sources, "token": ID_TOKEN})
                            self._drawn.update(zip(sources, drawn, strict=True))
                finally:
                    browser.close()
        except Exception as error:
            self._error = error
            while not done:  # take what is still given, so that `stop` returns
                done = self._next_sources()[1]


def draw(sources: list[str]) -> list[dict]:
    """[{svg} or {error}] for each source, drawn by mermaid in one Chromium page."""
    drawer = Drawer()
    for source in sources:
        drawer.add(source)
    drawn = drawer.finish()
    return [drawn[source] for source in sources]


def draw_missing() -> None:
    """Cache the drawing of every diagram of this build that the cache did not hold; stop the
    build, naming the pages, if mermaid cannot draw one."""
    global _drawer
    drawer, _drawer = _drawer, None
    drawn = drawer.finish() if drawer is not None else {}
    # A drawing cached when its page was collected and gone since (another build cleaned up).
    missing = sorted(source for source in _sources if source not in drawn and cached(source) is None)
    if missing and not can_draw():
        log.info("%d mermaid diagrams are left for the reader's browser to draw (no Chromium: `make browser`)",
                 len(missing))
        return
    if missing:
        drawn.update(zip(missing, draw(missing), strict=True))
    problems = []
    CACHE.mkdir(parents=True, exist_ok=True)
    for source, drawing in sorted(drawn.items()):
        if "error" in drawing:
            pages = ", ".join("/" + url for url in sorted(_sources[source]))
            first_line = source.strip().splitlines()[0] if source.strip() else "(empty)"
            problems.append(f"{pages}: the mermaid diagram starting {first_line!r} does not draw: {drawing['error']}")
            continue
        # Written whole, then renamed: two builds at once (pytest -n 2) never read half a file.
        path = CACHE / f"{cache_key(source)}.svg"
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(drawing["svg"], encoding="utf-8")
        partial.replace(path)
    if problems:
        raise DiagramError("Broken mermaid diagram:\n  " + "\n  ".join(problems))


def replace(page_html: str) -> str:
    """The page with each diagram the cache holds as an inline SVG (the rest stay for the browser)."""
    count = 0

    def inline(match: re.Match) -> str:
        nonlocal count
        svg = cached(html.unescape(match[1]))
        if svg is None:
            return match[0]
        count += 1
        return f'<div class="mermaid">{svg.replace(ID_TOKEN, f"__mermaid_{count}")}</div>'

    return FENCE.sub(inline, page_html)
