"""Time the cold strict build of the site, notebooks included: `make bench` runs it.

Cold means a new `mkdocs build --strict` process writing to a new, empty folder;
mkdocs-jupyter's cache is off, so every notebook is executed and rendered each time.
Timings belong here, never in a test. The machine's load average is printed with
them: on a shared machine it explains most of the spread.

    python -m tools.bench_build [--runs N]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.notebooks import execute_all, notebook_paths

ROOT = Path(__file__).resolve().parents[1]


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build() -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its kernels)."""
    with tempfile.TemporaryDirectory() as site:
        cpu = cpu_of_children()
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        )
        elapsed = time.perf_counter() - start
        cpu = cpu_of_children() - cpu
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}{result.stderr}")
    return elapsed, cpu


def timed_notebooks() -> tuple[float, float]:
    cpu = cpu_of_children()
    start = time.perf_counter()
    execute_all(notebook_paths())
    return time.perf_counter() - start, cpu_of_children() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    builds = [timed_build() for _ in range(options.runs)]
    notebooks = [timed_notebooks() for _ in range(options.runs)]
    count = len(notebook_paths())
    for label, runs in ((f"cold strict build, {count} notebooks executed", builds), ("the notebooks alone, kernels at once", notebooks)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{label:<45} wall: median {statistics.median(walls):5.2f} s, best {min(walls):5.2f} s;"
              f" CPU (kernels included): median {statistics.median(cpus):5.2f} s")
    # With N idle cores a build cannot take less than its CPU time / N, whatever the overlap.
    print(f"{options.runs} runs; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
