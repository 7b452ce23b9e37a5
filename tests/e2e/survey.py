"""Visit pages of the built site in Chromium and record what a reader's browser sees.

`visit` loads one page and records everything the checks need in one pass (status,
console, requests, links, anchors, copy buttons, diagrams, notebook outputs, axe);
the `*_problems` functions turn visits into messages that name the page. The tests
in this folder run them over every page of the sitemap; test_e2e_breakage.py runs
them over a deliberately broken copy of the site, to show that they can fail.
"""

import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.common import ROOT
from tools.site.built_site import is_local, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# The axe rules whose outcome depends on the palette or the width: after every rule at
# 1280 px in light, the pages that show every kind of content (content_kinds.py) run
# these again at 375 px in dark.
# (meta-viewport, region and landmark-unique, run at 375 px before, read the markup and landmarks,
# which neither width nor palette changes: the wide pass covers them.)
PALETTE_AND_WIDTH_RULES = ["color-contrast", "link-in-text-block", "scrollable-region-focusable", "target-size"]
DIAGRAM_TIMEOUT_MS = 20_000
# V8's optimising compiler (TurboFan) off: each page is a new context, so it compiled axe's hot
# functions again on every page, and on 40 pages that cost a tenth more CPU than it saved.
BROWSER_ARGS = ("--js-flags=--no-turbofan",)

# Material renders each diagram into a *closed* shadow root, out of reach of page scripts.
# Remember the roots (the page still gets closed ones) so the test can look inside.
SHADOW_ROOTS = """
(() => {
  const roots = new WeakMap();
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
  window.__e2eShadowRoot = (host) => roots.get(host) || host.shadowRoot;
  // Counted so the wait for diagrams can stop early once a script has failed.
  window.__e2eErrors = 0;
  addEventListener("error", () => window.__e2eErrors++);
  addEventListener("unhandledrejection", () => window.__e2eErrors++);
})();
"""

# Two frames, or half a second if Chromium draws none: an await that never resolves would
# hang the whole survey (page.evaluate has no timeout).
TWO_FRAMES = """new Promise((done) => {
  requestAnimationFrame(() => requestAnimationFrame(done));
  setTimeout(done, 500);
})"""
NEXT_TWO_FRAMES = f"() => {TWO_FRAMES}"

# One evaluate per page: links, anchors, code blocks, diagrams, notebook outputs.
COLLECT = """
() => {
  const content = document.querySelector(".md-content") || document.body;
  // Highlighted blocks only: a diagram's <pre> (Material drops its class while mermaid loads) is not code.
  const codeBlocks = [...content.querySelectorAll(".highlight pre > code")]
    .map((code) => {
      const pre = code.parentElement;
      const button = pre.querySelector("button[data-clipboard-target]");
      const target = button && document.querySelector(button.dataset.clipboardTarget);
      return {
        pre: pre.id,
        text: code.innerText,
        hasButton: !!button,
        buttonTargetsCode: target === code,
        visible: pre.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }),
      };
    });
  // Drawn at build time (the SVG is inline) or, as a fallback, by mermaid in the browser (Material
  // puts that SVG in a closed shadow root). Either way it must be an SVG with a size, not an error.
  const diagrams = [...content.querySelectorAll("div.mermaid")].map((host) => {
    const root = window.__e2eShadowRoot(host) || host;
    const svg = root.querySelector("svg");
    const box = svg && svg.getBoundingClientRect();
    return {
      svg: !!svg && box.width > 0 && box.height > 0,
      error: !!svg && (svg.getAttribute("aria-roledescription") === "error" || /Syntax error/.test(svg.textContent)),
    };
  });
  const notebook = content.querySelector(".jupyter-wrapper");
  const outputs = notebook ? [...notebook.querySelectorAll(".jp-OutputArea-output")] : [];
  return {
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")),
    codeBlocks,
    diagrams,
    notebook: notebook ? {
      codeCells: notebook.querySelectorAll(".jp-CodeCell").length,
      outputs: outputs.filter((o) => o.innerText.trim() || o.querySelector("img, svg")).length,
      brokenImages: [...notebook.querySelectorAll(".jp-OutputArea-output img")]
        .filter((img) => !img.complete || img.naturalWidth === 0).length,
    } : null,
  };
}
"""


