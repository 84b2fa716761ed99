"""AI governance: kill switch per use case, threshold breaches, assistant answer log

Revision ID: 0009
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ki_schalter",
        sa.Column("kennung", sa.String(length=60), nullable=False),
        sa.Column("aktiv", sa.Boolean(), nullable=False),
        sa.Column("grund", sa.Text(), nullable=False),
        sa.Column("geaendert_von", sa.String(length=200), nullable=False),
        sa.Column("geaendert_am", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kennung", name=op.f("pk_ki_schalter")),
    )
    op.create_table(
        "ki_warnung",
        sa.Column("id", ID, nullable=False),
        sa.Column("kennung", sa.String(length=60), nullable=False),
        sa.Column("metrik", sa.String(length=80), nullable=False),
        sa.Column("zeitraum", sa.String(length=40), nullable=False),
        sa.Column("wert", sa.Float(), nullable=False),
        sa.Column("schwelle", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("erkannt_am", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ki_warnung")),
        sa.UniqueConstraint("kennung", "metrik", "zeitraum", name=op.f("uq_ki_warnung_kennung")),
    )
    with op.batch_alter_table("ki_warnung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ki_warnung_kennung"), ["kennung"], unique=False)
    op.create_table(
        "ki_assistent_antwort",
        sa.Column("id", ID, nullable=False),
        sa.Column("zeitpunkt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kanal", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("konfidenz", sa.Float(), nullable=False),
        sa.Column("quellen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ki_assistent_antwort")),
    )
    with op.batch_alter_table("ki_assistent_antwort", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ki_assistent_antwort_zeitpunkt"), ["zeitpunkt"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ki_assistent_antwort", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ki_assistent_antwort_zeitpunkt"))
    op.drop_table("ki_assistent_antwort")
    with op.batch_alter_table("ki_warnung", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ki_warnung_kennung"))
    op.drop_table("ki_warnung")
    op.drop_table("ki_schalter")
