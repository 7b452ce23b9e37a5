"""Outputs of docs/lifecycle/: one reader's session through the 16 steps.

The reader works from the repository root with
HANDBOOK_DATABASE_URL=sqlite:///var/lifecycle.db. Here the database lives in a
temporary folder: `alembic` runs from the repository root (it needs alembic.ini)
with the URL pointing there, and `python -m` commands run in that folder, so
their relative paths (var/backups/...) land there too. No command prints the
folder, so the transcripts are what the reader's terminal shows.
"""

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from examples.lifecycle.query_plan import query_plan
from tools.outputs.transcript import alembic, python_module

BACKUP = "var/backups/before-upgrade.db"
REVISIONS = [f"{n:04d}" for n in range(3, 13)]


class Reader:
    """A reader's terminal on one database; each command's exit code is checked."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.url = f"sqlite:///{folder / 'var' / 'lifecycle.db'}"

    def alembic(self, args: str, expect: int = 0, project: Path | None = None) -> str:
        code, text = alembic(args, self.url, **({"cwd": project} if project else {}))
        return checked(code, expect, text)

    def python(self, module: str, args: str = "", expect: int = 0) -> str:
        code, text = python_module(f"examples.lifecycle.{module}", self.url, args, cwd=self.folder)
        return checked(code, expect, text)

    def plan(self, statement: sa.Executable, sql_only: bool = False) -> str:
        engine = sa.create_engine(self.url)  # a new connection: it reads the schema as it is now
        try:
            if sql_only:
                return str(statement.compile(engine, compile_kwargs={"literal_binds": True})) + "\n"
            with engine.connect() as connection:
                return query_plan(connection, statement)
        finally:
            engine.dispose()

    def rows(self, title: str, sql: str) -> str:
        engine = sa.create_engine(self.url)
        with engine.connect() as connection:
            result = connection.exec_driver_sql(sql)
            header, found = tuple(result.keys()), [tuple(map(str, r)) for r in result]
        engine.dispose()
        widths = [max(len(v) for v in column) for column in zip(header, *found, strict=True)]
        lines = [title, "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in found]
        return "\n".join(lines) + "\n"


def checked(code: int, expect: int, text: str) -> str:
    if code != expect:
        raise RuntimeError(f"expected exit code {expect}, got {code}:\n{text}")
    return text


@contextlib.contextmanager
def reader() -> Iterator[Reader]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Reader(Path(tmp))
