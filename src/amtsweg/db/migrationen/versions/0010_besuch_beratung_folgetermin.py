"""visit results: advice given and follow-up date of a prevention visit

Revision ID: 0010
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("praev_besuch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("beratung", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("folgetermin", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_praev_besuch_folgetermin"), ["folgetermin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("praev_besuch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_praev_besuch_folgetermin"))
        batch_op.drop_column("folgetermin")
        batch_op.drop_column("beratung")
