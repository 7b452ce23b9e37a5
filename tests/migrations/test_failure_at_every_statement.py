"""A failure after any statement of any revision leaves the database exactly as it was.

For each revision, on SQLite and on PostgreSQL, the upgrade from the seeded
database before it is made to fail right after its 1st statement, then its 2nd,
and so on to its last (each one a test id naming engine, revision and statement
number). After each failure the schema, every row and `alembic_version` are as
before, no connection holds a lock on the database (SQLite), and the same upgrade run
again reaches the state an uninterrupted run does.

Which statements each revision sends is recorded by the reference-guarantees
scenario (`make snapshots`) on both engines, and shown on the Guarantees page; the
staleness test fails when a revision's statements change.
"""

from pathlib import Path

import pytest
import sqlalchemy as sa

from examples.app.show_schema import describe_table
from tools.outputs.chain_states import PrefetchedInspector, database_state, previous, revisions, upgrade
from tools.outputs.statement_faults import read_plan, upgrade_failing_after

ROOT = Path(__file__).resolve().parents[2]
PLAN_FILE = ROOT / "docs" / "_generated" / "reference-guarantees" / "injection-points.md"
PLAN = read_plan(PLAN_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("engine_name", "revision", "number"), PLAN, ids=[f"{e}-{r}-statement-{n:02d}" for e, r, n in PLAN]
)
def test_failure_after_any_statement_changes_nothing_and_a_retry_completes(engine_name, revision, number, seeded_chain):
    """The upgrade fails right after the statement this id names: nothing it did is kept,
    no lock is left on the database, and running the same upgrade again reaches the same state as an uninterrupted run."""
    chain = seeded_chain(engine_name)
    before = previous(revision)
    url = chain.database_at(before)
    reader = sa.create_engine(url)  # both reads on one engine: its queries compile once
    try:
        failed = upgrade_failing_after(url, revision, number)
        hit = failed.hit
        assert not failed.left_locked, f"the failure after {hit!r} left the database locked: a result left unread?"
        assert database_state(url, reader) == chain.state_at(before), f"the failure after {hit!r} left changes behind"

        upgrade(url, revision)
        retried, uninterrupted = database_state(url, reader), chain.state_after_upgrade(revision)
        assert (retried.schema, retried.rows_without_drawn_keys) == (
            uninterrupted.schema,
            uninterrupted.rows_without_drawn_keys,
        ), f"after a failure after {hit!r}, the retry did not complete the upgrade"
    finally:
        reader.dispose()
        chain.discard(url)


def test_every_revision_has_injection_points_on_every_engine():
    """The plan covers each revision of the chain on SQLite and PostgreSQL: none is skipped."""
    covered = {(engine, revision) for engine, revision, _ in PLAN}
    assert covered == {(engine, revision) for engine in ("sqlite", "postgresql") for revision in revisions()}


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_reflection_read_for_all_tables_at_once_answers_as_per_table_reflection(engine_name, seeded_chain):
    """database_state reads each kind of schema object for every table in one query: at
    every revision it describes the schema exactly as asking table by table does."""
    chain = seeded_chain(engine_name)
    for revision in revisions():
        engine = sa.create_engine(chain.template(revision))
        try:
            per_table, all_at_once = sa.inspect(engine), PrefetchedInspector(sa.inspect(engine))
            tables = sorted(per_table.get_table_names())
            assert sorted(all_at_once.get_table_names()) == tables
            for table in tables:
                assert describe_table(all_at_once, table) == describe_table(per_table, table), (revision, table)
                for kind in PrefetchedInspector.KINDS:
                    # Compared as text: reflected column types have no equality of their own.
                    method = f"get_{kind}"
                    assert repr(getattr(all_at_once, method)(table)) == repr(getattr(per_table, method)(table)), (
                        revision, kind)
        finally:
            engine.dispose()
