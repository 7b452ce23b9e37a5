"""What docs/schema/relationships.md shows of the ORM: save an owner, an event and an
attendee through the relationships, then load the event's attendees back."""

from datetime import datetime

from sqlalchemy.orm import Session

from examples.schema.models import Event, User


def save_and_load(engine) -> None:
    # --8<-- [start:orm_writes]
    # expire_on_commit=False: kick_off.id stays readable after commit, with no reload
    with Session(engine, expire_on_commit=False) as session:
        ada = User(email="ada@example.org", display_name="Ada")
        bob = User(email="bob@example.org", display_name="Bob")
        kick_off = Event(
            owner=ada,
            title="Kick-off",
            starts_at=datetime(2026, 12, 1, 10),
            ends_at=datetime(2026, 12, 1, 12),
        )
        kick_off.attendees.append(bob)
        session.add(kick_off)
        session.commit()
    # --8<-- [end:orm_writes]
    # --8<-- [start:orm_reads]
    with Session(engine) as session:
        event = session.get(Event, kick_off.id)
        assert [u.display_name for u in event.attendees] == ["Bob"]
    # --8<-- [end:orm_reads]
