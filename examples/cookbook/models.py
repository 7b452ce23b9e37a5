"""The models of the cookbook's mini projects, as they are at the head of the
shared chain (_base/versions: 0001 creates users, 0002 adds users.nickname)."""

from sqlalchemy import Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.app.models import NAMING_CONVENTION


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    nickname: Mapped[str | None] = mapped_column(String(50))
