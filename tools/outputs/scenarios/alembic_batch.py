"""Outputs of docs/alembic/batch.md: SQLite's answers to plain ALTER, the SQL of a
batch operation, constraint names, foreign keys during a rebuild, offline batch."""

import tempfile
import traceback
from pathlib import Path

import sqlalchemy as sa

from examples.alembic_batch import steps
from examples.app.models import NAMING_CONVENTION
from examples.app.show_schema import describe_table
from tools.outputs.scenarios import scenario
from tools.outputs.sql_capture import format_statements, is_bookkeeping, recording
from tools.outputs.transcript import alembic


def attempt(step: steps.Step, engine: sa.Engine) -> str:
    """What SQLite receives for one step, or the error it ends with."""
    try:
        with recording(engine) as statements:
            steps.run(step, engine)
    except Exception as failure:
        return f"{step.__name__}: fails\n" + "".join(traceback.format_exception_only(failure))
    sent = [s for s in statements if not is_bookkeeping(s)]
    return f"{step.__name__}: SQLite accepts it\n" + format_statements(sent)


def constraint_names(workdir: Path) -> str:
    blocks = []
    for label, convention in (("without a naming convention", None), ("with the handbook's naming convention", NAMING_CONVENTION)):
        engine = sa.create_engine(f"sqlite:///{workdir / f'names-{bool(convention)}.db'}")
        steps.users_with_unique_email(convention).create_all(engine)
        listing = describe_table(sa.inspect(engine), "users")
        blocks.append(f"-- users, {label}\n{listing}\n{attempt(steps.drop_unique_email, engine)}")
        engine.dispose()
    return "\n".join(blocks)


def foreign_keys(workdir: Path) -> str:
    lines = []
    for on in (True, False):
        engine = steps.sample_database(workdir / f"fk-{on}.db", foreign_keys=on)
        before = steps.count(engine, "events")
        steps.run(steps.require_unique_email, engine)
        after = steps.count(engine, "events")
        lines.append(
            f"PRAGMA foreign_keys = {'ON ' if on else 'OFF'}: events before the batch rebuild of users: {before}, after: {after}"
        )
        engine.dispose()
    return "\n".join(lines) + "\n"


@scenario("alembic-batch")
def batch() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        plain = steps.sample_database(workdir / "plain.db", foreign_keys=False)
        limits = "\n".join(attempt(step, plain) for step in (steps.add_nickname, steps.require_email, steps.unique_email))
        plain.dispose()
        engine = steps.sample_database(workdir / "batch.db", foreign_keys=False)
        copy_and_move = attempt(steps.require_unique_email, engine)
        engine.dispose()
        url = f"sqlite:///{workdir / 'unused.db'}"  # offline: nothing connects
        return {
            "plain-alter.txt": limits,
            "copy-and-move.txt": copy_and_move,
            "constraint-names.txt": constraint_names(workdir),
            "foreign-keys.txt": foreign_keys(workdir),
            "offline-without-copy-from.txt": alembic(
                "-c examples/alembic_transactions/handbook/alembic.ini upgrade 0001:0002 --sql", url
            )[1],
            "offline-with-copy-from.txt": alembic("-c examples/alembic_batch/alembic.ini upgrade 0001:0002 --sql", url)[1],
        }
