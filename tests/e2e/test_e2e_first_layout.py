"""A page's first layout is its last: the root element's classes are final before the body is parsed.

Material's bundle, at the end of the body, swaps the root element's "no-js" class for "js", and
its focus-visible polyfill adds "js-focus-visible". A class changed on the root element after the
body is parsed makes the browser restyle every element, and on a short page the no-js layout
(a sidebar as long as the whole nav) had put the footer below the screen, from where the bundle
moved it up into view: Lighthouse counted that as a layout shift. overrides/main.html sets both
classes in the head.
"""

import pytest

pytestmark = pytest.mark.e2e

# Short enough that the footer is on screen at 1280 px.
PAGE = "reference/tests/test_snippets/"

# Each change of the root element's classes, and whether the body existed then. (The observer's
# callback runs after the script that made the change, before the parser goes on.) Setting the
# classes to what they already are (the bundle's "remove no-js" once it is gone) is no change.
RECORD = """
window.__rootClasses = [];
new MutationObserver((records) => {
  const root = records.filter((record) => record.target === document.documentElement);
  root.forEach((record, index) => {
    const after = index + 1 < root.length ? root[index + 1].oldValue : document.documentElement.className;
    if (after !== record.oldValue) window.__rootClasses.push({ before: record.oldValue, after, bodyParsed: !!document.body });
  });
}).observe(document, { attributes: true, attributeFilter: ["class"], attributeOldValue: true, subtree: true });
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__shifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
"""


def test_the_root_element_classes_are_final_before_the_body_is_parsed(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD)
    page.goto(base_url + PAGE, wait_until="load")
    page.wait_for_timeout(300)
    changes = page.evaluate("window.__rootClasses")
    final = page.evaluate("document.documentElement.className")
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert set(final.split()) >= {"js", "js-focus-visible"}, f"the page ended with root classes {final!r}"
    late = [f"{change['before']!r} -> {change['after']!r}" for change in changes if change["bodyParsed"]]
    assert not late, f"the root element's classes changed after the body was parsed: {late}"
    assert not shifts, f"the page's layout shifted as it loaded: {shifts}"
