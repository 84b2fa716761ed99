"""visit results (advice given, follow-up date) and imported Vorankündigungen (§ 2 BaustellV)

Revision ID: 0010
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0012"
branch_labels = None
depends_on = None


ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "praev_vorankuendigung",
        sa.Column("id", ID, nullable=False),
        sa.Column("aktenzeichen", sa.String(length=60), nullable=False),
        sa.Column("ort", sa.String(length=300), nullable=False),
        sa.Column("plz", sa.String(length=10), nullable=False),
        sa.Column("region", sa.String(length=60), nullable=False),
        sa.Column("bauherr", sa.String(length=300), nullable=False),
        sa.Column("art_bauvorhaben", sa.String(length=300), nullable=False),
        sa.Column("dritter", sa.String(length=300), nullable=False),
        sa.Column("koordinator", sa.String(length=300), nullable=False),
        sa.Column("beginn", sa.Date(), nullable=False),
        sa.Column("dauer_arbeitstage", sa.Integer(), nullable=False),
        sa.Column("hoechstzahl_beschaeftigte", sa.Integer(), nullable=False),
        sa.Column("zahl_arbeitgeber", sa.Integer(), nullable=True),
        sa.Column("unternehmen", sa.JSON(), nullable=False),
        sa.Column("eingegangen_am", sa.Date(), nullable=True),
        sa.Column("erstellt_am", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praev_vorankuendigung")),
        sa.UniqueConstraint("aktenzeichen", name=op.f("uq_praev_vorankuendigung_aktenzeichen")),
    )
    with op.batch_alter_table("praev_vorankuendigung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_praev_vorankuendigung_beginn"), ["beginn"], unique=False)
        batch_op.create_index(batch_op.f("ix_praev_vorankuendigung_region"), ["region"], unique=False)
    with op.batch_alter_table("praev_besuch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("beratung", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("folgetermin", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_praev_besuch_folgetermin"), ["folgetermin"], unique=False)


def downgrade() -> None:
    op.drop_table("praev_vorankuendigung")
    with op.batch_alter_table("praev_besuch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_praev_besuch_folgetermin"))
        batch_op.drop_column("folgetermin")
        batch_op.drop_column("beratung")
