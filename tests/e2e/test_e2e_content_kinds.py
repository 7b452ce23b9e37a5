"""The pages chosen for axe's dark pass show every kind of content the site has.

tests/e2e/content_kinds.py picks them from the built HTML; these tests check the
choice on small pages made up for the purpose, and on the site as built.
"""

import pytest

from tests.e2e.content_kinds import covering_pages, covering_site_pages, kinds_of
from tools.site.built_site import site_file


def page(content: str) -> str:
    return f"<header><nav><a class='md-nav__link'>nav</a></nav></header><article>{content}</article><footer/>"


def test_kinds_are_elements_of_the_article_with_the_box_they_sit_in():
    kinds = kinds_of(page('<p>text <a href="#x">link</a></p>'
                          '<div class="admonition warning"><p>careful <a href="#y">here</a></p></div>'))
    assert ("a", "") in kinds  # a link in the prose
    assert ("a", "div.admonition.warning") in kinds  # a link on a warning's background
    assert not any(kind.startswith("nav") or "md-nav__link" in kind for kind, _ in kinds)  # chrome is on every page


def test_a_page_with_a_kind_no_other_page_has_is_always_chosen():
    prose = page("<p>plain words</p>")
    pages = {f"plain-{n}/": prose for n in range(5)}
    pages["numbers/"] = page('<div class="highlight"><pre><code><span class="mi">42</span></code></pre></div>')
    pages["danger/"] = page('<div class="admonition danger"><p>plain words</p></div>')
    chosen = covering_pages(pages)
    assert "numbers/" in chosen and "danger/" in chosen
    assert sum(path.startswith("plain-") for path in chosen) == 1  # prose once is enough


@pytest.mark.e2e
def test_the_chosen_pages_of_the_site_show_every_kind_it_has(site, pages):
    chosen = covering_site_pages(site, pages)
    html = {path: site_file(site, path).read_text(encoding="utf-8") for path in pages}
    every_kind = set().union(*(kinds_of(text) for text in html.values()))
    assert set().union(*(kinds_of(html[path]) for path in chosen)) == every_kind
