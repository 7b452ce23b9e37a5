"""Steps 13 and 16: after the upgrade the models match the database; a change
made by hand later is found by compare_metadata and by `alembic check`."""

import sqlalchemy as sa

from examples.lifecycle.drift import OUT_OF_BAND_CHANGES, drift, drift_report
from tests.lifecycle_support import database_at, execute
from tools.transcript import alembic


def drift_of(url: str) -> list:
    engine = sa.create_engine(url)
    try:
        return drift(engine)
    finally:
        engine.dispose()


def test_after_the_upgrade_the_models_match_the_database(tmp_path):
    """Post-migration: the sample database upgraded from 0002 has no drift, and
    `alembic check` agrees (exit code 0)."""
    url = database_at("0012", tmp_path)
    assert drift_of(url) == []
    code, text = alembic("check", url)
    assert code == 0 and text.endswith("No new upgrade operations detected.\n")


def test_a_column_and_an_index_added_by_hand_are_detected(tmp_path):
    """The out-of-band changes the page shows: compare_metadata reports both, and `alembic check` fails (exit code 255) naming them."""
    url = database_at("0012", tmp_path)
    execute(url, *OUT_OF_BAND_CHANGES)
    found = {(d[0], getattr(d[-1], "name", None)) for d in drift_of(url)}
    assert found == {("remove_column", "notes"), ("remove_index", "ix_events_name")}
    code, text = alembic("check", url)
    assert code == 255
    assert "FAILED: New upgrade operations detected" in text and "ix_events_name" in text and "'notes'" in text


def test_an_index_dropped_by_hand_is_detected(tmp_path):
    """Drift the other way: an index the migrations built, dropped by hand, is reported as one to add."""
    url = database_at("0012", tmp_path)
    execute(url, "DROP INDEX ix_event_attendees_user_id")
    assert [(d[0], d[1].name) for d in drift_of(url)] == [("add_index", "ix_event_attendees_user_id")]


def test_the_report_says_so_when_there_is_no_drift():
    """An empty comparison reads as a sentence, not as `[]`."""
    assert drift_report([]) == "no drift: the database matches the models\n"
