"""The search box finds the pages that cover a topic.

What "cover" means is read from the built search index itself, so the test follows
the pages as they are written: the expected pages for a query are those with a word
that starts with the query (how Material's search matches: the index splits words
at the separator it records, and the search box adds a trailing wildcard). The test
types the query as a reader would, compares the count of matching pages with that
set, and checks that every page listed is in it.
"""

import html
import json
import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import REPORT

pytestmark = pytest.mark.e2e

QUERIES = ["batch", "downgrade", "drift"]
# The page written about each topic, which a reader expects near the top: chosen by hand,
# so the test does not only agree with the index it reads.
TOPIC_PAGE = {"batch": "alembic/batch/", "downgrade": "lifecycle/monitor-and-rollback/",
              "drift": "lifecycle/monitor-and-rollback/"}


def pages_covering(site, query: str) -> set[str]:
    """Pages (as site paths) with a word of their title or text that starts with `query`."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages = set()
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")).lower()
        if any(word.startswith(query) for word in separator.split(text)):
            pages.add(doc["location"].split("#")[0])
    return pages


@pytest.fixture(scope="module")
def home(browser, base_url):
    """One tab on the home page for the queries below: the index is downloaded and built once."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url)
    yield page
    page.close()


def search(page, query: str) -> tuple[str, set[str]]:
    """Type `query` into the search box; the result count line and the pages listed first.

    Material renders the first results and more as the list is scrolled; the count
    line ("33 matching documents") covers them all.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("Backspace")  # a key on the empty box: Material clears the previous query's results
    page.wait_for_function("(el) => !/matching/i.test(el.textContent)",
                           arg=page.locator(".md-search-result__meta").element_handle(), timeout=15_000)
    type_query(box, query)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "(el) => /matching|No matching/i.test(el.textContent)", arg=meta.element_handle(), timeout=15_000
    )
    items = page.locator("ol.md-search-result__list > li")  # one per page (its sections are nested)
    hrefs = items.evaluate_all("(items) => items.map((item) => item.querySelector('a').href)")
    return meta.inner_text(), set(hrefs)


def type_query(box, query: str) -> None:
    """Type `query` so that Material searches once, for the whole word.

    Material searches on each key's release. Typed letter by letter, each prefix
    ("d", "do", ...) gets its own results, and on a busy machine the count shown for
    an earlier prefix could be read before the last one arrives. So the word but its
    last letter is filled in without keys, and the last letter is typed.
    """
    box.fill(query[:-1])
    box.press(query[-1])


@pytest.mark.parametrize("query", QUERIES)
def test_search_lists_the_pages_that_cover_the_query(home, site, query):
    """Searching for a word finds as many pages as contain it, and lists only such pages (none: says so)."""
    expected = pages_covering(site, query)
    REPORT.setdefault("search: pages each query should find", []).append(
        f"{query!r}: {len(expected)} pages {sorted(expected)}")
    meta, found = search(home, query)

    listed = {urlsplit(href).path.lstrip("/") for href in found}  # without ?h=query, Material's highlight
    count = int(m[1]) if (m := re.match(r"\s*(\d+)", meta)) else 0
    assert count == len(expected), f"search for {query!r} says {meta!r}; pages with the word: {sorted(expected)}"
    assert listed <= expected, f"search for {query!r} lists pages without the word: {sorted(listed - expected)}"
    assert TOPIC_PAGE[query] in listed, f"search for {query!r} does not list {TOPIC_PAGE[query]}: {sorted(listed)}"
    if expected:
        assert listed, f"search for {query!r} says {meta!r} but lists no page"
    else:
        assert "No matching" in meta, meta


def test_a_word_on_no_page_finds_nothing(home, site):
    """A word on no page gives an empty list and says so, rather than listing pages at random."""
    word = "xylophonic"
    assert pages_covering(site, word) == set()
    meta, found = search(home, word)
    assert found == set() and "No matching" in meta


def test_the_search_index_is_downloaded_only_when_the_reader_searches(browser, base_url):
    """Pages load without the search index (docs/assets/javascripts/search-on-demand.js holds it
    back); focusing the search box fetches it once, and the first query is answered."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested = []
    page.on("request", lambda request: "search_index.json" in request.url and requested.append(request.url))
    page.goto(base_url + "cookbook/", wait_until="load")
    page.wait_for_timeout(500)  # Material asks for the index at start-up; it must still be waiting
    assert requested == [], f"the search index was downloaded before any search: {requested}"
    meta, found = search(page, "batch")
    page.close()
    assert len(requested) == 1, requested
    assert "alembic/batch/" in {urlsplit(href).path.lstrip("/") for href in found}, meta


def test_search_on_a_phone_opens_from_the_icon(browser, base_url):
    """At 375 px the search box is behind an icon: tapping it loads the index and searching works."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    page.locator("label.md-header__button[for=__search]").tap()
    type_query(page.locator("input.md-search__input"), "drift")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("(el) => /matching/i.test(el.textContent)", arg=meta.element_handle(), timeout=15_000)
    hrefs = page.locator("ol.md-search-result__list > li a").evaluate_all("(links) => links.map((a) => a.href)")
    context.close()
    assert TOPIC_PAGE["drift"] in {urlsplit(href).path.lstrip("/") for href in hrefs}, meta


def test_a_search_result_opens_with_the_words_highlighted(browser, base_url):
    """Following a result (?h=word) loads the index at once and marks the word on the page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "alembic/batch/?h=batch", wait_until="load")
    page.wait_for_selector(".md-content mark[data-md-highlight]", timeout=15_000)
    marked = page.locator(".md-content mark[data-md-highlight]").first.inner_text()
    page.close()
    assert marked.lower().startswith("batch")
