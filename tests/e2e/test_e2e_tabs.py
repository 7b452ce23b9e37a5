"""Content tabs (pymdownx.tabbed): the line under the active tab, and what moving it touches.

Material positions that line with two custom properties set on the tab set
(docs/assets/stylesheets/tabs.css registers them as not inherited, so a change
restyles the labels, not the code the tabs hold).
"""

import pytest

from tests.e2e.survey import settled

pytestmark = pytest.mark.e2e

# The hazard gallery: eight tab sets, each tab a revision's code and its run.
PAGE = "production/hazards/"

# For the first tab set: where the line under the labels is drawn, where the active label is,
# and what the tab set's custom properties are inside the active tab's content.
FIRST_SET = """() => {
  const set = document.querySelector(".md-content .tabbed-set");
  const line = getComputedStyle(set.querySelector(".tabbed-labels"), "::before");
  const active = set.querySelector(":scope > input:checked");
  const label = set.querySelector(`label[for="${active.id}"]`);
  const content = getComputedStyle(set.querySelector(".tabbed-block pre > code"));
  return {
    line: [new DOMMatrix(line.transform).m41, parseFloat(line.width)],
    label: [label.offsetLeft, label.offsetWidth],
    inContent: ["--md-indicator-x", "--md-indicator-width"].map((name) => content.getPropertyValue(name)),
  };
}"""


def test_tab_line_follows_the_active_tab_without_reaching_the_tab_content(browser, base_url):
    """The line under the labels sits under the active label, before and after the reader picks
    another tab, and the properties that place it are not inherited by the code in the tabs."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url + PAGE, wait_until="load")
    for pick in (None, 1):
        if pick is not None:
            page.locator(".md-content .tabbed-set").first.locator(".tabbed-labels label").nth(pick).click()
        # The line slides there (a CSS transition): wait until it arrives.
        found = settled(page, FIRST_SET, "value.line.every((at, i) => Math.abs(at - value.label[i]) < 1)")
        assert found["line"] == pytest.approx(found["label"], abs=1), f"tab {pick}: line {found['line']}, label {found['label']}"
        assert found["inContent"] == ["", ""], f"tab {pick}: the tab content inherits {found['inContent']}"
    assert found["label"][0] > 0, "the second label starts where the first does: the check proves nothing"
    page.close()
