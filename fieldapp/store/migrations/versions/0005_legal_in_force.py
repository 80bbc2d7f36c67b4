"""legal entries in force or superseded

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 14:50:00

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): SQLite can add a column with a constant default in place.
    op.add_column(
        "legal_entries", sa.Column("in_force", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "legal_entries", sa.Column("superseded_by", sa.String(length=100), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("legal_entries", schema=None) as batch_op:
        batch_op.drop_column("superseded_by")
        batch_op.drop_column("in_force")
