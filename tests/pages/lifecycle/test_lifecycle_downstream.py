"""Step 13, docs/lifecycle/release.md: queries that other systems run break when the
schema moves under them, and the check finds them before the release."""

from examples.app.db import make_engine
from examples.lifecycle_release.downstream import DOWNSTREAM_QUERIES, UPDATED_FOR_HEAD, broken_queries
from tests.lifecycle_support import database_at, file_digest


def broken(url: str, queries: dict[str, str] = DOWNSTREAM_QUERIES) -> dict[str, str]:
    engine = make_engine(url)
    try:
        return broken_queries(engine, queries)
    finally:
        engine.dispose()


def test_downstream_queries_run_on_the_schema_they_were_written_for(tmp_path):
    assert broken(database_at("0002", tmp_path)) == {}


def test_the_release_breaks_the_report_and_the_extract_but_not_the_dashboard(tmp_path):
    """0005 renames events.title, 0010 drops events.location: two downstream queries
    stop compiling at the head; the one that reads neither column still runs."""
    assert broken(database_at("0012", tmp_path)) == {
        "reporting: events per location": "no such column: location",
        "ETL: nightly events extract": "no such column: title",
    }


def test_the_updated_queries_run_at_the_head_and_not_before(tmp_path):
    """The rewritten queries cannot be deployed ahead of the release: they must switch with it."""
    assert broken(database_at("0012", tmp_path), UPDATED_FOR_HEAD) == {}
    assert set(broken(database_at("0002", tmp_path, "old.db"), UPDATED_FOR_HEAD)) == set(UPDATED_FOR_HEAD)


def test_the_downstream_check_reads_no_rows_and_writes_nothing(tmp_path):
    url = database_at("0012", tmp_path)
    digest = file_digest(url)
    broken(url)
    assert file_digest(url) == digest
