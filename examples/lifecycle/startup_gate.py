"""Step 12: the app refuses to start on a database that is not at the head revision.

Code written for revision 0012 running on a 0009 database fails later, on the
first query that touches a renamed column, maybe after writing half a request.
Checking once at start-up turns that into one clear message before any work.

    python -m examples.lifecycle.startup_gate

Exit code 0 and a line of summary when the database is at head; exit code 1 and
the reason otherwise. It reads HANDBOOK_DATABASE_URL, else var/handbook.db.
"""

import sys

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from examples.app.db import database_url, make_engine, run_main
from tools.outputs.sql_capture import handbook_config


class DatabaseNotAtHead(RuntimeError):
    """The database's recorded revision is not the one this code was written for."""


# --8<-- [start:gate]
def require_head(engine: sa.Engine) -> str:
    """Return the head revision if the database is at it; raise DatabaseNotAtHead if not."""
    script = ScriptDirectory.from_config(handbook_config())
    heads = set(script.get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == heads:
        return ", ".join(sorted(heads))
    expected = ", ".join(sorted(heads))
    if not current:
        raise DatabaseNotAtHead(
            f"the database has no Alembic revision; this code needs {expected}. Run `alembic upgrade head`."
        )
    try:
        behind = all(script.get_revision(rev) is not None for rev in current)
    except CommandError:  # a revision these scripts do not know: a newer release migrated it
        behind = False
    found = ", ".join(sorted(current))
    if behind:
        raise DatabaseNotAtHead(
            f"the database is at revision {found}; this code needs {expected}. "
            "Back it up, then run `alembic upgrade head`."
        )
    raise DatabaseNotAtHead(
        f"the database is at revision {found}, which this code does not know (it needs {expected}): "
        "a newer release migrated it. Deploy that release, or restore the backup taken before it."
    )
# --8<-- [end:gate]


def main() -> int:
    engine = make_engine(database_url())
    try:
        head = require_head(engine)
    except DatabaseNotAtHead as refusal:
        print(f"refusing to start: {refusal}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"database at head ({head}): starting the app")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_main(main))
