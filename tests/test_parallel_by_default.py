"""A plain `pytest` spreads the whole suite over xdist workers; naming a test keeps one process
(tests/parallel_by_default.py), shown on a two-test project that loads the same plugin."""

import os
import re
import subprocess
import sys

import pytest

from tools.common import ROOT

PROJECT = {
    "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["t"]\naddopts = ["-m", "not e2e"]\n',
    "t/conftest.py": 'pytest_plugins = ["tests.parallel_by_default"]\n',
    "t/test_where.py": "def test_one():\n    pass\n\n\ndef test_two():\n    pass\n",
    "t/test_grouped.py": "import pytest\n\npytestmark = pytest.mark.xdist_group('shared')\n\n"
                         + "".join(f"\ndef test_grouped_{n}():\n    pass\n" for n in range(4)),
}


@pytest.fixture
def project(tmp_path):
    for name, text in PROJECT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run_pytest(project, *args: str) -> str:
    # Only xdist among the installed plugins: the workers start without loading the others.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)  # this test may itself run in a worker
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "xdist", "-p", "no:cacheprovider", *args],
                            cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_plain_pytest_runs_the_whole_suite_on_xdist_workers(project):
    output = run_pytest(project, "-v")
    assert "6 passed" in output
    assert re.search(r"\[gw\d+\] \[ *\d+%\] PASSED t/test_where.py::test_one", output), output


def test_plain_pytest_keeps_a_group_s_tests_on_one_worker(project):
    """The tests of one xdist_group share a per-process run: all on one worker, never split."""
    output = run_pytest(project, "-v")
    workers = re.findall(r"\[(gw\d+)\] \[ *\d+%\] PASSED t/test_grouped.py::test_grouped_\d@shared", output)
    assert len(workers) == 4 and len(set(workers)) == 1, output


def test_naming_a_test_file_keeps_one_process(project):
    output = run_pytest(project, "-v", "t/test_where.py")
    assert "2 passed" in output
    assert "[gw" not in output, output
