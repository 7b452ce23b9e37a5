"""Collapsible blocks (<details>): what a closed one gives the reader once the page has loaded.

While Material sets the page up, the hidden part of a closed block is not laid out
(docs/assets/javascripts/details-at-load.js). The test below checks that this lasts
only while the page loads: afterwards the browser's own rule holds again, and a code block
inside is measured when the reader opens it, as on any page.
"""

import pytest

from tests.e2e.survey import settled

pytestmark = pytest.mark.e2e

# A reference page of tests: every test's source is a code block in a closed <details>.
PAGE = "reference/tests/test_production_hazards/"
# Narrow enough that some lines of those sources are wider than their box (they then scroll).
VIEWPORT = {"width": 480, "height": 800}

# How the hidden part of each closed block is drawn: Chromium keeps it "content-visibility:
# hidden" (its find-in-page searches it and opens the block that holds a match); "display:
# none" would hide it from find-in-page.
HIDDEN_PARTS = """() => [...document.querySelectorAll(".md-content details:not([open])")].map((details) => {
  const style = getComputedStyle(details, "::details-content");
  return `${style.display} ${style.contentVisibility}`;
})"""

# For each code block (Material scrolls the <code> inside its <pre>): is it wider than its box,
# and can the keyboard reach it (tabindex)?
CODE_BLOCKS = """() => [...document.querySelectorAll(".md-content details pre > code")].map((code) => ({
  scrolls: code.scrollWidth > code.clientWidth,
  focusable: code.getAttribute("tabindex") === "0",
}))"""


def test_closed_details_are_searchable_after_load_and_their_code_is_measured_when_opened(browser, base_url):
    """After load every closed block's hidden part follows the browser's rule again (find-in-page
    reaches it), and once opened, each code block that scrolls sideways gets a tabindex from
    Material (a keyboard user can scroll it) while the others get none."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(base_url + PAGE, wait_until="load")
    hidden = settled(page, HIDDEN_PARTS, 'value.every((drawn) => drawn === "block hidden")')
    assert len(hidden) >= 10, f"expected the page's test sources in closed details, found {len(hidden)}"
    assert set(hidden) == {"block hidden"}, f"hidden parts of closed details drawn as {sorted(set(hidden))}"

    page.evaluate("() => document.querySelectorAll('.md-content details').forEach((d) => { d.open = true; })")
    blocks = settled(page, CODE_BLOCKS, "value.every((block) => block.scrolls === block.focusable)")
    context.close()
    assert any(block["scrolls"] for block in blocks), f"no source scrolls at {VIEWPORT['width']} px: the check proves nothing"
    assert not all(block["scrolls"] for block in blocks), "every source scrolls: the check cannot tell a tabindex given to all"
    wrong = [number for number, block in enumerate(blocks, start=1) if block["scrolls"] != block["focusable"]]
    assert not wrong, f"code blocks {wrong}: tabindex does not match whether the block scrolls"
