"""Tables arrive wrapped from the build (tools/site/table_markup.py).

Material's set-up used to take each table out of the page to wrap it, after the first
layout. These tests check that it moves none now, and that a prewrapped table is styled
exactly as a table Material styles as its own.
"""

import pytest

from tests.e2e import survey

pytestmark = pytest.mark.e2e

# Lock receipts: 14 tables in the page's flow. The hazard gallery: 16, most inside content tabs.
PAGES = ["production/locks/", "production/hazards/"]

# Counts, from before the page's first script on, each table taken out of the document.
COUNT_MOVED_TABLES = """
window.movedTables = 0;
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.removedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && (node.matches("table") || node.querySelector("table"))) {
        window.movedTables += 1;
      }
    }
  }
}).observe(document, { childList: true, subtree: true });
"""

LAYOUT = """() => ({
  moved: window.movedTables,
  tables: document.querySelectorAll(".md-content table").length,
  wrapped: document.querySelectorAll(".md-content .md-typeset__scrollwrap > .md-typeset__table > table.prewrapped").length,
  nested: document.querySelectorAll(".md-content .md-typeset__table .md-typeset__table").length,
})"""

# Each prewrapped table beside a copy of it without the class, so that Material's own
# `table:not([class])` rules style the copy: every computed property of the table and of each
# element in it, and the table's size, must be the same.
STYLE_DIFFERENCES = """() => {
  const style = (element) => {
    const computed = getComputedStyle(element);
    return Object.fromEntries([...computed].map((name) => [name, computed.getPropertyValue(name)]));
  };
  const differences = [];
  let compared = 0;
  for (const wrapper of document.querySelectorAll(".md-content .md-typeset__scrollwrap")) {
    const table = wrapper.querySelector(":scope > .md-typeset__table > table.prewrapped");
    if (!table) continue;
    const copy = wrapper.cloneNode(true);
    copy.querySelector("table").removeAttribute("class");
    wrapper.after(copy);
    const ours = [table, ...table.querySelectorAll("*")];
    const materials = [copy.querySelector("table"), ...copy.querySelector("table").querySelectorAll("*")];
    ours.forEach((element, i) => {
      const [mine, theirs] = [style(element), style(materials[i])];
      for (const name of Object.keys(theirs)) {
        if (mine[name] !== theirs[name]) differences.push(`${element.tagName} ${name}: ${mine[name]} != ${theirs[name]}`);
      }
      compared += 1;
    });
    const [a, b] = [table.getBoundingClientRect(), materials[0].getBoundingClientRect()];
    if (a.width !== b.width || a.height !== b.height) differences.push(`size ${a.width}x${a.height} != ${b.width}x${b.height}`);
    copy.remove();
  }
  return { compared, differences: [...new Set(differences)] };
}"""


@pytest.mark.parametrize("path", PAGES)
def test_materials_set_up_moves_no_table(browser, base_url, path):
    """Every table of the page is in Material's two wrappers when the page has loaded, and none
    was taken out of the document to get there (Material skips tables with a class)."""
    found = survey.read_after_load(browser, base_url + path, LAYOUT, record=COUNT_MOVED_TABLES)
    assert found["tables"] > 10, f"{path} has {found['tables']} tables: the check proves little"
    assert found["wrapped"] == found["tables"] and found["nested"] == 0, found
    assert found["moved"] == 0, f"{found['moved']} tables were taken out of {path} and put back as it loaded"


@pytest.mark.parametrize("viewport", [survey.NARROW, survey.WIDE], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", PAGES)
def test_a_prewrapped_table_is_styled_as_materials_own(browser, base_url, path, viewport):
    """Each table, and each element in it, computes the same style and the table takes the same
    size as a copy that only Material's rules for its own tables style."""
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + path, wait_until="load")
    # Open every tab, so that the tables inside tabs are laid out and their sizes compared too.
    page.evaluate("() => document.querySelectorAll('.md-content .tabbed-block').forEach((b) => { b.style.display = 'block'; })")
    found = page.evaluate(STYLE_DIFFERENCES)
    page.close()
    assert found["compared"] > 200, found
    assert found["differences"] == [], "\n".join(found["differences"][:20])
