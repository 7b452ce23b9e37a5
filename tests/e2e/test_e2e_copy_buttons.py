"""Copy buttons come with the page (tools/site/copy_buttons.py): Material's set-up inserts none.

That each button copies its block's code is checked on every page by the survey
(test_e2e_pages.py::test_code_blocks_have_a_copy_button_that_copies_the_code).
"""

import pytest

from tests.e2e import survey

pytestmark = pytest.mark.e2e

# The hazard gallery (22 code blocks, most in content tabs) and Transactions (18, in the flow).
PAGES = ["production/hazards/", "alembic/transactions/"]

# From the moment Material's set-up starts (this DOMContentLoaded listener is registered before
# the page's scripts, so it runs first), counts each node put into a code block.
COUNT_INSERTIONS = """
window.codeBlockInsertions = 0;
const observer = new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.closest && record.target.closest("pre")) window.codeBlockInsertions += record.addedNodes.length;
  }
});
observer.observe(document, { childList: true, subtree: true });
document.addEventListener("DOMContentLoaded", () => {
  observer.takeRecords();  // what the parser built: not counted
  window.codeBlockInsertions = 0;
});
"""

FOUND = """() => ({
  inserted: window.codeBlockInsertions,
  blocks: document.querySelectorAll(".md-content pre > code").length,
  buttons: [...document.querySelectorAll(".md-content pre > code")].map(
    (code) => code.parentElement.querySelectorAll(":scope > nav > button[data-md-type=copy]").length),
  identified: [...document.querySelectorAll(".md-content pre > code")].every((code) => code.parentElement.id.startsWith("__code_")),
})"""


@pytest.mark.parametrize("path", PAGES)
def test_materials_set_up_puts_nothing_into_code_blocks(browser, base_url, path):
    """Once the page has loaded, each code block has exactly one copy button, and Material's
    set-up put no node into any block to get there (it still mounts each block: an id each)."""
    found = survey.read_after_load(browser, base_url + path, FOUND, record=COUNT_INSERTIONS)
    assert found["blocks"] > 15, f"{path} has {found['blocks']} code blocks: the check proves little"
    assert found["buttons"] == [1] * found["blocks"], found["buttons"]
    assert found["identified"], "Material did not mount the code blocks (no __code_ id)"
    assert found["inserted"] == 0, f"{found['inserted']} nodes were put into {path}'s code blocks as it loaded"


def test_without_javascript_no_copy_button_is_shown(browser, base_url):
    """Material's script is what copies: with JavaScript off the buttons would do nothing, and are hidden."""
    context = browser.new_context(java_script_enabled=False, viewport=survey.WIDE)
    page = context.new_page()
    page.goto(base_url + PAGES[0], wait_until="load")
    shown = page.locator(".md-content .md-code__nav").evaluate_all(
        "(navs) => navs.map((nav) => getComputedStyle(nav).display !== 'none')")
    context.close()
    assert shown and not any(shown), f"{sum(shown)} of {len(shown)} copy buttons are shown without JavaScript"
