"""docs/production/hazards.md: each hazard run on PostgreSQL while the app uses the table."""

import pytest
import sqlalchemy as sa

from examples.production_hazards.behind_a_reader import READER, REVISION
from examples.production_hazards.gallery import alembic_config, engine_for, fresh_copy, lock_timeout, run_hazard
from examples.production_hazards.invalid_index import drop_invalid_indexes, invalid_indexes
from examples.production_hazards.pairs import HAZARDS
from examples.production_hazards.retry import upgrade_with_retries
from tools.outputs.scenarios.production_hazards import summary_page

# One worker runs the chain and the gallery once, for these tests and the staleness test.
pytestmark = pytest.mark.xdist_group("production-postgresql")


def waited(run, kind):
    """Whether the app's `kind` query queued behind any step of the run."""
    return any(q.waited for step in run.steps for q in step.app if q.kind == kind)


def requested(run):
    return {mode for step in run.steps for _, mode in step.requested}


def columns(url):
    engine = engine_for(url)
    with engine.connect() as connection:
        found = {c["name"]: c for c in sa.inspect(connection).get_columns("bookings")}
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    return found, version


def test_every_hazard_pair_ran(gallery):
    for hazard in HAZARDS:
        for revision in (hazard.unsafe, *hazard.safe):
            assert revision in gallery


def test_plain_index_build_queues_inserts_but_not_selects(gallery):
    _, run = gallery["index_plain"]
    assert requested(run) == {"ShareLock"}
    assert waited(run, "INSERT") and not waited(run, "SELECT")


def test_concurrent_index_build_lets_inserts_and_selects_through(gallery):
    _, run = gallery["index_concurrent"]
    assert requested(run) == {"ShareUpdateExclusiveLock"}
    assert not run.steps[0].in_transaction
    assert not waited(run, "INSERT") and not waited(run, "SELECT")


def test_volatile_default_rewrites_the_table_under_access_exclusive(gallery):
    _, run = gallery["default_volatile"]
    assert run.rewritten == ("bookings",)
    assert waited(run, "INSERT") and waited(run, "SELECT")


def test_constant_default_adds_the_column_without_a_rewrite(gallery):
    url, run = gallery["default_constant"]
    assert run.rewritten == ()
    found, _ = columns(url)
    assert found["source"]["nullable"] is False


def test_nullable_column_then_batched_backfill_fills_every_row_without_a_rewrite(gallery):
    url, run = gallery["nullable_then_backfill"]
    assert run.rewritten == () and run.error == ""
    engine = engine_for(url)
    with engine.connect() as connection:
        missing = connection.exec_driver_sql("SELECT count(*) FROM bookings WHERE source IS NULL").scalar()
    engine.dispose()
    assert missing == 0


def test_integer_to_bigint_rewrites_the_table(gallery):
    _, run = gallery["type_rewrite"]
    assert run.rewritten == ("bookings",)


def test_varchar_to_text_changes_the_type_without_a_rewrite(gallery):
    url, run = gallery["type_binary_compatible"]
    assert run.rewritten == ()
    found, _ = columns(url)
    assert isinstance(found["note"]["type"], sa.Text)


def test_set_not_null_directly_queues_reads_and_writes(gallery):
    _, run = gallery["not_null_direct"]
    assert requested(run) == {"AccessExclusiveLock"}
    assert waited(run, "INSERT") and waited(run, "SELECT")


def test_validating_a_check_constraint_lets_the_app_through(gallery):
    url, run = gallery["not_null_via_check"]
    validate = next(s for s in run.steps if "VALIDATE CONSTRAINT" in s.statement)
    assert validate.requested == (("bookings", "ShareUpdateExclusiveLock"),)
    assert not any(q.waited for q in validate.app)
    assert all(not s.in_transaction for s in run.steps)  # each step committed on its own
    found, _ = columns(url)
    assert found["note"]["nullable"] is False


def test_foreign_key_added_directly_queues_inserts(gallery):
    _, run = gallery["fk_direct"]
    assert requested(run) == {"ShareRowExclusiveLock"}
    assert waited(run, "INSERT") and not waited(run, "SELECT")


def test_validating_a_not_valid_foreign_key_lets_the_app_through(gallery):
    _, run = gallery["fk_not_valid"]
    validate = next(s for s in run.steps if "VALIDATE CONSTRAINT" in s.statement)
    assert {mode for _, mode in validate.requested} == {"ShareUpdateExclusiveLock"}
    assert not any(q.waited for q in validate.app)


def test_unique_constraint_added_directly_queues_reads_and_writes(gallery):
    _, run = gallery["unique_direct"]
    assert requested(run) == {"AccessExclusiveLock"}
    assert waited(run, "SELECT")


def test_unique_index_built_concurrently_lets_the_app_through(gallery):
    url, run = gallery["unique_using_index"]
    build = run.steps[0]
    assert build.statement.startswith("CREATE UNIQUE INDEX CONCURRENTLY")
    assert not any(q.waited for q in build.app)
    engine = engine_for(url)
    with engine.connect() as connection:
        constraints = sa.inspect(connection).get_unique_constraints("bookings")
    engine.dispose()
    assert [c["name"] for c in constraints] == ["uq_bookings_seat"]


def test_new_enum_value_cannot_be_used_in_the_transaction_that_added_it(gallery):
    url, run = gallery["enum_in_transaction"]
    assert run.error.startswith("UnsafeNewEnumValueUsage")
    _, version = columns(url)
    assert version == "gallery_base"  # rolled back: the value was not added either


