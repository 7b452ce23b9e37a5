"""The browser checks can fail: break a copy of the built site and they name the page.

Each test copies the built site, damages its home page (the one page every build
has) the way a contributor might, serves the copy, visits that page as the suite
does, and runs the same check functions the suite runs on every page.
"""

import queue
import re
import shutil
import threading

import pytest

from tests.e2e import survey
from tests.e2e.conftest import _worker
from tools.site import mermaid_asset
from tools.site.copy_buttons import add_copy_buttons

pytestmark = pytest.mark.e2e

GOOD_DIAGRAM = '<pre class="mermaid"><code>flowchart LR\n  base --&gt; head</code></pre>'
BROKEN_DIAGRAM = '<pre class="mermaid"><code>flowchart LR\n  base --&gt;&gt; ((head</code></pre>'


@pytest.fixture
def broken_site(site, tmp_path):
    """A copy of the built site; `damage(html)` rewrites its home page's content."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    home = copy / "index.html"

    def damage(content: str = "", head: str = "") -> None:
        html = home.read_text(encoding="utf-8")
        marker = '<article class="md-content__inner md-typeset">'
        assert marker in html
        html = html.replace(marker, marker + content, 1).replace("</head>", head + "</head>", 1)
        home.write_text(html, encoding="utf-8")

    return copy, damage


def visit_home(browser, site, axe: bool = False) -> tuple[survey.PageVisit, str]:
    """Visit '/' as the suite does; only the axe test pays for axe and the dark, narrow pass."""
    with survey.serve_site(site) as base:
        context = survey.new_context(browser, permissions=["clipboard-read", "clipboard-write"])
        result = survey.visit(context, base, "", axe=axe, narrow=axe, copy=False)
        context.close()
    return result, base


def test_a_broken_link_and_a_missing_anchor_fail_naming_the_page(browser, broken_site):
    """A link to a page that does not exist, and one to a missing anchor, are both reported on '/'."""
    site, damage = broken_site
    damage('<p><a href="no-such-page/">gone</a> and <a href="#no-such-anchor">nowhere</a></p>')
    home, base = visit_home(browser, site)
    problems = survey.link_problems([home], base)
    assert "/: links to /no-such-page/, which does not exist" in problems
    assert "/: links to /#no-such-anchor, which has no such anchor" in problems


def test_a_third_party_script_fails_naming_the_page(browser, broken_site):
    """A script from another host is refused and reported on '/': no reader's browser calls it."""
    site, damage = broken_site
    damage(head='<script src="https://cdn.example.com/analytics.js"></script>')
    home, _ = visit_home(browser, site)
    assert survey.foreign_request_problems(home) == ["/: requests a third-party host: https://cdn.example.com/analytics.js"]


def test_a_drawn_diagram_that_is_missing_or_invisible_fails_naming_the_page(browser, broken_site):
    """The build draws diagrams into the page (a diagram mermaid cannot draw stops the build:
    tests/tools/site/test_mermaid_svg.py). In the browser, a drawing that is absent or has no size is
    reported on '/', and a real one passes."""
    site, damage = broken_site
    drawn = (site / "reference" / "revision-graph" / "index.html").read_text(encoding="utf-8")
    real = re.search(r'<div class="mermaid"><svg\b.*?</svg></div>', drawn, re.S)[0]
    damage(real + '<div class="mermaid"></div><div class="mermaid"><svg width="0" height="0"></svg></div>')
    home, _ = visit_home(browser, site)
    assert home.diagrams_in_html == 3
    assert survey.diagram_problems(home) == ["/: 2 of 3 mermaid diagrams were not rendered as an SVG drawing"]


def test_a_broken_diagram_left_to_the_browser_fails_naming_the_page_while_a_good_one_renders(browser, broken_site):
    """Without Chromium at build time mermaid draws in the browser: a valid diagram becomes
    an SVG there, and one mermaid cannot parse is reported on '/'."""
    site, damage = broken_site
    shutil.copy(mermaid_asset.source(), site / "assets" / "mermaid.min.js")
    damage(GOOD_DIAGRAM + BROKEN_DIAGRAM, head='<script src="assets/mermaid.min.js"></script>')
    home, _ = visit_home(browser, site)
    assert home.diagrams_in_html == 2
    assert [d["svg"] and not d["error"] for d in home.diagrams][:1] == [True], home.diagrams
    assert survey.foreign_request_problems(home) == []
    problems = survey.diagram_problems(home)
    assert problems and all(p.startswith("/: ") for p in problems), problems
    assert "/: 1 of 2 mermaid diagrams were not rendered as an SVG drawing" in problems


