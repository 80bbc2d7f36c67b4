"""sync: version vectors, stored_at watermarks, exchange history

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 14:52:00

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SYNCED_TABLES = (
    "devices",
    "inspectors",
    "customers",
    "equipment",
    "checklist_templates",
    "checklist_items",
    "inspections",
    "inspection_inspectors",
    "answers",
    "findings",
    "signatures",
    "photos",
    "notices",
    "audit_events",
    "conflicts",
    "legal_entries",
    "rule_dismissals",
)


def upgrade() -> None:
    # Plain ADD COLUMN: a batch rebuild of every table would copy a tablet's whole database.
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("clock", sa.JSON(), nullable=False, server_default="{}"))
        op.add_column(table, sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True))
        op.create_index(f"ix_{table}_stored_at", table, ["stored_at"], unique=False)
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("peer", sa.String(length=100), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("export_id", sa.String(length=36), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchanges")),
    )
    op.create_index("ix_exchanges_peer", "exchanges", ["peer"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_exchanges_peer", table_name="exchanges")
    op.drop_table("exchanges")
    for table in SYNCED_TABLES:
        op.drop_index(f"ix_{table}_stored_at", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("stored_at")
            batch_op.drop_column("clock")
