"""The users table of the cookbook's chain, now with a unique email: twice,
once on metadata without a naming convention and once with the handbook's."""

from sqlalchemy import Column, Integer, MetaData, String, Table

from examples.app.models import NAMING_CONVENTION


def users(metadata: MetaData) -> Table:
    return Table(
        "users",
        metadata,
        Column("id", Integer, primary_key=True),
        # --8<-- [start:unique_email]
        Column("email", String(320), nullable=False, unique=True),
        # --8<-- [end:unique_email]
        Column("nickname", String(50)),
    )


# --8<-- [start:metadata]
without_names = MetaData()
with_names = MetaData(naming_convention=NAMING_CONVENTION)
# --8<-- [end:metadata]
users(without_names)
users(with_names)
