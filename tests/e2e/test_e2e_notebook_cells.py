"""Notebook pages render a cell only when it comes near the screen (tools/site/notebook_cells.css).

On a phone the walkthrough is about 100,000 px tall. The tests check that a cell far below
the screen is left unrendered at load, so the whole-page restyles of Material's set-up skip
it. They also check what must still work: a cell renders once the reader scrolls to it, and
a link to a heading far down lands on that heading.
"""

import pytest

from tests.e2e.survey import NARROW, settled

pytestmark = pytest.mark.e2e

PAGE = "notebooks/step-through-migrations/"
# The last heading of the walkthrough, below every cell of the chain's SQL.
LAST_HEADING = "up-again-the-schema-comes-back-the-data-does-not"

# For each cell: is what it holds rendered? (With `contentVisibilityAuto`, an element the browser
# skips because a cell around it is away from the screen counts as not visible.)
CELLS_RENDERED = """() => [...document.querySelectorAll(".jp-Notebook > .jp-Cell")]
  .map((cell) => cell.firstElementChild.checkVisibility({ contentVisibilityAuto: true }))"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=NARROW)
    yield context.new_page()
    context.close()


def test_a_cell_far_below_the_screen_is_rendered_only_when_the_reader_scrolls_to_it(phone, base_url):
    phone.goto(base_url + PAGE, wait_until="load")
    rendered = settled(phone, CELLS_RENDERED, "value[0] && !value[value.length - 1]")
    assert len(rendered) > 10, f"expected the walkthrough's cells, found {len(rendered)}"
    assert rendered[0], "the first cell, on screen at load, is not rendered"
    assert not rendered[-1], "the last cell, far below the screen, was rendered at load"

    phone.evaluate("() => [...document.querySelectorAll('.jp-Notebook > .jp-Cell')].at(-1).scrollIntoView()")
    rendered = settled(phone, CELLS_RENDERED, "value[value.length - 1]")
    assert rendered[-1], "the last cell is not rendered once scrolled to"


def test_a_link_to_a_heading_far_down_the_notebook_lands_on_it(phone, base_url):
    phone.goto(f"{base_url}{PAGE}#{LAST_HEADING}", wait_until="load")
    top = settled(phone, f"() => document.getElementById('{LAST_HEADING}').getBoundingClientRect().top",
                  f"value >= 0 && value < {NARROW['height'] / 2}")
    assert 0 <= top < NARROW["height"] / 2, f"the linked heading is {top:.0f} px from the top of the screen"