def test_enum_value_added_in_an_autocommit_block_can_be_used(gallery):
    url, run = gallery["enum_autocommit"]
    assert run.error == ""
    engine = engine_for(url)
    with engine.connect() as connection:
        status = connection.exec_driver_sql("SELECT status::text FROM bookings WHERE id = 1").scalar()
    engine.dispose()
    assert status == "waitlisted"


def test_ddl_behind_a_long_reader_makes_a_plain_select_queue(queues):
    _, run = queues["0"]
    assert run.migration_error == ""
    assert run.select_waited
    assert not run.select_done_before_reader_ended


def test_lock_timeout_fails_the_migration_and_drains_the_queue(queues):
    _, run = queues["1s"]
    assert run.migration_error.startswith("LockNotAvailable")
    assert run.select_done_before_reader_ended


def test_lock_timeout_failure_leaves_the_database_unchanged(queues):
    url, _ = queues["1s"]
    found, version = columns(url)
    assert "source" not in found
    assert version == "gallery_base"


def test_migration_retried_after_a_lock_timeout_succeeds_once_the_reader_ends(postgresql_server, capsys):
    url = fresh_copy(postgresql_server)
    reader_engine, migration = engine_for(url), engine_for(url)
    reader = reader_engine.connect()
    reader.exec_driver_sql(READER)  # holds ACCESS SHARE until it ends
    with lock_timeout("100ms"):
        attempt = upgrade_with_retries(alembic_config(migration), REVISION, wait=lambda _: reader.rollback())
    reader.close()
    reader_engine.dispose()
    migration.dispose()
    assert attempt == 2
    assert "attempt 1: lock timeout, nothing changed" in capsys.readouterr().out
    found, version = columns(url)
    assert "source" in found and version == REVISION


def test_retry_gives_up_after_the_last_attempt(postgresql_server):
    url = fresh_copy(postgresql_server)
    reader_engine, migration = engine_for(url), engine_for(url)
    reader = reader_engine.connect()
    reader.exec_driver_sql(READER)
    with lock_timeout("50ms"), pytest.raises(sa.exc.OperationalError, match="lock timeout"):
        upgrade_with_retries(alembic_config(migration), REVISION, attempts=2, wait=lambda _: None)
    reader.close()
    reader_engine.dispose()
    migration.dispose()


def test_failed_concurrent_build_leaves_an_invalid_index(gallery):
    url, run = gallery["unique_index_on_duplicates"]
    assert run.error.startswith("UniqueViolation")
    engine = engine_for(url)
    with engine.connect() as connection:
        assert invalid_indexes(connection) == ["ix_bookings_member_id"]
    engine.dispose()


def test_if_not_exists_steps_over_the_invalid_index_and_dropping_it_cleans_up(postgresql_server):
    url = fresh_copy(postgresql_server)
    assert run_hazard(url, "unique_index_on_duplicates").error.startswith("UniqueViolation")
    engine = engine_for(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_bookings_member_id ON bookings (member_id)"
        )
        still_invalid = invalid_indexes(connection)
    dropped = drop_invalid_indexes(engine)
    with engine.connect() as connection:
        left = invalid_indexes(connection)
        indexes = [i["name"] for i in sa.inspect(connection).get_indexes("bookings")]
    engine.dispose()
    assert still_invalid == ["ix_bookings_member_id"]  # IF NOT EXISTS saw the name and did nothing
    assert dropped == ["ix_bookings_member_id"] and left == [] and indexes == []


def test_concurrent_index_inside_the_transaction_fails_and_changes_nothing(gallery):
    url, run = gallery["index_concurrent_in_transaction"]
    assert run.error == "ActiveSqlTransaction: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"
    engine = engine_for(url)
    with engine.connect() as connection:
        indexes = sa.inspect(connection).get_indexes("bookings")
    engine.dispose()
    _, version = columns(url)
    assert indexes == [] and version == "gallery_base"


def test_autogenerate_does_not_see_a_new_enum_value(postgresql_server):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = fresh_copy(postgresql_server)
    metadata = sa.MetaData()
    sa.Table(
        "bookings", metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("status", sa.Enum("booked", "waitlisted", "cancelled", name="booking_status"),
                  server_default="booked", nullable=False),
    )
    sa.Table("members", metadata, sa.Column("id", sa.Integer(), primary_key=True),
             sa.Column("name", sa.Text(), nullable=False))
    engine = engine_for(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_set_not_null_skips_its_scan_when_a_valid_check_proves_it(postgresql_server):
    url = fresh_copy(postgresql_server)
    engine = engine_for(url, isolation_level="AUTOCOMMIT")
    notices = []
    with engine.connect() as connection:
        connection.connection.dbapi_connection.add_notice_handler(lambda d: notices.append(d.message_primary))
        connection.exec_driver_sql("ALTER TABLE bookings ADD CONSTRAINT ck_note CHECK (note IS NOT NULL) NOT VALID")
        connection.exec_driver_sql("ALTER TABLE bookings VALIDATE CONSTRAINT ck_note")
        connection.exec_driver_sql("SET client_min_messages = debug1")  # PostgreSQL says when it skips the scan
        connection.exec_driver_sql("ALTER TABLE bookings ALTER COLUMN note SET NOT NULL")
    engine.dispose()
    assert any("sufficient to prove that it does not contain nulls" in (n or "") for n in notices), notices


def test_gallery_summary_has_one_row_per_revision_under_its_hazard(gallery):
    rows = summary_page(gallery).splitlines()[2:]
    expected = [(f"{h.title}: {kind}", revision) for h in HAZARDS
                for kind, revision in [("unsafe", h.unsafe), *(("safe", s) for s in h.safe)]]
    assert [tuple(cell.strip().strip("`") for cell in row.split("|")[1:3]) for row in rows] == expected
