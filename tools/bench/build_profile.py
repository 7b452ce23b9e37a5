"""Where a cold strict build's time goes: `python -m tools.bench build-profile`.

One cold build (a fresh copy of the project: every notebook executed, every diagram drawn)
runs under cProfile. Its own process's time is summed by the package the code belongs to
(MkDocs, Material, Markdown extensions, this project's hooks, ...); time in C functions
counts for the package that called them, except time in a blocking call (a lock, a poll),
which is time the build waited for another process or thread. What other processes do
(notebook kernels, the diagram renderer) is the CPU time of the whole process tree minus
the profiled process's work.
The build cannot take less than its CPU time over the cores, whatever overlaps.
"""

import os
import pstats
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tools.bench import Table, project_copy, section
from tools.bench.build import timed
from tools.common import mkdocs_environment

SHOWN = 12
WAITING = "waiting (for kernels, subprocesses, threads)"
# C functions that block: cProfile's clock is the wall clock, so their time is time waited.
BLOCKING = ("acquire", "poll", "select", "sleep", "wait", "recv", "communicate")


def owner(filename: str, project: Path) -> str:
    """The package a profiled function belongs to: an installed package's top folder, or the
    project module's path, or Python's standard library."""
    path = Path(filename)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    if path.is_relative_to(project):
        relative = path.relative_to(project)
        return str(relative.with_suffix("")) if relative.parts[0] == "tools" else relative.parts[0]
    return "Python standard library"


def time_by_owner(stats: pstats.Stats, project: Path) -> dict[str, float]:
    """Own time of every function, by owner; a C function's time is split among its callers,
    except a blocking one's, which is time waited."""
    totals: dict[str, float] = defaultdict(float)
    table = stats.stats  # {(file, line, name): (calls, primitive calls, own time, cumulative, callers)}
    for (filename, _, function), (_, _, own, _, callers) in table.items():
        if filename == "~" and any(word in function for word in BLOCKING):
            totals[WAITING] += own
            continue
        if filename != "~" or not callers:  # a C function no profiled code called is Python's own
            totals[owner(filename, project) if filename != "~" else "Python standard library"] += own
            continue
        caller_time = sum(entry[2] for entry in callers.values()) or 1.0
        for (caller_file, _, _), entry in callers.items():
            name = "Python standard library" if caller_file == "~" else owner(caller_file, project)
            totals[name] += own * entry[2] / caller_time
    return totals


@section("build-profile")
def build_profile() -> Table:
    with project_copy() as copy:
        profile = copy / "build.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "--strict",
                   "--quiet", "--site-dir", str(copy / "site")]
        runs = []
        wall, cpu = timed(lambda: runs.append(
            subprocess.run(command, cwd=copy, env=mkdocs_environment(), capture_output=True, text=True)))
        result = runs[0]
        if result.returncode != 0:
            raise SystemExit(f"the profiled build failed:\n{result.stdout}{result.stderr}")
        stats = pstats.Stats(str(profile))
        totals = time_by_owner(stats, copy)
    profiled = sum(totals.values())
    table = Table("Where a cold strict build's time goes (seconds of the mkdocs process, under cProfile)",
                  ["code", "seconds", "share"])
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    for name, seconds in ranked[:SHOWN]:
        table.rows.append([name, f"{seconds:.2f}", f"{seconds / profiled:.0%}"])
    rest = sum(seconds for _, seconds in ranked[SHOWN:])
    table.rows.append([f"{len(ranked) - SHOWN} more", f"{rest:.2f}", f"{rest / profiled:.0%}"])
    table.rows.append(["the mkdocs process, all", f"{profiled:.2f}", "100%"])
    others = max(cpu - (profiled - totals[WAITING]), 0)
    table.notes.append(
        f"Wall {wall:.1f} s (cProfile slows the mkdocs process); CPU of every process {cpu:.1f} s, of which other"
        f" processes (notebook kernels, diagrams) about {others:.1f} s. On {os.cpu_count()} cores the build"
        f" cannot take less than about {cpu / (os.cpu_count() or 1):.1f} s, less the profiler's share.")
    return table