def test_a_diagram_without_mermaid_served_fails_naming_the_page(browser, broken_site):
    """Without the site's own mermaid, Material would fetch it from a CDN: refused, and the diagram stays text."""
    site, damage = broken_site
    damage(GOOD_DIAGRAM)
    home, _ = visit_home(browser, site)
    assert "/: 1 of 1 mermaid diagrams were not rendered as an SVG drawing" in survey.diagram_problems(home)
    assert any("unpkg.com/mermaid" in p for p in survey.foreign_request_problems(home))


# Two code blocks as the build leaves them, each with its copy button (tools/site/copy_buttons.py).
TWO_BLOCKS = add_copy_buttons('<div class="highlight"><pre><code id="first-block">first block</code></pre></div>'
                              '<div class="highlight"><pre><code id="second-block">second block</code></pre></div>',
                              title="Copy to clipboard")


@pytest.mark.parametrize("where", ["page", "closed details"])
def test_a_code_block_whose_copy_button_copies_something_else_fails(browser, broken_site, where):
    """A copy button pointed at another block's code is reported on '/', also in a closed
    <details> (the reference pages show every test's source in one)."""
    site, damage = broken_site
    damage(TWO_BLOCKS if where == "page" else f"<details><summary>Source</summary>{TWO_BLOCKS}</details>")
    with survey.serve_site(site) as base:
        context = survey.new_context(browser, permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(base)
        # Aim the second block's button at the first block's code.
        page.evaluate("""() => {
            const [first, second] = document.querySelectorAll(".md-content button[data-clipboard-target]");
            second.dataset.clipboardTarget = first.dataset.clipboardTarget;
        }""")
        blocks = page.evaluate(survey.COLLECT)["codeBlocks"]
        home = survey.PageVisit("", code_blocks=blocks, copy_problems=survey.copy_check(page, blocks, reader_click=True))
        context.close()
    assert any(p.startswith("/: the copy button of code block") for p in survey.copy_button_problems(home))


def test_an_accessibility_violation_fails_naming_the_page(browser, broken_site):
    """An image with no text alternative is a critical axe finding, reported on '/'."""
    site, damage = broken_site
    damage('<p><img src="assets/images/favicon.png" width="40" height="40"></p>')
    home, _ = visit_home(browser, site, axe=True)
    assert any(p.startswith("/: axe critical image-alt") for p in survey.axe_problems(home)), home.axe


def test_a_page_without_the_palette_toggle_fails_naming_the_page(browser, broken_site):
    """The 375 px checks run in the dark palette, reached with the header toggle: a page
    whose header lost it is reported on '/', not checked in light by mistake."""
    site, damage = broken_site
    damage(head='<style>form[data-md-component=palette] label { display: none; }</style>'
                '<script>addEventListener("DOMContentLoaded", () => '
                'document.querySelector("form[data-md-component=palette]").remove())</script>')
    home, _ = visit_home(browser, site, axe=True)
    assert survey.palette_problems(home) == ["/: has no light/dark toggle in its header"]


def test_a_visit_whose_browser_stops_answering_is_cut_short_and_made_again(broken_site):
    """A page that keeps its renderer busy for good once loaded: the survey's worker kills that
    browser when the visit has taken the time allowed, visits the page once more in a new
    browser, and then reports the page as not inspected, instead of waiting forever."""
    site, damage = broken_site
    damage(head="<script>addEventListener('load', () => setTimeout(() => { for (;;); }))</script>")
    tasks, retried = queue.SimpleQueue(), []
    tasks.put((0, ""))
    outcome = []
    with survey.serve_site(site) as base:
        worker = threading.Thread(daemon=True, target=lambda: outcome.extend(  # a Playwright of its own
            _worker(base, tasks, [], [], threading.Event(), stuck_after_s=5, retried=retried)))
        worker.start()
        worker.join(timeout=120)  # two stuck visits of 5 s and two browsers started: far less, unless it hangs
    assert not worker.is_alive(), "the worker is still waiting on the stuck page"
    [(_, home)] = outcome
    assert [line.split(" (")[0] for line in retried] == ["/", "/"], retried
    assert survey.load_problems(home) and home.error, "the stuck page is not reported"
