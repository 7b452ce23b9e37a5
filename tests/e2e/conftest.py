"""Fixtures of the browser tests: the built site, served on 127.0.0.1, and Chromium.

Every page of the sitemap is visited twice, in two threads (this machine has two
cores): at desktop width in the light palette (every check, every axe rule), and at
375 px in the dark palette (load, console, requests, diagrams, sideways scrolling, and
the axe rules that depend on colours and width).
The tests in this folder then check what those visits recorded.

Debian's Chromium (/usr/bin/chromium, `make browser` installs it) is driven through
Playwright; Playwright's own browser downloads are never used.
"""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e import survey
from tests.test_site_build import build
from tools.built_site import launch, serve, sitemap_paths

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light",
           "permissions": ["clipboard-read", "clipboard-write"]}
MOBILE = {"viewport": {"width": 375, "height": 812}, "color_scheme": "dark", "is_mobile": True, "has_touch": True}

# What the run covered and found without failing, printed at its end: {section title: lines}.
REPORT: dict[str, list[str]] = {}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built strictly from this working tree."""
    directory = tmp_path_factory.mktemp("e2e-site")
    result = build(ROOT, directory)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return directory


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    paths = sitemap_paths(site)
    assert paths, "the sitemap lists no page"
    return paths


@pytest.fixture(scope="session")
def browser() -> Iterator:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def key_pages(browser, base_url: str) -> list[str]:
    """The home page and the first page of each section of the navigation."""
    page = browser.new_page()
    page.goto(base_url)
    hrefs = page.evaluate("""() => [...document.querySelectorAll(".md-nav--primary > .md-nav__list > .md-nav__item")]
        .map((item) => item.querySelector("a.md-nav__link[href]")).filter(Boolean).map((a) => a.href)""")
    page.close()
    paths = [href.removeprefix(base_url).split("#")[0] for href in hrefs]
    return list(dict.fromkeys(["", *paths]))


def _survey(base_url: str, pages: list[str], options: dict, key_pages: list[str], folder: str) -> list[survey.PageVisit]:
    """One pass over every page, in its own Playwright instance (one per thread)."""
    shots = SCREENSHOTS / folder
    shots.mkdir(parents=True, exist_ok=True)
    desktop = "permissions" in options
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        context = survey.new_context(chromium, **options)
        visits = []
        for path in pages:
            key = path in key_pages
            shot = shots / f"{path.strip('/').replace('/', '--') or 'home'}.png" if key else None
            visits.append(survey.visit(context, base_url, path, copy=desktop, reader_click=key, screenshot=shot,
                                       axe_rules=None if desktop else survey.PALETTE_AND_WIDTH_RULES))
        chromium.close()
    return visits


@pytest.fixture(scope="session")
def visits(base_url: str, pages: list[str], key_pages: list[str]) -> dict[str, list[survey.PageVisit]]:
    """Every page at desktop width in light mode and at 375 px in dark mode, visited concurrently."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        desktop = pool.submit(_survey, base_url, pages, DESKTOP, key_pages, "desktop-light")
        mobile = pool.submit(_survey, base_url, pages, MOBILE, key_pages, "mobile-dark")
        result = {"desktop": desktop.result(), "mobile": mobile.result()}
    checked = result["desktop"]
    REPORT["browser tests: what was checked"] = [
        f"{len(checked)} pages, twice (1280 px light, 375 px dark); screenshots of {len(key_pages)} key pages in {SCREENSHOTS}",
        f"{sum(len(v.code_blocks) for v in checked)} code blocks, {sum(v.diagrams_in_html for v in checked)} mermaid diagrams, "
        f"{sum(v.notebook is not None for v in checked)} notebook pages, {sum(len(set(v.links)) for v in checked)} links",
    ]
    return result


@pytest.fixture(scope="session")
def desktop_visits(visits) -> list[survey.PageVisit]:
    return visits["desktop"]


@pytest.fixture(scope="session")
def all_visits(visits) -> list[survey.PageVisit]:
    return visits["desktop"] + visits["mobile"]


def pytest_terminal_summary(terminalreporter):
    for title, lines in REPORT.items():
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)