@dataclass
class PageVisit:
    path: str  # as in the sitemap, e.g. "tutorial/first-migration/"
    status: int | None = None
    error: str | None = None  # the page could not be loaded or inspected at all
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    code_blocks: list[dict] = field(default_factory=list)
    copy_problems: list[str] = field(default_factory=list)
    diagrams_in_html: int = 0
    diagrams: list[dict] = field(default_factory=list)
    notebook: dict | None = None
    axe: list[dict] = field(default_factory=list)  # every rule, 1280 px, light
    # PALETTE_AND_WIDTH_RULES, 375 px, dark; None where that pass did not run (content_kinds.py chooses)
    axe_narrow_dark: list[dict] | None = None
    palette_problem: str | None = None
    sideways_scroll: int = 0  # pixels the body scrolls sideways at 375 px
    seconds: float = 0.0  # how long the visit took, for the run's report

    @property
    def name(self) -> str:
        return "/" + self.path


# axe-core is served at this path next to the site under test, and loaded into each page
# just before it runs. As a script with a URL, Chromium caches its compiled code: added as
# an init script instead, its 0.5 MB was compiled again for every document (about:blank
# too), which doubled the CPU each visit took.
AXE_PATH = "/__e2e__/axe.min.js"


@contextlib.contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1, with axe-core beside it; yields the base URL."""
    with serve(site, extra_files={AXE_PATH: AXE}) as base:
        yield base


def new_context(browser, **options):
    """A browser context that remembers every request to another host.

    `launch` starts Chromium unable to resolve any host but 127.0.0.1, so such a request
    fails at once, without reaching the network. (Playwright's request routing would
    do the same, but it turns the browser's cache off and sends every request through
    Python: it made each visit twice as slow.)
    """
    context = browser.new_context(**options)
    context.foreign_requests = []
    context.on("request", lambda request: is_local(request.url) or context.foreign_requests.append(request.url))
    context.add_init_script(SHADOW_ROOTS)
    return context


WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 812}
# The toggle a reader clicks to change palette (Material hides the one for the current palette).
PALETTE_TOGGLE = "form[data-md-component=palette] label:not([hidden])"
# Every promise a visit awaits in the page is raced against a timer (page.evaluate has no timeout
# of its own): a promise that never settles then fails that page's visit, naming what it waited
# for, instead of hanging the whole survey.
RAN_OUT = "did not finish within"  # in the error of a wait that ran out
WITHIN = """(promise, seconds, what) => Promise.race([promise, new Promise((_, fail) =>
  setTimeout(() => fail(new Error(`${what} RAN_OUT ${seconds} s`)), seconds * 1000))])""".replace("RAN_OUT", RAN_OUT)
AXE_RUN = f"""(options) => ({WITHIN})(axe.run(document, options), 120, "axe-core").then((r) => r.violations.map((v) => ({{
  id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }})))"""


class Tab:
    """One browser tab that visits page after page (a new tab per page costs 0.2 s here).

    The listeners record into the visit under way; between two visits the tab goes to
    about:blank, so nothing the previous page does late can be counted against the next.
    """

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.current: PageVisit | None = None
        self.page.on("console", lambda m: m.type == "error" and self._record("console_errors", m.text))
        self.page.on("pageerror", lambda e: self._record("page_errors", str(e)))
        self.page.on("requestfailed",
                     lambda r: is_local(r.url) and self._record("failed_requests", f"{r.url} ({r.failure})"))
        self.page.on("response",
                     lambda r: r.status >= 400 and self._record("failed_requests", f"{r.url} (HTTP {r.status})"))

    def _record(self, attribute: str, text: str) -> None:
        if self.current is not None:
            getattr(self.current, attribute).append(text)

    def visit(self, base: str, path: str, *, copy: bool = True, reader_click: bool = False, narrow: bool = True,
              axe: bool = True, axe_dark: bool = True, screenshots: tuple[Path, Path] | None = None) -> PageVisit:
        """Load one page and record what the checks need, at 1280 px light, then 375 px dark.

        Wide, in the light palette: links, anchors, code blocks, diagrams, notebook outputs,
        every axe rule. Then (`narrow`) the same page is narrowed to 375 px and switched to
        dark with the reader's toggle: sideways scrolling, and the axe rules that depend on
        width or colours. (Reloading the page in a phone-sized context instead cost a
        sixth more CPU for the same checks; the toggle then ran on every page too.)
        `copy` clicks every copy button and reads the clipboard back (the context needs
        clipboard permissions), `reader_click` clicks the first one with the mouse;
        `screenshots` saves full-page pictures (wide light, narrow dark) there; `axe=False`
        skips axe (the breakage tests that check something else), `axe_dark=False` only
        its dark pass (a page whose kinds of content other pages show: content_kinds.py).
        """
        result = PageVisit(path)
        started = time.perf_counter()
        page = self.page
        start = len(self.context.foreign_requests)
        self.current = result
        try:
            page.set_viewport_size(WIDE)
            response = page.goto(urljoin(base, path), wait_until="load")
            # The page's set-up ends in the frames after load: a loaded machine can reach this line
            # first. (details-at-load.js hands closed details back two frames after Material's set-up.)
            page.evaluate(NEXT_TWO_FRAMES)
            result.status = response.status if response else None
            html = response.text() if response else ""
            result.diagrams_in_html = len(re.findall(r'<(?:pre|div) class="mermaid"', html))
            if result.diagrams_in_html:
                try:
                    page.wait_for_function(
                        "(n) => document.querySelectorAll('.md-content div.mermaid').length >= n"
                        " || window.__e2eErrors > 0",
                        arg=result.diagrams_in_html, timeout=DIAGRAM_TIMEOUT_MS,
                    )
                except Exception:
                    pass
            data = page.evaluate(COLLECT)
            result.links = data["links"]
            result.ids = set(data["ids"])
            result.code_blocks = data["codeBlocks"]
            result.diagrams = data["diagrams"]
            result.notebook = data["notebook"]
            if screenshots:
                page.screenshot(path=screenshots[0], full_page=True, quality=80)
            if axe:
                page.add_script_tag(url=urljoin(base, AXE_PATH))
                # Every rule: axe first reads the stylesheets (`preload`) for its CSS-orientation rule.
                result.axe = page.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
            if narrow:
                self._narrow_and_dark(result, screenshots[1] if screenshots else None, axe and axe_dark)
            # After axe: copying pops up a notice that axe would count as content outside landmarks.
            if copy:
                result.copy_problems = copy_check(page, result.code_blocks, reader_click)
            page.wait_for_timeout(50)  # let late console messages of the page arrive
            # Leaving cancels what the page still loads (its favicon, say): not the page's fault.
            self.current = None
            page.evaluate("localStorage.clear()")  # the next page starts in the light palette again
            page.goto("about:blank")
        except Exception as error:
            result.error = f"{type(error).__name__}: {error}".splitlines()[0]
        finally:
            self.current = None
            result.foreign_requests = self.context.foreign_requests[start:]
            result.seconds = time.perf_counter() - started
        return result

    def _narrow_and_dark(self, result: PageVisit, screenshot: Path | None, axe: bool) -> None:
        page = self.page
        page.set_viewport_size(NARROW)
        # The toggle's own click handler; tests/e2e/test_e2e_theme.py clicks it with the mouse.
        switched = page.evaluate("""(selector) => {
            const toggle = document.querySelector(selector);
            if (!toggle) return null;
            toggle.click();
            return document.body.dataset.mdColorScheme === "slate";
        }""", PALETTE_TOGGLE)
        if switched is None:
            result.palette_problem = "has no light/dark toggle in its header"
            return
        try:
            if not switched:  # Material switches at once today; allow it a moment if that changes
                page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5_000)
        except Exception:
            result.palette_problem = "the palette toggle did not switch the page to dark"
            return
        result.sideways_scroll = page.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth"
        )
        if not (screenshot or axe):
            return
        # Colours fade to the new palette: axe and the screenshot must see where they end, not a
        # mix half-way. Finishing each fade jumps to that end without Chromium drawing its frames.
        page.evaluate("""() => document.getAnimations()
            .filter((animation) => animation instanceof CSSTransition).forEach((animation) => animation.finish())""")
        # Material marks a code block that the narrowing made scroll sideways as focusable from a
        # ResizeObserver, which reports in the first frame drawn after the resize.
        page.evaluate(NEXT_TWO_FRAMES)
        if screenshot:
            page.screenshot(path=screenshot, full_page=True, quality=80)
        if not axe:
            return
        result.axe_narrow_dark = page.evaluate(AXE_RUN, {
            "resultTypes": ["violations"], "runOnly": {"type": "rule", "values": PALETTE_AND_WIDTH_RULES},
            "preload": False,
        })


def visit(context, base: str, path: str, **options) -> PageVisit:
    """Visit one page in a tab of its own (see Tab.visit for the options)."""
    tab = Tab(context)
    try:
        return tab.visit(base, path, **options)
    finally:
        tab.page.close()


def read_after_load(browser, url: str, read: str, *, record: str, viewport: dict = NARROW):
    """`read`'s value once `url` has loaded in a new tab, where `record` ran before the page's
    own first script (to watch what the page does as it loads)."""
    page = browser.new_page(viewport=viewport)
    page.add_init_script(record)
    page.goto(url, wait_until="load")
    value = page.evaluate(read)
    page.close()
    return value


def settled(page, script: str, done: str):
    """`script`'s value once `done` (a JS expression of it, `value`) holds, or after 10 s: what
    the page's observers and transitions do lands a frame or more after the change they follow.
    The caller asserts on the value, so a failure shows what the page did instead."""
    try:
        page.wait_for_function(f"(() => {{ const value = ({script})(); return {done}; }})()", timeout=10_000)
    except PlaywrightTimeout:
        pass
    return page.evaluate(script)


# Clicks every copy button of the page in turn and reads the clipboard back. (A click that
# copies nothing leaves the previous block's code there, which differs from this block's.)
COPY_EACH = """
async (blocks) => {
  const results = [];
  const pres = blocks.map((id) => document.getElementById(id));
  // A reader opens a closed <details> to reach its copy button; while it is closed,
  // Chromium gives the code in it no innerText, and an empty clipboard would match that.
  let closed, opened = false;
  for (const pre of pres) while ((closed = pre.closest("details:not([open])"))) { closed.open = true; opened = true; }
  // The reader sees the opened blocks drawn before clicking in them. Until a frame is drawn,
  // Chromium can still treat a block as closed: its code then has no innerText, and the copy
  // button copies nothing (it happened now and then on a loaded machine).
  if (opened) await TWO_FRAMES;
  const within = WITHIN;
  await within(navigator.clipboard.writeText(""), 10, "emptying the clipboard");
  for (const pre of pres) {
    pre.querySelector("button[data-clipboard-target]").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const copied = await within(navigator.clipboard.readText(), 10, "reading the clipboard");
    results.push({ code: pre.querySelector("code").innerText, copied });
  }
  return results;
}
""".replace("await TWO_FRAMES", f"await {TWO_FRAMES}").replace("= WITHIN;", f"= {WITHIN};")


def copy_check(page, code_blocks: list[dict], reader_click: bool) -> list[str]:
    """Click every copy button and compare the clipboard with its block's code.

    With `reader_click` the first visible button is reached as a reader does (hover
    the block, click the button); the others are clicked from the page, which runs
    the same handler, also for blocks in inactive tabs, and in closed details once
    opened, as a reader must. A block whose code has no text fails too.
    """
    blocks = [(number, block) for number, block in enumerate(code_blocks, start=1) if block["hasButton"]]
    visible = [block for _, block in blocks if block["visible"]]
    problems = []
    if reader_click and visible:
        page.evaluate("navigator.clipboard.writeText('')")
        page.locator(f'[id="{visible[0]["pre"]}"]').hover()
        page.locator(f'[id="{visible[0]["pre"]}"] button[data-clipboard-target]').click()
        if page.evaluate("navigator.clipboard.readText()").rstrip("\n") != visible[0]["text"].rstrip("\n"):
            problems.append("clicking the first copy button with the mouse does not copy its code")
    results = page.evaluate(COPY_EACH, [block["pre"] for _, block in blocks])
    return problems + [
        f"the copy button of code block {number} copied {result['copied'][:60]!r}, not its code {result['code'][:60]!r}"
        for (number, _), result in zip(blocks, results, strict=True)
        if not result["code"].strip() or result["copied"].rstrip("\n") != result["code"].rstrip("\n")
    ]


# Each function below turns visits into messages that start with the page's path.


def load_problems(visit: PageVisit) -> list[str]:
    if visit.error:
        return [f"{visit.name}: could not be checked: {visit.error}"]
    if visit.status != 200:
        return [f"{visit.name}: HTTP status {visit.status}, not 200"]
    return []


def console_problems(visit: PageVisit) -> list[str]:
    return ([f"{visit.name}: console error: {text}" for text in visit.console_errors]
            + [f"{visit.name}: uncaught exception: {text}" for text in visit.page_errors]
            + [f"{visit.name}: failed request: {text}" for text in visit.failed_requests])


def foreign_request_problems(visit: PageVisit) -> list[str]:
    return [f"{visit.name}: requests a third-party host: {url}" for url in visit.foreign_requests]


def copy_button_problems(visit: PageVisit) -> list[str]:
    problems = [f"{visit.name}: code block {number} has no copy button"
                for number, block in enumerate(visit.code_blocks, start=1) if not block["hasButton"]]
    problems += [f"{visit.name}: the copy button of code block {number} does not point at its code"
                 for number, block in enumerate(visit.code_blocks, start=1)
                 if block["hasButton"] and not block["buttonTargetsCode"]]
    return problems + [f"{visit.name}: {problem}" for problem in visit.copy_problems]


def diagram_problems(visit: PageVisit) -> list[str]:
    drawn = sum(1 for d in visit.diagrams if d["svg"] and not d["error"])
    problems = [f"{visit.name}: mermaid diagram {number} rendered as a syntax error"
                for number, d in enumerate(visit.diagrams, start=1) if d["error"]]
    if drawn < visit.diagrams_in_html:
        problems.insert(0, f"{visit.name}: {visit.diagrams_in_html - drawn} of {visit.diagrams_in_html} "
                           "mermaid diagrams were not rendered as an SVG drawing")
    return problems


def notebook_problems(visit: PageVisit) -> list[str]:
    notebook = visit.notebook
    if notebook is None:
        return []
    problems = []
    if notebook["codeCells"] and not notebook["outputs"]:
        problems.append(f"{visit.name}: a notebook with {notebook['codeCells']} code cells shows no output")
    if notebook["brokenImages"]:
        problems.append(f"{visit.name}: {notebook['brokenImages']} notebook output images did not load")
    return problems


def axe_problems(visit: PageVisit, impacts=BLOCKING_IMPACTS) -> list[str]:
    found = [(v, "") for v in visit.axe] + [(v, " (375 px, dark)") for v in visit.axe_narrow_dark or []]
    return [f"{visit.name}: axe {v['impact']} {v['id']}{where} ({v['help']}) at {', '.join(v['targets'][:3])}"
            for v, where in found if v["impact"] in impacts]


def palette_problems(visit: PageVisit) -> list[str]:
    return [f"{visit.name}: {visit.palette_problem}"] if visit.palette_problem else []


def sideways_scroll_problems(visit: PageVisit) -> list[str]:
    if visit.sideways_scroll > 0:
        return [f"{visit.name}: the body scrolls {visit.sideways_scroll}px sideways"]
    return []


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)


def link_problems(visits: list[PageVisit], base: str) -> list[str]:
    """Every link to this site leads to a page or file that exists, and to an anchor on it.

    Links to other sites are not followed (the tests run offline): a link is not a request.
    """
    anchors = {urljoin(base, v.path): v.ids for v in visits}
    problems = []
    for visit in visits:
        for href in sorted(set(visit.links)):
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or not is_local(href):
                continue
            target = parts._replace(query="", fragment="").geturl()
            if target not in anchors:
                anchors[target] = _fetch_anchors(target)
            ids = anchors[target]
            if ids is None:
                problems.append(f"{visit.name}: links to {parts.path}, which does not exist")
            elif parts.fragment and unquote(parts.fragment) not in ids:
                problems.append(f"{visit.name}: links to {parts.path}#{parts.fragment}, which has no such anchor")
    return problems


def _fetch_anchors(url: str) -> set[str] | None:
    """The ids in a page that was not visited (or an empty set for a non-HTML file); None if missing."""
    try:
        with urlopen(url, timeout=10) as response:
            if "html" not in response.headers.get("Content-Type", ""):
                return set()
            parser = _Anchors()
            parser.feed(response.read().decode("utf-8", "replace"))
            return parser.ids
    except OSError:
        return None
