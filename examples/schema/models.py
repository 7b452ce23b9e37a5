"""An event-planning schema, small enough to read in one go.

Users own events, events may take place at a venue, and users register for
events through an association table. The Schema fundamentals pages embed it
section by section and show the DDL SQLite receives for it.
"""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from examples.app.models import NAMING_CONVENTION


class Base(DeclarativeBase):
    # The app's naming convention: every constraint and index gets a predictable name.
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --8<-- [start:user]
class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    # Python-side default: SQLAlchemy fills it in when *it* builds the INSERT.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Server-side defaults: part of the table, so every INSERT gets them.
    is_active: Mapped[bool] = mapped_column(server_default=true())
    created_at: Mapped[datetime] = mapped_column(
        server_default=func.current_timestamp()
    )

    events: Mapped[list["Event"]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )
# --8<-- [end:user]


# --8<-- [start:venue]
class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    capacity: Mapped[int]
    address: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)
# --8<-- [end:venue]


# --8<-- [start:attendances]
# The association table of the many-to-many "users attend events": one row per
# registration. The composite primary key forbids registering twice.
attendances = Table(
    "attendances",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id",
        ForeignKey("users.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
    Column(
        "registered_at",
        DateTime,
        nullable=False,
        server_default=func.current_timestamp(),
    ),
)
# --8<-- [end:attendances]


# --8<-- [start:event]
class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    price_cents: Mapped[int] = mapped_column(server_default=text("0"))

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
    )

    owner: Mapped[User] = relationship(back_populates="events")
    venue: Mapped[Venue | None] = relationship()
    attendees: Mapped[list[User]] = relationship(
        secondary=attendances, passive_deletes=True
    )
# --8<-- [end:event]
