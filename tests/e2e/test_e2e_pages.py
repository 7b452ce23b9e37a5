"""Every page of the sitemap, as Chromium shows it to a reader.

The pages are visited once (tests/e2e/conftest.py): at 1280 px in the light palette,
then narrowed to 375 px and switched to the dark palette. Each test checks one thing on every page and
names each page where it fails. New pages are covered as soon as they are built.
"""

import pytest

from tests.e2e import survey
from tests.e2e.conftest import REPORT, SCREENSHOTS

pytestmark = pytest.mark.e2e


def assert_no_problems(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_every_page_of_the_sitemap_loads(pages, visits):
    """Every page in sitemap.xml answers 200 and could be inspected, at both widths."""
    assert [v.path for v in visits] == pages, "not every page of the sitemap was visited"
    assert_no_problems([p for v in visits for p in survey.load_problems(v)])


def test_no_console_error_uncaught_exception_or_failed_request(visits):
    """The console stays free of errors, no script throws, no file the page loads is missing."""
    assert_no_problems([p for v in visits for p in survey.console_problems(v)])


def test_no_request_leaves_127_0_0_1(visits):
    """No font, script, style or image comes from another host: the site works offline."""
    assert_no_problems([p for v in visits for p in survey.foreign_request_problems(v)])


def test_internal_links_and_anchors_resolve(visits, base_url):
    """Each link to the site, in the content and in the navigation, leads to a page and anchor that exist."""
    assert_no_problems(survey.link_problems(visits, base_url))


def test_code_blocks_have_a_copy_button_that_copies_the_code(visits):
    """Each code block has a copy button; clicking it puts exactly the block's code on the clipboard."""
    assert_no_problems([p for v in visits for p in survey.copy_button_problems(v)])


def test_mermaid_diagrams_render_as_svg(visits):
    """Each mermaid block of the built HTML becomes an SVG drawing, not an error, in both palettes."""
    assert_no_problems([p for v in visits for p in survey.diagram_problems(v)])


def test_notebook_pages_show_their_outputs(visits):
    """A notebook page shows the outputs of its executed cells, images included."""
    assert_no_problems([p for v in visits for p in survey.notebook_problems(v)])


def test_axe_finds_no_serious_or_critical_violation(visits, dark_axe_pages):
    """axe-core finds no serious or critical accessibility violation: every rule on every page
    at 1280 px in light, and the colour and width rules at 375 px in dark on the pages that
    between them show every kind of content (tests/e2e/content_kinds.py).

    Lesser findings do not fail the test; they are listed at the end of the run and
    in screenshots/axe-findings.txt.
    """
    minor = sorted({p for v in visits for p in survey.axe_problems(v, impacts=("minor", "moderate"))})
    REPORT["axe findings below serious (not failures)"] = minor or ["none"]
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe-findings.txt").write_text("".join(line + "\n" for line in minor), encoding="utf-8")
    checked_dark = [v.path for v in visits if v.axe_narrow_dark is not None]
    assert checked_dark == [v.path for v in visits if v.path in dark_axe_pages], \
        "the dark pass did not run on exactly the chosen pages"
    assert_no_problems([p for v in visits for p in survey.axe_problems(v)])


def test_body_does_not_scroll_sideways_at_375_px(visits):
    """On a 375 px wide phone no page is wider than the screen; wide code and tables scroll inside their box."""
    assert_no_problems([p for v in visits for p in survey.sideways_scroll_problems(v)])


def test_the_palette_toggle_turns_every_page_dark(visits):
    """On every page the header toggle switches to the dark palette (the 375 px checks run in it)."""
    assert_no_problems([p for v in visits for p in survey.palette_problems(v)])
