"""Time the cold strict build of the site, notebooks included: `make bench` runs it.

Cold means a new `mkdocs build --strict` process writing to a new, empty folder;
mkdocs-jupyter's cache is off, so every notebook is executed and rendered each time.
Timings belong here, never in a test. The machine's load average is printed with
them: on a shared machine it explains most of the spread.

    python -m tools.bench_build [--runs N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.notebooks import execute_all, notebook_paths

ROOT = Path(__file__).resolve().parents[1]


def timed_build() -> float:
    with tempfile.TemporaryDirectory() as site:
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        )
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def timed_notebooks() -> float:
    start = time.perf_counter()
    execute_all(notebook_paths())
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    builds = [timed_build() for _ in range(options.runs)]
    notebooks = [timed_notebooks() for _ in range(options.runs)]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    count = len(notebook_paths())
    print(f"cold strict build, {count} notebooks executed: median {statistics.median(builds):.2f} s, "
          f"best {min(builds):.2f} s over {options.runs} runs")
    print(f"the notebooks alone, all kernels at once:     median {statistics.median(notebooks):.2f} s, "
          f"best {min(notebooks):.2f} s")
    print(f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
