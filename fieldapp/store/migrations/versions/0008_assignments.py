"""assignments: the visits the office plans for its inspectors, which travel to the tablets

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_INDEXED = ("customer_id", "planned_on", "modified_at", "stored_at")


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("inspector_id", sa.Uuid(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("inspection_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_by", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clock", sa.JSON(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_assignments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspections.id"], name=op.f("fk_assignments_inspection_id_inspections")
        ),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["inspectors.id"], name=op.f("fk_assignments_inspector_id_inspectors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    for column in _INDEXED:
        op.create_index(f"ix_assignments_{column}", "assignments", [column], unique=False)
    op.create_index(
        "ix_assignments_inspector_planned",
        "assignments",
        ["inspector_id", "status", "planned_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_assignments_inspector_planned", table_name="assignments")
    for column in _INDEXED:
        op.drop_index(f"ix_assignments_{column}", table_name="assignments")
    op.drop_table("assignments")
