"""breach_assessments: the breach fees worked out for contract-breach findings, which travel to the office

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 18:30:00

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_INDEXED = ("finding_id", "modified_at", "stored_at")


def upgrade() -> None:
    op.create_table(
        "breach_assessments",
        sa.Column("finding_id", sa.Uuid(), nullable=False),
        sa.Column("rule_code", sa.String(length=50), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("back_pay", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("fee", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("verified_at_time", sa.Boolean(), nullable=False),
        sa.Column("in_force_at_time", sa.Boolean(), nullable=False),
        sa.Column("assessed_by", sa.String(length=50), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_by", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clock", sa.JSON(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_breach_assessments_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breach_assessments")),
    )
    for column in _INDEXED:
        op.create_index(f"ix_breach_assessments_{column}", "breach_assessments", [column], unique=False)


def downgrade() -> None:
    for column in _INDEXED:
        op.drop_index(f"ix_breach_assessments_{column}", table_name="breach_assessments")
    op.drop_table("breach_assessments")
