"""The example app's queries: what it asks the database, at the head revision.

The integration test (tests/pages/lifecycle/test_lifecycle_testing.py) runs them against a
database migrated from real rows, so a migration that breaks the app fails there.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from examples.app.models import Event, User, Venue, event_attendees


class EventFull(RuntimeError):
    """Signing up for an event with no seat left; nothing was written."""


def normalised_email(email: str) -> str:
    """The form revision 0004 gave every stored address: trimmed, lower-case."""
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(sa.select(User).where(User.email == normalised_email(email))).one_or_none()


def upcoming_events(session: Session, now: datetime) -> list[Event]:
    """Events from `now` on, soonest first, with their venue (served by ix_events_starts_at)."""
    return list(
        session.scalars(
            sa.select(Event).where(Event.starts_at >= now).order_by(Event.starts_at).options(selectinload(Event.venue))
        )
    )


def events_at_venue(session: Session, venue_name: str) -> list[Event]:
    return list(
        session.scalars(sa.select(Event).join(Event.venue).where(Venue.name == venue_name).order_by(Event.starts_at))
    )


# --8<-- [start:attended_by]
def events_attended_by_statement(user_id: int) -> sa.Select:
    """The "my events" page: what this user signed up for (served by ix_event_attendees_user_id)."""
    return (
        sa.select(Event)
        .join(event_attendees, event_attendees.c.event_id == Event.id)
        .where(event_attendees.c.user_id == user_id)
        .order_by(Event.starts_at)
    )


def events_attended_by(session: Session, user_id: int) -> list[Event]:
    return list(session.scalars(events_attended_by_statement(user_id)))
# --8<-- [end:attended_by]


def seats_left(session: Session, event_id: int) -> int:
    taken = sa.select(sa.func.count()).where(event_attendees.c.event_id == event_id).scalar_subquery()
    return session.execute(sa.select(Event.capacity - taken).where(Event.id == event_id)).scalar_one()


def sign_up(session: Session, event_id: int, user_id: int) -> None:
    """Register `user_id` for `event_id` if a seat is left (the caller commits)."""
    if seats_left(session, event_id) <= 0:
        raise EventFull(f"event {event_id} is full: no seat left for user {user_id}")
    session.execute(event_attendees.insert().values(event_id=event_id, user_id=user_id))
