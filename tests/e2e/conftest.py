"""Fixtures of the browser tests: the built site, served on 127.0.0.1, and Chromium.

Every page of the sitemap is loaded once and checked twice: at desktop width in the
light palette (every check, every axe rule), then narrowed to 375 px and switched to
dark with the palette toggle (sideways scrolling; and on the pages that between them
show every kind of content, tests/e2e/content_kinds.py, the axe rules that depend on
colours and width). Two workers, one per core, take the pages from one queue.
The tests in this folder then check what those visits recorded.

The visits start in the background as soon as the site is built, and the tests
that need them run last: the other browser tests (breakage, search, theme) run
meanwhile, on the CPU the visits leave idle while they wait on the browser.

Debian's Chromium (/usr/bin/chromium, `make browser` installs it) is driven through
Playwright; Playwright's own browser downloads are never used.
"""

import os
import queue
import signal
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import build_site as build
from tests.e2e import content_kinds, survey
from tools.common import ROOT
from tools.site.built_site import launch, site_file, sitemap_paths

SCREENSHOTS = ROOT / "screenshots"
# The reader's default is light; each visit then narrows the page and switches it to dark.
DESKTOP = {"viewport": survey.WIDE, "color_scheme": "light", "permissions": ["clipboard-read", "clipboard-write"]}

