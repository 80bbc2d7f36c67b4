"""finding lifecycle: the steps of each finding's follow-up, the customer's evidence, the deadline in force

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 14:44:41

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_by", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clock", sa.JSON(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "finding_events",
        sa.Column("finding_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("notice_no", sa.String(length=50), nullable=False),
        sa.Column("deadline_before", sa.Date(), nullable=True),
        sa.Column("deadline_after", sa.Date(), nullable=True),
        sa.Column("inspection_id", sa.Uuid(), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_finding_events_finding_id_findings")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspections.id"], name=op.f("fk_finding_events_inspection_id_inspections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_events")),
    )
    for column in ("finding_id", "modified_at", "stored_at"):
        op.create_index(f"ix_finding_events_{column}", "finding_events", [column], unique=False)

    op.create_table(
        "finding_evidence",
        sa.Column("finding_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("suffix", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=50), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["event_id"], ["finding_events.id"], name=op.f("fk_finding_evidence_event_id_finding_events")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_finding_evidence_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_evidence")),
    )
    for column in ("event_id", "finding_id", "modified_at", "sha256", "stored_at"):
        op.create_index(f"ix_finding_evidence_{column}", "finding_evidence", [column], unique=False)

    # Plain ADD COLUMN (no batch rebuild of a table that may hold 100 000 findings), then the deadline in
    # force is the notice's deadline for every finding there is.
    op.add_column("findings", sa.Column("current_deadline", sa.Date(), nullable=True))
    op.execute("UPDATE findings SET current_deadline = deadline")
    op.create_index(
        "ix_findings_follow_up",
        "findings",
        [
            "deleted",
            "current_deadline",
            "id",
            "status",
            "severity",
            "category",
            "customer_id",
            "inspection_id",
        ],
        unique=False,
    )
    op.create_index(
        "ix_findings_status_count",
        "findings",
        ["status", "deleted", "current_deadline", "severity", "category", "customer_id", "inspection_id"],
        unique=False,
    )
    op.create_index(
        "ix_findings_customer_status",
        "findings",
        ["customer_id", "deleted", "status", "current_deadline", "severity", "category", "inspection_id"],
        unique=False,
    )
    op.create_index(
        "ix_findings_inspection_status",
        "findings",
        ["inspection_id", "deleted", "status", "current_deadline", "severity", "category", "customer_id"],
        unique=False,
    )
    op.create_index(
        "ix_inspection_inspectors_inspector_inspection",
        "inspection_inspectors",
        ["inspector_id", "inspection_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_inspection_inspectors_inspector_inspection", table_name="inspection_inspectors")
    op.drop_index("ix_findings_inspection_status", table_name="findings")
    op.drop_index("ix_findings_customer_status", table_name="findings")
    op.drop_index("ix_findings_status_count", table_name="findings")
    op.drop_index("ix_findings_follow_up", table_name="findings")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_column("current_deadline")
    for column in ("event_id", "finding_id", "modified_at", "sha256", "stored_at"):
        op.drop_index(f"ix_finding_evidence_{column}", table_name="finding_evidence")
    op.drop_table("finding_evidence")
    for column in ("finding_id", "modified_at", "stored_at"):
        op.drop_index(f"ix_finding_events_{column}", table_name="finding_events")
    op.drop_table("finding_events")
