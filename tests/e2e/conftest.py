"""Fixtures of the browser tests: the built site, served on 127.0.0.1, and Chromium.

Every page of the sitemap is visited twice: at desktop width in the light palette
(every check, every axe rule), and at 375 px in the dark palette (load, console,
requests, diagrams, sideways scrolling, and the axe rules that depend on colours and
width). Two workers, one per core, take these visits from one queue.
The tests in this folder then check what those visits recorded.

Debian's Chromium (/usr/bin/chromium, `make browser` installs it) is driven through
Playwright; Playwright's own browser downloads are never used.
"""

from collections.abc import Iterator
import queue
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


# The two passes: browser context options, and what each visit of that pass checks.
PASSES = {
    "desktop": (DESKTOP, {"copy": True, "axe_rules": None}, "desktop-light"),
    "mobile": (MOBILE, {"copy": False, "axe_rules": survey.PALETTE_AND_WIDTH_RULES}, "mobile-dark"),
}


def _worker(base_url: str, tasks: queue.SimpleQueue, key_pages: list[str]) -> list[tuple[str, int, survey.PageVisit]]:
    """Take (pass, page) visits off the shared queue until it is empty, in a Playwright of this thread's own.

    Both workers take from one queue, so the two cores stay busy until the last page
    whichever pass is the slower one.
    """
    done = []
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        tabs = {name: survey.Tab(survey.new_context(chromium, **options)) for name, (options, _, _) in PASSES.items()}
        while True:
            try:
                name, index, path = tasks.get_nowait()
            except queue.Empty:
                break
            _, checks, folder = PASSES[name]
            shot = None
            if path in key_pages:
                shot = SCREENSHOTS / folder / f"{path.strip('/').replace('/', '--') or 'home'}.png"
            done.append((name, index, tabs[name].visit(base_url, path, reader_click=shot is not None,
                                                       screenshot=shot, **checks)))
        chromium.close()
    return done


@pytest.fixture(scope="session")
def visits(base_url: str, pages: list[str], key_pages: list[str]) -> dict[str, list[survey.PageVisit]]:
    """Every page at desktop width in light mode and at 375 px in dark mode, two visits at a time."""
    for _, _, folder in PASSES.values():
        (SCREENSHOTS / folder).mkdir(parents=True, exist_ok=True)
    tasks = queue.SimpleQueue()
    for index, path in enumerate(pages):
        for name in PASSES:
            tasks.put((name, index, path))
    with ThreadPoolExecutor(max_workers=2) as pool:
        workers = [pool.submit(_worker, base_url, tasks, key_pages) for _ in range(2)]
        done = [visit for worker in workers for visit in worker.result()]
    result = {name: [v for _, _, v in sorted(d for d in done if d[0] == name)] for name in PASSES}
    checked = result["desktop"]
    REPORT["browser tests: what was checked"] = [
        f"{len(checked)} pages, twice (1280 px light, 375 px dark); screenshots of {len(key_pages)} key pages in {SCREENSHOTS}",
        f"{sum(len(v.code_blocks) for v in checked)} code blocks, {sum(v.diagrams_in_html for v in checked)} mermaid diagrams, "
        f"{sum(v.notebook is not None for v in checked)} notebook pages, {sum(len(set(v.links)) for v in checked)} links",
        *(f"{name} pass: {sum(v.seconds for v in passed):.0f} s of visits; slowest: "
          + ", ".join(f"/{v.path} {v.seconds:.1f} s" for v in sorted(passed, key=lambda v: -v.seconds)[:3])
          for name, passed in result.items()),
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
