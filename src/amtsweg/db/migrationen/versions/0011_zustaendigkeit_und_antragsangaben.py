"""area of local competence of an authority; further statements of an Antrag (bank account, Mietverhältnis, …)

Revision ID: 0011
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("behoerde", schema=None) as batch_op:
        batch_op.add_column(sa.Column("zustaendigkeit", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("vorgang", schema=None) as batch_op:
        batch_op.add_column(sa.Column("angaben", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("vorgang", schema=None) as batch_op:
        batch_op.drop_column("angaben")
    with op.batch_alter_table("behoerde", schema=None) as batch_op:
        batch_op.drop_column("zustaendigkeit")
