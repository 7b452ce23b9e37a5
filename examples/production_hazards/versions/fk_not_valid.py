"""Safe: the foreign key added NOT VALID, then validated in its own transaction

Revision ID: fk_not_valid
Revises: gallery_base
"""

from alembic import op

revision = "fk_not_valid"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.execute(
        "ALTER TABLE bookings ADD CONSTRAINT fk_bookings_member_id_members "
        "FOREIGN KEY (member_id) REFERENCES members (id) NOT VALID"
    )
    with op.get_context().autocommit_block():  # commits the step above first
        op.execute("ALTER TABLE bookings VALIDATE CONSTRAINT fk_bookings_member_id_members")
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_constraint("fk_bookings_member_id_members", "bookings", type_="foreignkey")
# --8<-- [end:downgrade]
