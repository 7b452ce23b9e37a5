"""The recipe's models today: the naming convention was added to a project whose
first revision ran without one."""

from sqlalchemy import Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.app.models import NAMING_CONVENTION


# --8<-- [start:metadata]
class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)  # added after 0001 ran
# --8<-- [end:metadata]


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
