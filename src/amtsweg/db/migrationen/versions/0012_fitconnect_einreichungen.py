"""received FIT-Connect submissions (exactly-once intake by submissionId)

Revision ID: 0012
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "fitconnect_einreichung",
        sa.Column("id", ID, nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("destination_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("vorgang_nummer", sa.String(length=40), nullable=True),
        sa.Column("probleme", sa.JSON(), nullable=False),
        sa.Column("ereignis", sa.Text(), nullable=False),
        sa.Column("eingegangen_am", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bestaetigt_am", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fitconnect_einreichung")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_fitconnect_einreichung_submission_id")),
    )
    with op.batch_alter_table("fitconnect_einreichung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fitconnect_einreichung_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_fitconnect_einreichung_vorgang_nummer"), ["vorgang_nummer"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fitconnect_einreichung_bestaetigt_am"), ["bestaetigt_am"], unique=False
        )


def downgrade() -> None:
    op.drop_table("fitconnect_einreichung")
