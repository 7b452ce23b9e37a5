"""The example app's tables, as they are at the head revision.

Alembic compares these models with the database (autogenerate, `alembic check`),
so they must always describe the schema that `alembic upgrade head` produces.
"""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# --8<-- [start:naming_convention]
# Every constraint and index gets a predictable name. SQLite cannot alter a
# constraint in place, so batch migrations must be able to name what they drop.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
# --8<-- [end:naming_convention]


# --8<-- [start:user]
class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp()
    )

    events: Mapped[list["Event"]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )
    attending: Mapped[list["Event"]] = relationship(
        secondary="event_attendees", back_populates="attendees", passive_deletes=True
    )
# --8<-- [end:user]


# --8<-- [start:venue]
class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    events: Mapped[list["Event"]] = relationship(back_populates="venue", passive_deletes=True)
# --8<-- [end:venue]


# --8<-- [start:event]
class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("owner_id", "name", "starts_at"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"))
    description: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer, server_default=text("50"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp()
    )

    owner: Mapped[User] = relationship(back_populates="events")
    venue: Mapped[Venue | None] = relationship(back_populates="events")
    attendees: Mapped[list[User]] = relationship(
        secondary="event_attendees", back_populates="attending", passive_deletes=True
    )
# --8<-- [end:event]


# --8<-- [start:event_attendees]
# A many-to-many association table: no class of its own, one row per sign-up.
event_attendees = Table(
    "event_attendees",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("registered_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)
# --8<-- [end:event_attendees]
