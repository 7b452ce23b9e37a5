"""docs/schema/relationships.md: one-to-many through a foreign key, many-to-many through an association table."""

from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from examples.schema.models import Event, User
from tests.pages.schema.sql import execute, rows
from tools.outputs.sql_capture import recording


def test_the_owner_relationship_fills_the_foreign_key_column(empty_schema):
    """Setting `event.owner` is how the ORM writes `events.owner_id`; `user.events` reads it back."""
    with Session(empty_schema) as session:
        ada = User(email="ada@example.org", display_name="Ada")
        session.add(Event(owner=ada, title="Kick-off", starts_at=datetime(2026, 12, 1, 10), ends_at=datetime(2026, 12, 1, 12)))
        session.commit()
        assert [e.title for e in ada.events] == ["Kick-off"]
        ada_id = ada.id
    assert rows(empty_schema, "SELECT owner_id, title FROM events") == [(ada_id, "Kick-off")]


def test_appending_an_attendee_writes_one_association_row(empty_schema):
    """`event.attendees.append(user)` inserts (event_id, user_id) into attendances, and nothing else."""
    with Session(empty_schema) as session:
        ada = User(email="ada@example.org", display_name="Ada")
        bob = User(email="bob@example.org", display_name="Bob")
        event = Event(owner=ada, title="Kick-off", starts_at=datetime(2026, 12, 1, 10), ends_at=datetime(2026, 12, 1, 12))
        event.attendees.append(bob)
        session.add(event)
        session.commit()
        expected = (event.id, bob.id)
    assert rows(empty_schema, "SELECT event_id, user_id FROM attendances") == [expected]


def test_attendees_load_through_the_association_table(seeded):
    """Reading `event.attendees` finds each event's users by joining through attendances."""
    with Session(seeded) as session:
        attendees = {e.title: [u.display_name for u in e.attendees] for e in session.scalars(sa.select(Event))}
    assert attendees == {"Kick-off": ["Bob"], "Retrospective": ["Ada"]}


def test_the_composite_primary_key_forbids_registering_twice(seeded):
    """(event_id, user_id) is the key of attendances: the same registration twice is refused, and nothing changes."""
    with pytest.raises(sa.exc.IntegrityError, match=r"UNIQUE constraint failed: attendances.event_id, attendances.user_id"):
        execute(seeded, "INSERT INTO attendances (event_id, user_id) VALUES (1, 2)")
    assert rows(seeded, "SELECT event_id, user_id FROM attendances ORDER BY event_id") == [(1, 2), (2, 1)]


def test_a_nullable_foreign_key_makes_the_parent_optional(seeded):
    """venue_id may be NULL (an event with no venue yet); owner_id may not."""
    execute(seeded, "INSERT INTO events (owner_id, title, starts_at, ends_at) VALUES (1, 'Online', '2026-12-02', '2026-12-03')")
    with pytest.raises(sa.exc.IntegrityError, match=r"NOT NULL constraint failed: events.owner_id"):
        execute(seeded, "INSERT INTO events (venue_id, title, starts_at, ends_at) VALUES (1, 'Ownerless', '2026-12-02', '2026-12-03')")


def test_passive_deletes_leave_the_children_to_the_database(seeded):
    """With passive_deletes=True the ORM sends one DELETE per object and lets ON DELETE CASCADE
    remove the events and registrations that hang off it."""
    with recording(seeded) as statements, Session(seeded) as session:
        session.delete(session.get(Event, 1))  # Ada's Kick-off, which Bob attends
        session.flush()
        session.delete(session.get(User, 2))  # Bob, owner of the Retrospective
        session.commit()
    deletes = [s.split("\n")[0] for s in statements if s.startswith("DELETE")]
    assert deletes == ["DELETE FROM events WHERE events.id = ?", "DELETE FROM users WHERE users.id = ?"]
    assert rows(seeded, "SELECT count(*) FROM events") == [(0,)]
    assert rows(seeded, "SELECT count(*) FROM attendances") == [(0,)]
