"""Outputs of docs/cookbook/pytest-alembic.md: pytest-alembic's built-in tests on a
chain whose downgrade forgets an index, and on the fixed chain.

The built-in tests are plain functions of a runner; calling them here, one fresh
database each, gives the verdict and the failure text pytest would report,
without starting a second pytest inside this one.
"""

import tempfile
import traceback
from pathlib import Path

import alembic.config
import pytest_alembic
from pytest_alembic.config import Config
from pytest_alembic.tests import (
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

from examples.app.db import make_engine
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build

BUILT_IN = (test_single_head_revision, test_upgrade, test_up_down_consistency)
REVISION = "versions/0003_add_last_login.py"


def run_built_in_test(project: Path, test) -> tuple[str, str]:
    """(verdict, what the failure says) for one built-in test on a fresh database."""
    config = alembic.config.Config(str(project / "alembic.ini"))
    config.attributes["configure_logger"] = False
    engine = make_engine(f"sqlite:///{project / f'{test.__name__}.db'}", foreign_keys=False)
    try:
        with pytest_alembic.runner(Config.from_raw_config(config), engine) as runner:
            test(runner)
    except Exception as failure:  # AlembicTestFailure is an AssertionError; a crash is a failure too
        return "FAILED", "".join(traceback.format_exception_only(failure))
    finally:
        engine.dispose()
    return "passed", ""


def report(project: Path) -> str:
    lines, details = [], []
    for test in BUILT_IN:
        verdict, text = run_built_in_test(project, test)
        lines.append(f"{test.__name__} {verdict}")
        if text:
            details.append(f"\n_____ {test.__name__} _____\n{text}")
    return "\n".join(lines) + "\n" + "".join(details)


@scenario("cookbook-pytest-alembic")
def pytest_alembic_report() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        project = build("pytest_alembic", Path(tmp) / "broken")
        broken = report(project)
        fixed_project = build("pytest_alembic", Path(tmp) / "fixed")
        add("pytest_alembic", fixed_project, REVISION)
        fixed = report(fixed_project)
    return {"report-forgotten-index.txt": broken, "report-fixed.txt": fixed}
