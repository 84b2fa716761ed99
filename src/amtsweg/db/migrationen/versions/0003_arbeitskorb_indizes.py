"""indexes for the staff queue and the team-lead overview (100 000+ Vorgänge)

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_vorgang_behoerde_status_eingang", "vorgang", ["behoerde_id", "status", "eingegangen_am"]
    )
    op.create_index("ix_vorgang_behoerde_frist", "vorgang", ["behoerde_id", "frist"])
    op.create_index("ix_bescheid_erstellt_am", "bescheid", ["erstellt_am"])
    op.create_index("ix_bescheid_automatisch", "bescheid", ["automatisch"])
    op.create_index("ix_entscheidung_vorgang_id_id", "entscheidung", ["vorgang_id", "id"])


def downgrade() -> None:
    for name, tabelle in (
        ("ix_entscheidung_vorgang_id_id", "entscheidung"),
        ("ix_bescheid_automatisch", "bescheid"),
        ("ix_bescheid_erstellt_am", "bescheid"),
        ("ix_vorgang_behoerde_frist", "vorgang"),
        ("ix_vorgang_behoerde_status_eingang", "vorgang"),
    ):
        op.drop_index(name, table_name=tabelle)
