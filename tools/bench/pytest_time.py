"""Where plain `pytest`'s time goes: its test time by area of the suite, and the floor that sets.

`pytest` runs the suite on every core (tests/parallel_by_default.py), so its wall time cannot
be less than the summed time of its tests divided by the cores. The table shows that sum per
area (each test's setup, call and teardown, as pytest's JUnit report gives them), so a target
can be weighed against what the suite does: migrations run on real engines, servers started,
pages built.
"""

import functools
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

from tools.bench import ROOT, Table, section
from tools.bench.build import timed

SLOWEST_SHOWN = 8


@functools.cache
def warm_run() -> tuple[float, Path]:
    """Plain `pytest` (browser tests deselected), run once to warm caches, then timed:
    (wall seconds, the timed run's JUnit report). Shared by the sections of one bench run."""
    report = Path(tempfile.mkdtemp(prefix="bench-pytest-")) / "junit.xml"

    def run(*extra: str) -> None:
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra], cwd=ROOT,
                       check=True, capture_output=True)

    run()
    wall, _ = timed(lambda: run(f"--junitxml={report}"))
    return wall, report


def area(classname: str) -> str:
    """`tests.pages.production.test_x` -> `tests/pages/production`; `tests.migrations.test_x` -> `tests/migrations`."""
    folders = classname.split(".")[:-1]
    depth = 3 if folders[1:2] in (["pages"], ["tools"]) else 2
    return "/".join(folders[:depth]) or classname


def timed_tests(report: Path) -> list[tuple[str, str, float]]:
    """(area, test id, seconds) for every test the report lists."""
    cases = ElementTree.parse(report).getroot().iter("testcase")
    return [(area(case.get("classname", "")), f"{case.get('classname')}::{case.get('name')}", float(case.get("time", 0)))
            for case in cases]


@section("pytest")
def pytest_profile() -> Table:
    wall, report = warm_run()
    times = timed_tests(report)
    by_area: dict[str, list[float]] = defaultdict(list)
    for name, _, seconds in times:
        by_area[name].append(seconds)
    total = sum(seconds for _, _, seconds in times)
    cores = os.cpu_count() or 1
    table = Table("Where `pytest`'s time goes (seconds of test time, this machine)",
                  ["area", "tests", "test time", "share"])
    for name, seconds in sorted(by_area.items(), key=lambda item: -sum(item[1])):
        table.rows.append([name, len(seconds), f"{sum(seconds):.1f}", f"{sum(seconds) / total:.0%}"])
    table.rows.append(["all", len(times), f"{total:.1f}", "100%"])
    slowest = sorted(times, key=lambda item: -item[2])[:SLOWEST_SHOWN]
    table.notes += [
        f"Wall time {wall:.1f} s on {cores} cores; the floor is the test time over the cores, {total / cores:.1f} s"
        f" (a 20 s run needs the test time under {20 * cores} s).",
        "Slowest tests (setup, call and teardown): " + "; ".join(f"{test} {seconds:.1f}" for _, test, seconds in slowest),
    ]
    return table
