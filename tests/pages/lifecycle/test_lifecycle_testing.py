"""Step 11, integration testing: the app's queries (examples/app/queries.py) run
against the sample database after the real upgrade from 0002 to the head."""

from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from examples.app import queries
from examples.app.db import make_engine
from tests.lifecycle_support import database_at


# --8<-- [start:migrated_session]
@pytest.fixture
def session(tmp_path):
    """The app's own engine (foreign keys on) on the migrated sample database."""
    engine = make_engine(database_at("0012", tmp_path))
    with Session(engine) as session:
        yield session
    engine.dispose()
# --8<-- [end:migrated_session]


def test_a_user_is_found_whatever_spelling_of_the_email_is_typed(session):
    """0004 normalised the stored addresses; the app normalises what it is given."""
    user = queries.find_user_by_email(session, "  ADA@example.ORG ")
    assert user is not None and user.display_name == "Ada Lovelace"


def test_upcoming_events_come_with_their_venue_from_the_backfill(session):
    """Events from a date on, soonest first, each with the venue 0009 linked (None where no location was typed)."""
    events = queries.upcoming_events(session, now=datetime(2026, 12, 2))
    assert [(e.name, e.venue.name if e.venue else None) for e in events] == [
        ("Compiler night", "Room 101"),
        ("Retrospective", "Hall A"),
        ("Kernel walk-through", None),
    ]


def test_events_at_a_venue_uses_the_new_relationship(session):
    """The venue relationship of 0008, filled by 0009, answers "what happens in Hall A?"."""
    assert [e.name for e in queries.events_at_venue(session, "Hall A")] == ["Kick-off", "Retrospective"]


# --8<-- [start:sign_up]
def test_signing_up_fills_seats_then_refuses_and_writes_nothing(session):
    """capacity (0003) and event_attendees (0007) together: a full event refuses
    the next sign-up with a clear error, and no row is added."""
    event = queries.upcoming_events(session, now=datetime(2026, 12, 1))[0]
    event.capacity = 2
    queries.sign_up(session, event.id, 2)
    queries.sign_up(session, event.id, 3)
    session.commit()
    assert queries.seats_left(session, event.id) == 0
    with pytest.raises(queries.EventFull, match=f"event {event.id} is full"):
        queries.sign_up(session, event.id, 1)
    session.rollback()
    assert [e.name for e in queries.events_attended_by(session, 3)] == ["Kick-off"]
    assert sorted(u.id for u in event.attendees) == [2, 3]
# --8<-- [end:sign_up]


def test_the_database_rejects_what_the_app_must_never_write(session):
    """The constraints of 0011 hold even for code that skips the app's checks."""
    event = session.get(queries.Event, 1)
    event.capacity = 0
    with pytest.raises(sa.exc.IntegrityError, match="ck_events_capacity_positive"):
        session.commit()
