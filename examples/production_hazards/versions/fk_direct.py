"""Unsafe: a foreign key added directly, checked while both tables refuse writes

Revision ID: fk_direct
Revises: gallery_base
"""

from alembic import op

revision = "fk_direct"
down_revision = "gallery_base"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    op.create_foreign_key("fk_bookings_member_id_members", "bookings", "members", ["member_id"], ["id"])
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade() -> None:
    op.drop_constraint("fk_bookings_member_id_members", "bookings", type_="foreignkey")
# --8<-- [end:downgrade]
