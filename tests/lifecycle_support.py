"""Databases for the lifecycle tests, fast: each revision's database (sample rows
included) is built once per test run, then copied for every test that needs it."""

import functools
import shutil
import tempfile
from pathlib import Path

import sqlalchemy as sa
from examples.lifecycle.sample_data import production_database

_TEMPLATES = Path(tempfile.mkdtemp(prefix="lifecycle-templates-"))


@functools.cache
def _template(revision: str) -> Path:
    path = _TEMPLATES / f"{revision}.db"
    production_database(path, revision)
    return path


def database_at(revision: str, directory: Path, name: str = "handbook.db") -> str:
    """A fresh copy of the sample database at `revision`, in `directory`: its URL."""
    path = directory / name
    shutil.copyfile(_template(revision), path)
    return f"sqlite:///{path}"


def rows(url: str, sql: str, **params) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()
