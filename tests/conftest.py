"""Shared fixtures: pytest-alembic's hooks, fresh SQLite databases, the built site.

pytest-alembic finds its fixtures here (alembic_config, alembic_engine); its
built-in tests are imported in tests/migrations/test_migrations.py.
"""

import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from hypothesis import settings

from examples.app.db import DATABASE_URL_ENV, make_engine
from tests import reader_isolation
from tools.common import ROOT, copy_project, mkdocs_build
from tools.site import page_cache

# Throwaway PostgreSQL and MariaDB servers: postgresql_url, mariadb_url; and a plain
# `pytest` on every core.
pytest_plugins = ["tests.engine_servers", "tests.parallel_by_default"]

# Hypothesis keeps no example database (no .hypothesis/ folder in the clone) and never
# times an example out: each one migrates real databases, and the machine may be busy.
settings.register_profile("handbook", database=None, deadline=None)
settings.load_profile("handbook")


# --8<-- [start:isolation_guard]
@pytest.fixture(autouse=True)
def no_database_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with HANDBOOK_DATABASE_URL naming a database that cannot be
    opened, and the reader's own databases refused: fixtures that give a database
    (database_url, engine_url, …) set the variable again for the test that asks."""
    reader_isolation.install()
    monkeypatch.setenv(DATABASE_URL_ENV, reader_isolation.UNASKED_URL)
# --8<-- [end:isolation_guard]


# --8<-- [start:pytest_alembic_config]
# Revisions whose downgrade refuses on purpose (see the revision's docstring).
IRREVERSIBLE_REVISIONS = ("0004",)


# --8<-- [start:pytest_alembic_fixtures]
@pytest.fixture
def alembic_config() -> dict:
    # pytest-alembic's downgrade checks stop at the irreversible revision: nothing
    # at or below it can be downgraded. tests/pages/lifecycle/test_lifecycle_monitor_and_rollback.py proves
    # the refusal itself and the round trips below it.
    return {"file": str(ROOT / "alembic.ini"), "minimum_downgrade_revision": IRREVERSIBLE_REVISIONS[-1]}
# --8<-- [end:pytest_alembic_config]


@pytest.fixture(params=["sqlite", "postgresql"])
def alembic_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    # Every pytest-alembic test, built-in or ours, runs once per engine.
    # SQLite: a file, not :memory:, so the database outlives a connection, as in real use.
    # PostgreSQL: a new database on the session's private server.
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'pytest-alembic.db'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    # The same engine factory the app and env.py use: on SQLite, DDL is transactional.
    engine = make_engine(url, foreign_keys=False)
    yield engine
    engine.dispose()
# --8<-- [end:pytest_alembic_fixtures]


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite file, also exported as HANDBOOK_DATABASE_URL for commands."""
    url = f"sqlite:///{tmp_path / 'handbook.db'}"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", url)
    return url


@pytest.fixture
def alembic_cfg(database_url: str) -> Config:
    """The handbook's alembic.ini, pointed (through the environment) at a fresh database."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    return config


# The strict site build: built once per session (site and notebook pages share it),
# and rebuilt only in throwaway copies a test breaks on purpose.
def build_site(project: Path, site: Path) -> subprocess.CompletedProcess:
    # Not --quiet: it hides warnings, and strict mode then has none to count.
    # Copies share the repository's notebook cache: its key covers the copy's own files,
    # so a copy whose migrations or notebooks were changed still runs its kernels.
    # Diagram drawings are cached by their source's hash, so copies share those too.
    caches = {"HANDBOOK_NOTEBOOK_CACHE": str(ROOT / ".cache" / "notebooks"),
              "HANDBOOK_DIAGRAM_CACHE": str(ROOT / ".cache" / "diagrams")}
    if project != ROOT:
        # A copy's page cache is its own (warm_project_copy seeds it), never the repository's.
        caches["HANDBOOK_PAGE_CACHE"] = str(project / COPIED_CACHES[0])
    return mkdocs_build(project, site, timeout=300, **caches)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    # One build per pytest run, shared by every xdist worker: the workers' temporary
    # folders (popen-gw0, popen-gw1) share a parent private to this run, and the first
    # worker to take the lock builds there while the others wait and reuse it. Without
    # xdist the run's own folder is used. A site is never reused from an earlier run.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    site, done, failure = shared / "site", shared / "site.built", shared / "site.failed"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failure.exists():
            result = build_site(ROOT, site)
            if result.returncode == 0:
                done.touch()
            else:
                failure.write_text(f"{result.stdout}\n{result.stderr}")
    # A failed build fails every worker's tests that use it, with the same output.
    assert not failure.exists(), f"mkdocs build --strict failed:\n{failure.read_text()}"
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


# What a build keeps for the next one, by folder: the page cache (Markdown renders, search
# entries, template output, revision pages) and mkdocs-jupyter's conversions (relative to
# the working directory). Both are keyed on the content they are made from.
COPIED_CACHES = (Path(".cache") / "pages", Path(".cache") / "mkdocs-jupyter")


@pytest.fixture
def warm_project_copy(built_site, tmp_path) -> Path:
    """A throwaway copy of the project to break on purpose, holding the caches the session's
    build left: a build of the copy renders again only what the test changed (the edited
    page, the pages and notebooks that show an edited file), as a reader's rebuild would.
    The copy's mkdocs.yml, theme and hooks must stay as they are: they key every page."""
    project = copy_project(tmp_path / "project")
    sources = {COPIED_CACHES[0]: page_cache.cache_folder(), COPIED_CACHES[1]: ROOT / COPIED_CACHES[1]}
    for folder, source in sources.items():
        if source is not None and source.is_dir():
            shutil.copytree(source, project / folder)
    return project
