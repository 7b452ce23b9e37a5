"""tools/bench/build_profile.py: a profiled build's time, by the package the code belongs to."""

import cProfile
import pstats
import random
import time

from tools.bench.build_profile import WAITING, owner, time_by_owner
from tools.common import ROOT


def test_an_owner_is_the_installed_package_or_the_project_module():
    assert owner("/venv/lib/python3.11/site-packages/material/plugins/search/plugin.py", ROOT) == "material"
    assert owner("/venv/lib/python3.11/site-packages/six.py", ROOT) == "six"
    assert owner(str(ROOT / "tools" / "site" / "hooks" / "notebooks.py"), ROOT) == "tools/site/hooks/notebooks"
    assert owner(str(ROOT / "migrations" / "env.py"), ROOT) == "migrations"
    assert owner("/usr/lib/python3.11/json/decoder.py", ROOT) == "Python standard library"


def sort_numbers(numbers: list[float]) -> list[float]:
    return sorted(numbers)  # a C function: nearly all the time is spent in it


def test_time_in_c_functions_counts_for_the_code_that_called_them():
    numbers = [random.random() for _ in range(200_000)]
    profiler = cProfile.Profile()
    profiler.runcall(sort_numbers, numbers)
    stats = pstats.Stats(profiler)
    totals = time_by_owner(stats, ROOT)
    assert totals["tests"] > 0.9 * stats.total_tt, f"the sort's time went elsewhere: {dict(totals)}"
    assert abs(sum(totals.values()) - stats.total_tt) < 1e-6, "time was lost or counted twice"


def test_time_in_a_blocking_call_is_counted_as_waiting_not_as_work():
    profiler = cProfile.Profile()
    profiler.runcall(time.sleep, 0.05)
    totals = time_by_owner(pstats.Stats(profiler), ROOT)
    assert totals[WAITING] >= 0.04, f"the sleep was counted as {dict(totals)}"
