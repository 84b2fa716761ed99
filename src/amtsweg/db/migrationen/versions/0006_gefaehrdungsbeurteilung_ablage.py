"""saved Gefährdungsbeurteilungen of firms with their versions

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "praev_gb",
        sa.Column("id", ID, nullable=False),
        sa.Column("besitzer_id", ID, nullable=False),
        sa.Column("bezeichnung", sa.String(length=200), nullable=False),
        sa.Column("fassung", sa.Integer(), nullable=False),
        sa.Column("erstellt_am", sa.DateTime(timezone=True), nullable=False),
        sa.Column("geaendert_am", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["besitzer_id"], ["benutzer.id"], name=op.f("fk_praev_gb_besitzer_id_benutzer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praev_gb")),
    )
    with op.batch_alter_table("praev_gb", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_praev_gb_besitzer_id"), ["besitzer_id"], unique=False)
    op.create_table(
        "praev_gb_fassung",
        sa.Column("id", ID, nullable=False),
        sa.Column("ablage_id", ID, nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("eingabe", sa.JSON(), nullable=False),
        sa.Column("anlass", sa.Text(), nullable=False),
        sa.Column("wissensbasis_version", sa.String(length=40), nullable=False),
        sa.Column("erstellt_von", sa.String(length=200), nullable=False),
        sa.Column("erstellt_am", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ablage_id"], ["praev_gb.id"], name=op.f("fk_praev_gb_fassung_ablage_id_praev_gb")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praev_gb_fassung")),
    )
    with op.batch_alter_table("praev_gb_fassung", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_praev_gb_fassung_ablage_id"), ["ablage_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("praev_gb_fassung", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_praev_gb_fassung_ablage_id"))
    op.drop_table("praev_gb_fassung")
    with op.batch_alter_table("praev_gb", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_praev_gb_besitzer_id"))
    op.drop_table("praev_gb")
