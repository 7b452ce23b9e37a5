"""Shared fixtures: pytest-alembic's hooks and fresh SQLite databases.

pytest-alembic finds its fixtures here (alembic_config, alembic_engine); its
built-in tests are imported in tests/test_migrations.py.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config

from examples.app.db import make_engine

ROOT = Path(__file__).resolve().parents[1]


# --8<-- [start:pytest_alembic_config]
# Revisions whose downgrade refuses on purpose (see the revision's docstring).
IRREVERSIBLE_REVISIONS = ("0004",)


# --8<-- [start:pytest_alembic_fixtures]
@pytest.fixture
def alembic_config() -> dict:
    # pytest-alembic's downgrade checks stop at the irreversible revision: nothing
    # at or below it can be downgraded. tests/test_lifecycle_rollback.py proves
    # the refusal itself and the round trips below it.
    return {"file": str(ROOT / "alembic.ini"), "minimum_downgrade_revision": IRREVERSIBLE_REVISIONS[-1]}
# --8<-- [end:pytest_alembic_config]


@pytest.fixture
def alembic_engine(tmp_path: Path) -> Iterator[sa.Engine]:
    # A file, not :memory:, so the database outlives a connection, as in real use.
    # The same engine factory the app and env.py use: DDL is transactional.
    engine = make_engine(f"sqlite:///{tmp_path / 'pytest-alembic.db'}", foreign_keys=False)
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
