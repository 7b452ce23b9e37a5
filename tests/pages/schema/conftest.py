"""Fixtures of the Schema fundamentals tests: the example schema in a fresh SQLite file,
built by the same helpers as the pages' generated outputs."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tools.outputs.scenarios._schema import create_tables, fresh_database, seed


@pytest.fixture
def empty_schema() -> Iterator[sa.Engine]:
    """Every table of examples/schema/models.py, no rows; the handbook's engine (foreign keys on)."""
    with fresh_database() as engine:
        create_tables(engine)
        yield engine


@pytest.fixture
def seeded(empty_schema: sa.Engine) -> sa.Engine:
    """The rows the pages start from: Ada and Bob, the Main hall, one event each,
    each registered for the other's event."""
    seed(empty_schema)
    return empty_schema

