"""docs/cookbook/async-env.md: the stock env.py cannot drive an async driver; the
async env.py migrates through aiosqlite and asyncpg alike."""

import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from tools.outputs.scenarios._cookbook import build, query, run, version_rows
from tools.outputs.scenarios.cookbook_async_env import AIOSQLITE_URL, async_project, asyncpg_url

FAILING_REVISION = '''"""create tags, then fail"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = depends_on = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("revision 0003 failed halfway")


def downgrade():
    op.drop_table("tags")
'''


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def test_the_stock_env_py_fails_on_an_async_url_with_missing_greenlet(folder):
    """A synchronous engine on an async driver: the first query fails, nothing is created."""
    stock = build("async_env", folder / "stock")
    text = run(stock, "upgrade head", expect=1, url=AIOSQLITE_URL)
    assert "sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called" in text
    assert version_rows(stock) == []


def test_the_async_env_py_migrates_through_aiosqlite(folder):
    project = async_project(folder)
    run(project, "upgrade head", url=AIOSQLITE_URL)
    assert version_rows(project) == ["0002"]
    assert "No new upgrade operations detected." in run(project, "check", url=AIOSQLITE_URL)


def test_the_async_env_py_migrates_through_asyncpg(folder, postgresql_server):
    project = async_project(folder)
    url = asyncpg_url(postgresql_server)
    run(project, "upgrade head", url=url)
    assert "No new upgrade operations detected." in run(project, "check", url=url)
    engine = sa.create_engine(url.replace("+asyncpg", "+psycopg"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"
    engine.dispose()


def test_a_failing_revision_through_aiosqlite_leaves_the_database_as_it_was(folder):
    """The driver fix carries over to aiosqlite: the whole run is one transaction."""
    project = async_project(folder)
    (project / "versions" / "0003_create_tags_then_fail.py").write_text(FAILING_REVISION)
    run(project, "upgrade head", expect=1, url=AIOSQLITE_URL)
    assert version_rows(project) == []
    assert query(project, "SELECT name FROM sqlite_schema WHERE type = 'table'") == []