# What the run covered and found without failing, printed at its end: {section title: lines}.
REPORT: dict[str, list[str]] = {}
# Visits whose browser stopped answering and was replaced (see STUCK_AFTER_S).
RETRIED: list[str] = []


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built strictly from this working tree."""
    directory = tmp_path_factory.mktemp("e2e-site")
    result = build(ROOT, directory)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return directory


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with survey.serve_site(site) as url:
        yield url


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    paths = sitemap_paths(site)
    assert paths, "the sitemap lists no page"
    return paths


@pytest.fixture(scope="session")
def browser() -> Iterator:
    with sync_playwright() as playwright:
        chromium = launch(playwright, survey.BROWSER_ARGS)
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


# A visit this long is stuck (the longest take about 10 s): its browser is killed, which ends the
# visit with an error, and the page is visited again in a new browser. The waits inside the page
# are bounded too (survey.WITHIN), but a renderer that stops answering settles no page.evaluate.
STUCK_AFTER_S = 120


def _kill_browser(marker: str, killed: threading.Event) -> None:
    """Kill the Chromium processes started with `marker` among their arguments."""
    killed.set()
    for process in Path("/proc").iterdir():
        try:
            if process.name.isdigit() and marker.encode() in (process / "cmdline").read_bytes():
                os.kill(int(process.name), signal.SIGKILL)
        except OSError:
            pass  # gone meanwhile


def _worker(base_url: str, tasks: queue.SimpleQueue, key_pages: list[str], dark_axe_pages: list[str],
            stop: threading.Event, stuck_after_s: float = STUCK_AFTER_S,
            retried: list[str] = RETRIED) -> list[tuple[int, survey.PageVisit]]:
    """Take pages off the shared queue until it is empty, in a Playwright of this thread's own;
    a visit stuck for `stuck_after_s` is noted in `retried` and made again in a new browser."""
    done = []
    marker = f"--handbook-visit-worker={uuid.uuid4().hex}"  # finds this worker's browser in /proc
    with sync_playwright() as playwright:

        def new_tab():
            chromium = launch(playwright, (*survey.BROWSER_ARGS, marker))
            return chromium, survey.Tab(survey.new_context(chromium, **DESKTOP))

        chromium, tab = new_tab()
        while not stop.is_set():
            try:
                index, path = tasks.get_nowait()
            except queue.Empty:
                break
            shots = None
            if path in key_pages:
                name = f"{path.strip('/').replace('/', '--') or 'home'}.jpg"
                shots = (SCREENSHOTS / "desktop-light" / name, SCREENSHOTS / "mobile-dark" / name)
            for attempt in (1, 2):
                killed = threading.Event()
                watchdog = threading.Timer(stuck_after_s, _kill_browser, (marker, killed))
                watchdog.start()
                try:
                    visit = tab.visit(base_url, path, reader_click=shots is not None, screenshots=shots,
                                      axe_dark=path in dark_axe_pages)
                finally:
                    watchdog.cancel()
                # Killed, or a wait in the page that survey.WITHIN bounds ran out: stuck either way.
                if not killed.is_set() and survey.RAN_OUT not in (visit.error or ""):
                    break
                retried.append(f"/{path} (attempt {attempt}: {visit.error})")
                try:
                    chromium.close()
                except Exception:  # killed: nothing left to close
                    pass
                chromium, tab = new_tab()
            done.append((index, visit))
        chromium.close()
    return done


def pytest_collection_modifyitems(items):
    # The tests that read the visits go last, so the others run while the visits are under way.
    items.sort(key=lambda item: "visits" in item.fixturenames)


@pytest.fixture(scope="session", autouse=True)
def start_visits_early(request):
    """If this run checks every page, start the visits now, before the first test."""
    if any("visits" in item.fixturenames for item in request.session.items):
        request.getfixturevalue("visit_workers")


@pytest.fixture(scope="session")
def dark_axe_pages(site: Path, pages: list[str]) -> list[str]:
    """The pages that between them show every kind of content: axe checks them in dark too."""
    chosen = content_kinds.covering_site_pages(site, pages)
    REPORT["axe in the dark palette at 375 px: pages that show every kind of content"] = [
        f"{len(chosen)} of {len(pages)} pages: " + ", ".join(f"/{path}" for path in chosen)]
    return chosen


@pytest.fixture(scope="session")
def visit_workers(site: Path, base_url: str, pages: list[str], key_pages: list[str],
                  dark_axe_pages: list[str]) -> Iterator[list[Future]]:
    """Two workers (one per core) visiting every page in background threads."""
    for folder in ("desktop-light", "mobile-dark"):
        (SCREENSHOTS / folder).mkdir(parents=True, exist_ok=True)
    # Biggest pages first (HTML size predicts a visit's time well): the last pages taken are
    # short ones, so neither worker is left waiting on a long page at the end of the run.
    tasks = queue.SimpleQueue()
    for index, path in sorted(enumerate(pages), key=lambda item: -site_file(site, item[1]).stat().st_size):
        tasks.put((index, path))
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=2)
    yield [pool.submit(_worker, base_url, tasks, key_pages, dark_axe_pages, stop) for _ in range(2)]
    stop.set()  # a run stopped early (-x, Ctrl-C) does not wait for the rest of the pages
    pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def visits(visit_workers: list[Future], key_pages: list[str]) -> list[survey.PageVisit]:
    """Every page at 1280 px in light, then at 375 px in dark, once the workers are done."""
    result = [visit for _, visit in sorted(v for worker in visit_workers for v in worker.result())]
    slowest = sorted(result, key=lambda v: -v.seconds)[:3]
    REPORT["browser tests: what was checked"] = [
        f"{len(result)} pages, each at 1280 px light then 375 px dark; screenshots of {len(key_pages)} key pages in {SCREENSHOTS}",
        f"{sum(len(v.code_blocks) for v in result)} code blocks, {sum(v.diagrams_in_html for v in result)} mermaid diagrams, "
        f"{sum(v.notebook is not None for v in result)} notebook pages, {sum(len(set(v.links)) for v in result)} links",
        f"{sum(v.seconds for v in result):.0f} s of visits; slowest: " + ", ".join(f"/{v.path} {v.seconds:.1f} s" for v in slowest),
        f"visits stuck for {STUCK_AFTER_S} s, their browser replaced and the page visited again: {', '.join(RETRIED) or 'none'}",
    ]
    return result


def pytest_terminal_summary(terminalreporter):
    for title, lines in REPORT.items():
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)
