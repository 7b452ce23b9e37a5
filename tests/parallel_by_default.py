"""A plain `pytest` runs on every core, as `make test` does.

The whole suite (no test named, no -n, no -m) is spread over one xdist worker per core,
with the tests that share a run kept on one worker (`--dist loadgroup`). Naming tests,
`-n 0`, `-p no:xdist`, `--pdb` or `--collect-only` keep pytest's single process: a
handful of tests finish before two workers would have started.
"""

import os

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    option = config.option
    whole_suite = config.args_source == pytest.Config.ArgsSource.TESTPATHS and option.markexpr == "not e2e"
    if (whole_suite and config.pluginmanager.hasplugin("xdist") and option.numprocesses is None
            and option.dist == "no" and not option.usepdb and not option.collectonly
            and "PYTEST_XDIST_WORKER" not in os.environ):
        option.numprocesses, option.dist = "auto", "loadgroup"


# Each worker parses the command line again and finds no --dist there, so xdist would not
# name the tests' groups (it reads `loadgroup` on the worker) and a group's tests would be
# spread over both workers, each repeating the group's shared run. The controller tells them.
WORKER_LOADGROUP = "handbook_loadgroup"


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput[WORKER_LOADGROUP] = node.config.option.dist == "loadgroup"


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config, "workerinput", {}).get(WORKER_LOADGROUP):
        config.option.loadgroup = True
