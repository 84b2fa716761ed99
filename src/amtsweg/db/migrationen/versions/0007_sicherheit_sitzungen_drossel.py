"""server-side login sessions, throttling state, idempotency keys of API submissions

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
ZEIT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "anmeldesitzung",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("benutzer_id", ID, nullable=False),
        sa.Column("erstellt_am", ZEIT, nullable=False),
        sa.Column("zuletzt_aktiv", ZEIT, nullable=False),
        sa.Column("widerrufen_am", ZEIT, nullable=True),
        sa.ForeignKeyConstraint(
            ["benutzer_id"], ["benutzer.id"], name=op.f("fk_anmeldesitzung_benutzer_id_benutzer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anmeldesitzung")),
    )
    with op.batch_alter_table("anmeldesitzung") as batch_op:
        batch_op.create_index(batch_op.f("ix_anmeldesitzung_benutzer_id"), ["benutzer_id"], unique=False)
    op.create_table(
        "drossel",
        sa.Column("schluessel", sa.String(length=300), nullable=False),
        sa.Column("zaehler", sa.Integer(), nullable=False),
        sa.Column("fenster_beginn", ZEIT, nullable=False),
        sa.Column("gesperrt_bis", ZEIT, nullable=True),
        sa.PrimaryKeyConstraint("schluessel", name=op.f("pk_drossel")),
    )
    op.create_table(
        "api_idempotenz",
        sa.Column("schluessel", sa.String(length=300), nullable=False),
        sa.Column("benutzer_id", ID, nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("antwort", sa.JSON(), nullable=False),
        sa.Column("erstellt_am", ZEIT, nullable=False),
        sa.PrimaryKeyConstraint("schluessel", name=op.f("pk_api_idempotenz")),
    )


def downgrade() -> None:
    op.drop_table("api_idempotenz")
    op.drop_table("drossel")
    with op.batch_alter_table("anmeldesitzung") as batch_op:
        batch_op.drop_index(batch_op.f("ix_anmeldesitzung_benutzer_id"))
    op.drop_table("anmeldesitzung")
