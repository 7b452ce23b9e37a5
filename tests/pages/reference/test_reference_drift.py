"""docs/reference/drift.md: each change made outside Alembic on a SQLite database at
head, and what `alembic check` reports about it (the page's table is generated from
the same functions; its staleness test compares it with a fresh run)."""

import shutil
import tempfile
from pathlib import Path

import pytest

from tools.outputs.drift_matrix import DRIFTS, MISSED_BECAUSE, check_report, database_at_head, drifted_database

# kind -> the start of `alembic check`'s last line: the operation autogenerate proposes
# to bring the database back to the models, or the verdict when it proposes none.
EXPECTED = {
    "column added": "FAILED: New upgrade operations detected: [('remove_column', None, 'venues', Column('city'",
    "column dropped": "FAILED: New upgrade operations detected: [('add_column', None, 'events', Column('description'",
    "index dropped": "FAILED: New upgrade operations detected: [('add_index', Index('ix_events_starts_at'",
    "index added": "FAILED: New upgrade operations detected: [('remove_index', Index('ix_users_display_name'",
    "type changed": "FAILED: New upgrade operations detected: [[('modify_type', None, 'venues', 'name'",
    "nullability changed": "FAILED: New upgrade operations detected: [[('modify_nullable', None, 'users', 'display_name'",
    "CHECK constraint removed": "No new upgrade operations detected.",
    "UNIQUE constraint removed": "FAILED: New upgrade operations detected: [('add_constraint', UniqueConstraint(",
    "table added": "FAILED: New upgrade operations detected: [('remove_table', Table('audit_log'",
    "table dropped": "FAILED: New upgrade operations detected: [('add_table', Table('event_attendees'",
}


@pytest.fixture(scope="module")
def head_database():
    folder = Path(tempfile.mkdtemp(prefix="drift-"))
    yield database_at_head(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_drift_matrix_covers_every_kind_once():
    assert list(EXPECTED) == list(DRIFTS)


def test_alembic_check_passes_on_the_untouched_head_database(head_database):
    assert check_report(f"sqlite:///{head_database}") == (0, "No new upgrade operations detected.")


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_alembic_check_report_for_each_drift(head_database, tmp_path, kind):
    """`alembic check` fails (exit 255) naming the operation that undoes the change, except
    for the kinds autogenerate does not compare: those pass (exit 0) with the drift in place."""
    code, line = check_report(drifted_database(head_database, tmp_path, kind))
    assert line.startswith(EXPECTED[kind])
    assert code == (0 if kind in MISSED_BECAUSE else 255)
