"""Outputs of docs/tutorial/first-migration.md: a reader's session, command by command."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.transcript import alembic, python_module

SHOW_SCHEMA = "examples.app.show_schema"


def expect_success(result: tuple[int, str]) -> str:
    code, text = result
    if code != 0:
        raise RuntimeError(f"command failed with exit code {code}:\n{text}")
    return text


@scenario("tutorial-first-migration")
def first_migration() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'handbook.db'}"
        return {
            "history.txt": expect_success(alembic("history", url)),
            "schema-empty.txt": expect_success(python_module(SHOW_SCHEMA, url)),
            "current-empty.txt": expect_success(alembic("current", url)),
            "upgrade-0001.txt": expect_success(alembic("upgrade 0001", url)),
            "schema-0001.txt": expect_success(python_module(SHOW_SCHEMA, url)),
            "upgrade-0002.txt": expect_success(alembic("upgrade 0002", url)),
            "schema-0002.txt": expect_success(python_module(SHOW_SCHEMA, url)),
            "current-0002.txt": expect_success(alembic("current", url)),
            "upgrade-head.txt": expect_success(alembic("upgrade head", url)),
            "current-head.txt": expect_success(alembic("current", url)),
        }
