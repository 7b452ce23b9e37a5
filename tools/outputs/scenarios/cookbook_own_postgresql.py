"""Outputs of docs/cookbook/own-postgresql.md: the handbook's commands against a PostgreSQL
server, here the private one `make snapshots` starts (tools/engines/).

The server listens on a free port, different on every run; the transcripts show 5432,
the port a reader's own server uses, so they stay the same from run to run.
"""

import re

from tools.engines import shared
from tools.engines._process import free_port
from tools.outputs.scenarios import scenario
from tools.outputs.transcript import alembic, python_module

READER_PORT = 5432
# trust authentication ignores the password: it is here to show it is never printed.
PASSWORD = "change-me"


def reader_view(text: str, port: int) -> str:
    text = re.sub(rf"(127\.0\.0\.1\"?,? ?(:|port ))({port})\b", rf"\g<1>{READER_PORT}", text)
    return sequences_sorted(text)


def sequences_sorted(text: str) -> str:
    """Autogenerate names the sequences it finds in set order, different from run to run:
    those lines in name order, everything else as printed."""
    lines = text.splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if SEQUENCE_LINE in line]
    for index, line in zip(found, sorted(lines[i] for i in found), strict=False):
        lines[index] = line
    return "".join(lines)


SEQUENCE_LINE = "[alembic.ddl.postgresql] Detected sequence named"


def with_password(url: str) -> str:
    return url.replace("postgres@", f"postgres:{PASSWORD}@", 1)


@scenario("cookbook-own-postgresql")
def own_postgresql() -> dict[str, str]:
    server = shared.postgresql()
    url = with_password(server.create_database("handbook"))
    try:
        steps = {
            "sample-data.txt": python_module("examples.lifecycle.sample_data", url),
            "upgrade-head.txt": alembic("upgrade head", url),
            "current.txt": alembic("current", url),
            "show-schema.txt": python_module("examples.app.show_schema", url),
            "downgrade-0004.txt": alembic("downgrade 0004", url),
            "upgrade-head-again.txt": alembic("upgrade head", url),
            "check.txt": alembic("check", url),
            "missing-database.txt": alembic("upgrade head", with_password(server.url("no_such_database"))),
        }
        outputs = {name: reader_view(text, server.port) for name, (_, text) in steps.items()}
        down = free_port()  # nothing listens there: a server that is not running
        outputs["server-down.txt"] = reader_view(
            alembic("current", f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:{down}/handbook")[1], down
        )
    finally:
        server.drop_database("handbook")
    return outputs
