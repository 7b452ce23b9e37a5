"""Run one of the Production section's example chains: `alembic -c examples/production_shared/alembic.ini --name CHAIN`."""

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from examples.app.db import DATABASE_URL_ENV

ROOT = Path(__file__).resolve().parents[2]
INI = Path(__file__).with_name("alembic.ini")


def config(chain: str, connection: sa.Connection) -> Config:
    cfg = Config(str(INI), ini_section=chain)
    cfg.attributes.update(connection=connection, configure_logger=False)
    return cfg


def upgrade(chain: str, connection: sa.Connection, target: str = "head") -> None:
    """Upgrade in this process, on `connection`; the run commits as it goes."""
    command.upgrade(config(chain, connection), target)
    if connection.in_transaction():
        connection.commit()


def start_alembic(chain: str, url: str, *args: str) -> subprocess.Popen:
    """`alembic -c … --name CHAIN ARGS` as its own process; its log is on stderr."""
    return subprocess.Popen(
        [sys.executable, "-m", "alembic", "-c", str(INI), "--name", chain, *args],
        cwd=ROOT, env={**os.environ, DATABASE_URL_ENV: url},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
