"""The contributor loop: how long the checks and the live preview make a writer wait."""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tools.bench import Table, project_copy, section
from tools.bench.build import cold_build, warm_build
from tools.bench.pytest_time import warm_run
from tools.common import MKDOCS, ROOT, mkdocs_environment

SERVE_TIMEOUT_S = 180
SERVE_EDITS = 5


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def strict_build_cold() -> float:
    """`mkdocs build --strict` in a fresh copy of the project: no caches, no previous site."""
    return cold_build()[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"mkdocs serve: {what} did not happen within {SERVE_TIMEOUT_S} s")
        time.sleep(0.05)


def serve_rebuilds(edits: int = SERVE_EDITS) -> list[float]:
    """Seconds from saving an edited Markdown page to `mkdocs serve` serving the new text,
    for each of `edits` edits in a row (the serve process started once, with the caches a
    contributor's clone has)."""
    with project_copy() as copy:
        if (ROOT / ".cache").is_dir():
            shutil.copytree(ROOT / ".cache", copy / ".cache")
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=copy, env=mkdocs_environment(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(lambda: "</html>" in page_text(url), "the first build")
            page = Path(copy / "docs" / "index.md")
            original = page.read_text(encoding="utf-8")
            timings = []
            for _ in range(edits):
                time.sleep(1)  # let the server settle, as between two saves of a writer
                marker = f"bench-edit-{time.time_ns()}"
                start = time.perf_counter()
                page.write_text(original + f"\n{marker}\n", encoding="utf-8")
                wait_for(lambda: marker in page_text(url), "the rebuild after the edit")
                timings.append(time.perf_counter() - start)
            return timings
        finally:
            server.terminate()
            server.wait(timeout=30)


def browser_tests() -> float:
    """The browser suite as `make e2e` runs it (site build included), once: it takes minutes."""
    return timed(lambda: subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "e2e", "tests/e2e", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, check=True, capture_output=True))


@section("loop")
def contributor_loop() -> Table:
    table = Table("Contributor loop (seconds, this machine)", ["step", "seconds", "target"])
    table.rows.append(["`pytest` warm, no browser tests (make test without e2e)", f"{warm_run()[0]:.1f}", "≤ 20"])
    table.rows.append(["`mkdocs build --strict`, cold (fresh copy)", f"{strict_build_cold():.1f}", "≤ 3"])
    table.rows.append(["`mkdocs build --strict`, warm (caches present)", f"{warm_build()[0]:.1f}", "≤ 2"])
    rebuilds = serve_rebuilds()
    table.rows.append([f"`mkdocs serve` rebuild after a Markdown edit (median of {len(rebuilds)})",
                       f"{statistics.median(rebuilds):.2f}", "≤ 1"])
    table.rows.append(["browser tests (`make e2e` once installed)", f"{browser_tests():.1f}", "< 180"])
    table.notes.append(f"Measured with {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end;"
                       " other work on the machine slows every number.")
    return table
