"""indexes for keyset pages of the staff queue and the API list (a million Vorgänge)

The open-Vorgang indexes are partial (``status IN (...)``): the default queue then reads exactly its
rows in sort order, however many closed Vorgänge an authority has.

Revision ID: 0013
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0007"
branch_labels = None
depends_on = None

#: the open statuses (cases.status.OFFEN) as of this revision; fixed here on purpose
OFFEN_SQL = (
    "status IN ('eingegangen', 'unvollstaendig', 'in_pruefung', 'entscheidungsreif', "
    "'zur_freigabe', 'widerspruch')"
)


def upgrade() -> None:
    op.create_index("ix_vorgang_behoerde_eingang_id", "vorgang", ["behoerde_id", "eingegangen_am", "id"])
    for name, spalten in (
        ("ix_vorgang_offen_eingang_id", ["behoerde_id", "eingegangen_am", "id"]),
        ("ix_vorgang_offen_frist_id", ["behoerde_id", "frist", "id"]),
    ):
        op.create_index(
            name,
            "vorgang",
            spalten,
            postgresql_where=sa.text(OFFEN_SQL),
            sqlite_where=sa.text(OFFEN_SQL),
        )


def downgrade() -> None:
    for name in (
        "ix_vorgang_offen_frist_id",
        "ix_vorgang_offen_eingang_id",
        "ix_vorgang_behoerde_eingang_id",
    ):
        op.drop_index(name, table_name="vorgang")
