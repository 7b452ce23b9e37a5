"""docs/production/locks.md: the lock receipts of the handbook's chain on PostgreSQL."""

import pytest
import sqlalchemy as sa
from alembic import command

from examples.production_hazards.gallery import alembic_config, engine_for, fresh_copy
from examples.production_locks.receipts import LockRecorder
from tools.outputs.revision_runs import generate
from tools.outputs.sql_capture import handbook_config, recording
from tools.site.reference import revision_page

# One worker runs the chain and the gallery once, for these tests and the staleness test.
pytestmark = pytest.mark.xdist_group("production-postgresql")


def locks_of(receipts, table):
    return {mode for r in receipts for mode in r.locks.get(table, ())}


def test_every_revision_of_the_chain_gets_a_receipt(chain):
    _, receipts = chain
    assert list(receipts) == [f"{n:04d}" for n in range(1, len(receipts) + 1)]
    assert all(receipts[r] for r in receipts), "a revision sent no statement the recorder saw"


def test_constant_default_column_takes_access_exclusive_without_a_rewrite(chain):
    _, receipts = chain
    assert locks_of(receipts["0003"], "events") == {"AccessExclusiveLock"}
    assert not any(r.rewritten for r in receipts["0003"])


def test_widening_a_varchar_rewrites_nothing(chain):
    _, receipts = chain
    assert locks_of(receipts["0006"], "users") == {"AccessExclusiveLock"}
    assert not any(r.rewritten for r in receipts["0006"])


def test_a_new_foreign_key_locks_the_referenced_table_against_writes(chain):
    _, receipts = chain
    create_events = receipts["0002"][0]
    assert create_events.created == ("events",)
    assert "ShareRowExclusiveLock" in create_events.locks["users"]


def test_plain_index_in_0012_holds_share_lock_until_commit(chain):
    _, receipts = chain
    (create_index,) = receipts["0012"]
    assert create_index.in_transaction
    assert create_index.locks == {"event_attendees": ("ShareLock",)}


def test_unique_constraint_in_0011_takes_access_exclusive(chain):
    _, receipts = chain
    assert "AccessExclusiveLock" in locks_of(receipts["0011"], "events")


def test_chain_runs_on_the_seeded_rows(chain):
    url, _ = chain
    engine = engine_for(url)
    with engine.connect() as connection:
        events = connection.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
        linked = connection.exec_driver_sql("SELECT count(*) FROM events WHERE venue_id IS NOT NULL").scalar_one()
    engine.dispose()
    assert events == 100_000
    assert linked == 10_000  # 0009 linked every event that had a location


def test_receipt_reports_a_rewrite_when_the_file_node_changes(postgresql_server):
    url = fresh_copy(postgresql_server)
    engine = engine_for(url)
    recorder = LockRecorder(engine, revision="type_rewrite")
    with recorder as receipts:
        command.upgrade(alembic_config(engine), "type_rewrite")
    engine.dispose()
    (alter,) = receipts
    assert alter.rewritten == ("bookings",)
    assert "AccessExclusiveLock" in alter.locks["bookings"]


def test_every_revision_page_embeds_its_receipt():
    for report in generate():
        page = revision_page(report)
        assert f'--8<-- "docs/_generated/production-locks/receipts.md:r{report.revision.id}"' in page


def upgrade_first_revision(url: str) -> tuple[list[str], str]:
    """`alembic upgrade 0001` on `url`: the statements sent, and lock_timeout afterwards."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with recording(engine) as statements, engine.connect() as connection:
            config = handbook_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            return statements, connection.exec_driver_sql("SHOW lock_timeout").scalar()
    finally:
        engine.dispose()


def test_env_sets_lock_timeout_before_the_first_statement(postgresql_url, monkeypatch):
    monkeypatch.setenv("HANDBOOK_LOCK_TIMEOUT", "750ms")
    statements, timeout = upgrade_first_revision(postgresql_url)
    first_table = next(i for i, s in enumerate(statements) if s.startswith("CREATE TABLE"))
    assert "SET lock_timeout = '750ms'" in statements[:first_table]
    assert timeout == "750ms"


def test_lock_timeout_defaults_to_five_seconds(postgresql_url, monkeypatch):
    monkeypatch.delenv("HANDBOOK_LOCK_TIMEOUT", raising=False)
    _, timeout = upgrade_first_revision(postgresql_url)
    assert timeout == "5s"


def test_unreadable_lock_timeout_is_refused_before_anything_runs(postgresql_url, monkeypatch):
    monkeypatch.setenv("HANDBOOK_LOCK_TIMEOUT", "five seconds")
    with pytest.raises(ValueError, match=r"HANDBOOK_LOCK_TIMEOUT='five seconds' is not a duration"):
        upgrade_first_revision(postgresql_url)
    engine = sa.create_engine(postgresql_url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()
