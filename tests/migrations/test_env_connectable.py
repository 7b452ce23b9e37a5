"""env.py migrates what it is handed, never the configured URL behind it."""

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from examples.app.db import make_engine
from tools.outputs.sql_capture import handbook_config


class ConnectOnly:
    """Neither an Engine nor a Connection, only connect(): like pytest-alembic's wrapper."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def connect(self):
        return self.engine.connect()


def test_env_migrates_the_connectable_it_is_handed_not_the_configured_url(postgresql_url, tmp_path, monkeypatch):
    configured = tmp_path / "configured.db"
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", f"sqlite:///{configured}")
    engine = make_engine(postgresql_url)
    try:
        config = handbook_config()
        config.attributes["connection"] = ConnectOnly(engine)
        command.upgrade(config, "head")
        assert "users" in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert not Path(configured).exists()
