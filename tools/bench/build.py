"""The cold strict build, notebooks included: `make bench-build` (`python -m tools.bench build`).

Cold means a new `mkdocs build --strict` process in a fresh copy of the project: no
notebook cache, no diagram cache, no previous site, so every notebook is executed.
The machine's load average is printed with the timings: on a shared machine it
explains most of the spread.
"""

import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tools.bench import ROOT, Table, project_copy, section, strict_build
from tools.site.notebooks import execute_all, notebook_paths

RUNS = int(os.environ.get("BENCH_BUILD_RUNS", "3"))


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(call) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child processes `call` started)."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    call()
    return time.perf_counter() - start, cpu_of_children() - cpu


def cold_build() -> tuple[float, float]:
    with project_copy() as copy:
        return timed(lambda: strict_build(copy, copy / "site"))


def warm_build() -> tuple[float, float]:
    """The same build again in the working tree, with the caches the first one left (.cache/)."""
    site = Path(tempfile.mkdtemp(prefix="bench-warm-site-"))
    try:
        strict_build(ROOT, site)  # fills the caches if this clone has none yet
        return timed(lambda: strict_build(ROOT, site))
    finally:
        shutil.rmtree(site, ignore_errors=True)


def notebooks_alone() -> tuple[float, float]:
    return timed(lambda: execute_all(notebook_paths()))


@section("build")
def build_timings() -> Table:
    load_before = os.getloadavg()[0]
    runs = {
        f"cold strict build, {len(notebook_paths())} notebooks executed": [cold_build() for _ in range(RUNS)],
        "warm strict build (caches present, nothing changed)": [warm_build() for _ in range(RUNS)],
        "the notebooks alone, kernels at once": [notebooks_alone() for _ in range(RUNS)],
    }
    table = Table("Cold build (seconds, this machine)", ["what", "wall median", "wall best", "CPU median (kernels included)"])
    for label, timings in runs.items():
        walls, cpus = [w for w, _ in timings], [c for _, c in timings]
        table.rows.append([label, f"{statistics.median(walls):.2f}", f"{min(walls):.2f}", f"{statistics.median(cpus):.2f}"])
    # With N idle cores a build cannot take less than its CPU time / N, whatever the overlap.
    table.notes.append(f"{RUNS} runs (BENCH_BUILD_RUNS); load average {load_before:.1f} before,"
                       f" {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs.")
    return table
