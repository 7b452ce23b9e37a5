"""Step 12: the app refuses to start on a database that is not at the head revision.

Code written for revision 0012 running on a 0009 database fails later, on the
first query that touches a renamed column, maybe after writing half a request.
Checking once at start-up turns that into one clear message before any work.

    python -m examples.lifecycle.startup_gate

Exit code 0 and a line of summary when the database is at head; exit code 1 and
the reason otherwise. It reads HANDBOOK_DATABASE_URL, else var/handbook.db.
`--allow-ahead` also accepts a database a newer release migrated: the mode a
rolling deploy needs, sound only when releases follow expand/contract.
"""

import argparse
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
def require_head(engine: sa.Engine, *, allow_ahead: bool = False) -> str:
    """Return the database's revision if this code can run on it; raise DatabaseNotAtHead if not.

    Strict (the default): only the head of this code's scripts. `allow_ahead`: also a
    revision these scripts do not know, which a newer release applied; safe only when
    every release's migrations keep the previous release's code working (expand/contract).
    """
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
    if allow_ahead:
        return found
    raise DatabaseNotAtHead(
        f"the database is at revision {found}, which this code does not know (it needs {expected}): "
        "a newer release migrated it. Deploy that release, or restore the backup taken before it. "
        "This strict check rules out a rolling deploy, where old and new code run side by side "
        "on the migrated database: for that, make each release's migrations backward compatible "
        "(expand/contract) and start the app with `--allow-ahead`."
    )
# --8<-- [end:gate]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.lifecycle.startup_gate", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--allow-ahead", action="store_true", help="also start on a database a newer release migrated (rolling deploys)"
    )
    options = parser.parse_args(argv)
    engine = make_engine(database_url())
    try:
        revision = require_head(engine, allow_ahead=options.allow_ahead)
    except DatabaseNotAtHead as refusal:
        print(f"refusing to start: {refusal}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if options.allow_ahead and revision not in ScriptDirectory.from_config(handbook_config()).get_heads():
        print(f"database at {revision}, ahead of this code: starting the app (--allow-ahead)")
    else:
        print(f"database at head ({revision}): starting the app")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_main(main))
