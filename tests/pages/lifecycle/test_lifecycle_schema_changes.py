"""Steps 3 to 7 and 10: one unit test per revision. Each seeds rows at the
revision before, upgrades one step, and checks what happened to the rows."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.util import CommandError

from examples.app.db import make_engine
from examples.app.queries import events_attended_by_statement
from examples.lifecycle.query_plan import query_plan, uses_a_full_scan
from tests.lifecycle_support import database_at, execute, file_digest, rows
from tools.outputs.sql_capture import migration_sql


def upgrade(url: str, revision: str) -> list[str]:
    return migration_sql(url, "upgrade", revision)


def column_types(url: str, table: str) -> dict[str, str]:
    engine = sa.create_engine(url)
    try:
        return {c["name"]: str(c["type"]) for c in sa.inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def test_0003_fills_existing_events_with_the_server_default(tmp_path):
    """A NOT NULL column with a server default: existing rows get 50, and an INSERT
    that leaves the column out (an older app) gets 50 too."""
    url = database_at("0002", tmp_path)
    upgrade(url, "0003")
    assert rows(url, "SELECT id, capacity FROM events ORDER BY id") == [(1, 50), (2, 50), (3, 50), (4, 50)]
    execute(url, "INSERT INTO events (owner_id, title, starts_at) VALUES (2, 'Old app', '2026-12-20 10:00:00')")
    assert rows(url, "SELECT capacity FROM events WHERE title = 'Old app'") == [(50,)]


def test_0004_stores_every_email_trimmed_and_lower_case(tmp_path):
    """The sample addresses ' Ada@Example.org' and 'LINUS@example.org ' are stored normalised."""
    url = database_at("0003", tmp_path)
    upgrade(url, "0004")
    assert rows(url, "SELECT id, email FROM users ORDER BY id") == [
        (1, "ada@example.org"),
        (2, "grace@example.org"),
        (3, "linus@example.org"),
    ]


def test_0004_colliding_addresses_stop_the_upgrade_and_change_nothing(tmp_path):
    """Two spellings of one address: the upgrade names both, and the database
    file is byte for byte what it was (no half-normalised table)."""
    url = database_at("0003", tmp_path)
    execute(url, "INSERT INTO users (id, email, display_name) VALUES (4, 'ada@example.org', 'Ada again')")
    digest = file_digest(url)
    with pytest.raises(CommandError, match=r"would collide \(ada@example.org <- ' Ada@Example.org', 'ada@example.org'\)"):
        upgrade(url, "0004")
    assert file_digest(url) == digest


def test_0005_keeps_every_title_under_the_new_column_name(tmp_path):
    """Batch mode's copy carries every title into the renamed column; no `title` column remains."""
    url = database_at("0004", tmp_path)
    titles = rows(url, "SELECT id, title FROM events ORDER BY id")
    upgrade(url, "0005")
    assert rows(url, "SELECT id, name FROM events ORDER BY id") == titles
    assert "title" not in column_types(url, "events")


def test_0006_widens_display_name_and_keeps_the_rows(tmp_path):
    """The declared type becomes VARCHAR(200) and every display name survives the table rebuild."""
    url = database_at("0005", tmp_path)
    names = rows(url, "SELECT id, display_name FROM users ORDER BY id")
    upgrade(url, "0006")
    assert column_types(url, "users")["display_name"] == "VARCHAR(200)"
    assert rows(url, "SELECT id, display_name FROM users ORDER BY id") == names


def test_0007_event_attendees_is_a_many_to_many_with_cascades(tmp_path):
    """One row per (event, user); signing up twice is refused by the primary key;
    deleting an event removes its sign-ups (foreign keys on, as the app runs)."""
    url = database_at("0006", tmp_path)
    upgrade(url, "0007")
    execute(url, "INSERT INTO event_attendees (event_id, user_id) VALUES (1, 2), (1, 3), (2, 1)")
    with pytest.raises(sa.exc.IntegrityError, match=r"UNIQUE constraint failed"):
        execute(url, "INSERT INTO event_attendees (event_id, user_id) VALUES (1, 2)")
    execute(url, "DELETE FROM events WHERE id = 1")
    assert rows(url, "SELECT event_id, user_id FROM event_attendees") == [(2, 1)]


def test_0008_adds_a_venue_foreign_key_to_events_in_batch_mode(tmp_path):
    """The rebuilt events table keeps its rows and gains venue_id, NULL for now;
    deleting a venue sets its events' venue_id back to NULL."""
    url = database_at("0007", tmp_path)
    before = rows(url, "SELECT id, name, location FROM events ORDER BY id")
    upgrade(url, "0008")
    assert rows(url, "SELECT id, name, location FROM events ORDER BY id") == before
    assert rows(url, "SELECT count(*) FROM events WHERE venue_id IS NOT NULL") == [(0,)]
    execute(url, "INSERT INTO venues (id, name) VALUES (9, 'Annex')", "UPDATE events SET venue_id = 9 WHERE id = 2")
    execute(url, "DELETE FROM venues WHERE id = 9")
    assert rows(url, "SELECT venue_id FROM events WHERE id = 2") == [(None,)]


# --8<-- [start:unit_0009]
def test_0009_links_each_event_to_one_venue_per_location(tmp_path):
    """"Hall A", typed on two events, becomes one venue both events point at; no location, no venue."""
    url = database_at("0008", tmp_path)
    upgrade(url, "0009")
    assert rows(url, "SELECT id, name FROM venues ORDER BY id") == [(1, "Hall A"), (2, "Room 101")]
    assert rows(url, "SELECT id, location, venue_id FROM events ORDER BY id") == [
        (1, "Hall A", 1),
        (2, "Room 101", 2),
        (3, "Hall A", 1),
        (4, None, None),
    ]
# --8<-- [end:unit_0009]


def test_0009_walks_the_events_in_chunks_with_bound_parameters(tmp_path):
    """1,203 events with a location: three UPDATE batches of at most 500 rows,
    every value sent as a bound parameter, and every event linked."""
    url = database_at("0008", tmp_path)
    more = ", ".join(f"(1, 'Talk {i}', '2027-01-01 10:00:00', 'Room {i % 7}')" for i in range(1200))
    execute(url, f"INSERT INTO events (owner_id, name, starts_at, location) VALUES {more}")
    statements = upgrade(url, "0009")
    updates = [s for s in statements if s.startswith("UPDATE events SET venue_id=? WHERE events.id = ?")]
    batch_sizes = [s.count("), (") + 1 for s in updates]
    assert batch_sizes == [500, 500, 203]
    assert rows(url, "SELECT count(*) FROM events WHERE location IS NOT NULL AND venue_id IS NULL") == [(0,)]
    assert rows(url, "SELECT count(*) FROM venues") == [(9,)]  # Hall A, Room 101, Room 0..6


def test_0010_drops_location_once_venues_hold_it(tmp_path):
    """After the drop, every event's place is still known, through its venue."""
    url = database_at("0009", tmp_path)
    upgrade(url, "0010")
    assert "location" not in column_types(url, "events")
    assert rows(url, "SELECT e.id, v.name FROM events e LEFT JOIN venues v ON v.id = e.venue_id ORDER BY e.id") == [
        (1, "Hall A"),
        (2, "Room 101"),
        (3, "Hall A"),
        (4, None),
    ]


def test_0011_enforces_the_named_unique_and_check_constraints(tmp_path):
    """The database itself refuses a capacity of 0 and a second event with the same owner, name and start, naming the constraint."""
    url = database_at("0010", tmp_path)
    upgrade(url, "0011")
    with pytest.raises(sa.exc.IntegrityError, match=r"CHECK constraint failed: ck_events_capacity_positive"):
        execute(url, "UPDATE events SET capacity = 0 WHERE id = 1")
    with pytest.raises(sa.exc.IntegrityError, match=r"UNIQUE constraint failed: events.owner_id, events.name, events.starts_at"):
        execute(url, "INSERT INTO events (owner_id, name, starts_at) SELECT owner_id, name, starts_at FROM events WHERE id = 1")


def test_0011_rows_breaking_the_rules_stop_the_upgrade_and_change_nothing(tmp_path):
    """A duplicate event and a zero capacity: the upgrade lists both and the database file is unchanged."""
    url = database_at("0010", tmp_path)
    execute(
        url,
        "INSERT INTO events (owner_id, name, starts_at) SELECT owner_id, name, starts_at FROM events WHERE id = 1",
        "UPDATE events SET capacity = 0 WHERE id = 2",
    )
    digest = file_digest(url)
    with pytest.raises(CommandError) as refusal:
        upgrade(url, "0011")
    assert "owner 1 has 2 events named 'Kick-off'" in str(refusal.value)
    assert "event 2 has capacity 0" in str(refusal.value)
    assert file_digest(url) == digest


def test_0012_index_turns_the_my_events_scan_into_a_search(tmp_path):
    """Before 0012 the "my events" query walks every event; after it, SQLite
    searches event_attendees through ix_event_attendees_user_id."""
    url = database_at("0011", tmp_path)

    def plan() -> str:
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                return query_plan(connection, events_attended_by_statement(2))
        finally:
            engine.dispose()

    before = plan()
    assert uses_a_full_scan(before, "events")
    upgrade(url, "0012")
    after = plan()
    assert "SEARCH event_attendees USING INDEX ix_event_attendees_user_id (user_id=?)" in after
    assert not uses_a_full_scan(after, "events") and not uses_a_full_scan(after, "event_attendees")


def ddl_sent_for(change, db: Path) -> list[str]:
    """The statements Alembic sends to a SQLite `events` table for `change(op)`."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    from tools.outputs.sql_capture import recording

    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE events (id INTEGER PRIMARY KEY, title VARCHAR(200), location TEXT)")
    try:
        with recording(engine) as statements, engine.begin() as connection:
            change(Operations(MigrationContext.configure(connection)))
    finally:
        engine.dispose()
    return [s for s in statements if s.startswith(("CREATE", "INSERT", "ALTER", "DROP"))]


def test_sqlite_renames_and_drops_a_column_in_place_without_batch_mode(tmp_path):
    """SQLite's own ALTER TABLE renames and drops a column: no table is rebuilt."""

    def rename_and_drop(op):
        op.alter_column("events", "title", new_column_name="name")
        op.drop_column("events", "location")

    assert ddl_sent_for(rename_and_drop, tmp_path / "plain.db") == [
        "ALTER TABLE events RENAME COLUMN title TO name",
        "ALTER TABLE events DROP COLUMN location",
    ]


def test_batch_mode_rebuilds_the_table_even_for_a_rename(tmp_path):
    """In batch mode Alembic rebuilds the table for a rename SQLite could do in place:
    a new table, every row copied, the old one dropped."""

    def rename_in_batch(op):
        with op.batch_alter_table("events") as batch_op:
            batch_op.alter_column("title", new_column_name="name")

    sent = ddl_sent_for(rename_in_batch, tmp_path / "batch.db")
    assert sent[0].startswith("CREATE TABLE _alembic_tmp_events")
    assert any(s.startswith("INSERT INTO _alembic_tmp_events") and "SELECT" in s for s in sent)
    assert "DROP TABLE events" in sent
    assert "ALTER TABLE _alembic_tmp_events RENAME TO events" in sent
