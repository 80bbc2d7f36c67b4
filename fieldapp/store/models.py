"""The database schema as SQLAlchemy 2 typed models.

Every row that travels between tablets and the office carries the sync columns of `Synced`: a UUID primary
key (unique without a network), a revision, modified_at in UTC, the device that modified it and a deleted
flag (a tombstone: rows are never removed while they may still need to travel)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from fieldapp.domain.enums import (
    AnswerKind,
    AssignmentStatus,
    EquipmentKind,
    EquipmentStatus,
    FindingSource,
    FindingStatus,
    ImportanceGrade,
    InspectionKind,
    InspectionStatus,
    InspectorGrade,
    MeteringClass,
    NoticeKind,
    NoticeStatus,
    Role,
    Severity,
    SignerRole,
    Tariff,
    Verdict,
    VoltageLevel,
)
from fieldapp.store.types import StrEnumType, UTCDateTime, utcnow

# Named constraints so that Alembic batch migrations on SQLite can find and alter them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """The columns every synced row carries. Revision, modified_at and modified_by are stamped by the
    session's before_flush hook (store.engine), so no use case can forget them."""

    # Columns that describe this device's state, not the record: they neither make a revision nor travel.
    LOCAL_FIELDS: ClassVar[frozenset[str]] = frozenset()
    # The sync stamps themselves: written by the flush hook (or a sync import), never a change of content.
    STAMP_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {"revision", "modified_at", "modified_by", "clock", "stored_at"}
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    modified_by: Mapped[str] = mapped_column(String(32), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The version vector of this row: {device or editor: number of its edits}. It tells a sync whether one
    # version descends from another or both were edited apart (a conflict). Empty on rows older than
    # sync: read as {modified_by: revision}.
    clock: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # When this row was last written on THIS device (by an edit or an import): the incremental export's
    # watermark. Local: it never travels.
    stored_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)


def _enum(enum: Any) -> StrEnumType[Any]:
    return StrEnumType(enum)


class Device(Synced, Base):
    __tablename__ = "devices"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Inspector(Synced, Base):
    __tablename__ = "inspectors"

    staff_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    certificate_no: Mapped[str] = mapped_column(String(50))  # 用电检查证号
    grade: Mapped[InspectorGrade] = mapped_column(_enum(InspectorGrade))
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Customer(Synced, Base):
    __tablename__ = "customers"

    account_no: Mapped[str] = mapped_column(String(32), unique=True)  # 户号: text, leading zeros kept
    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    supply_voltage: Mapped[VoltageLevel] = mapped_column(_enum(VoltageLevel))
    contract_capacity_kva: Mapped[Decimal] = mapped_column(Numeric(12, 1))
    tariff: Mapped[Tariff] = mapped_column(_enum(Tariff))
    importance: Mapped[ImportanceGrade] = mapped_column(
        _enum(ImportanceGrade), default=ImportanceGrade.ORDINARY
    )
    metering_class: Mapped[MeteringClass] = mapped_column(_enum(MeteringClass))
    cycle_override_months: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    equipment: Mapped[list[Equipment]] = relationship(back_populates="customer", order_by="Equipment.kind")


class Equipment(Synced, Base):
    """One row of the customer's equipment ledger (电气设备台账)."""

    __tablename__ = "equipment"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[EquipmentKind] = mapped_column(_enum(EquipmentKind))
    model: Mapped[str] = mapped_column(String(100), default="")
    rating: Mapped[str] = mapped_column(String(100), default="")  # nameplate rating as printed
    capacity_kva: Mapped[Decimal | None] = mapped_column(Numeric(12, 1), default=None)  # for capacity checks
    serial_no: Mapped[str] = mapped_column(String(100), default="")
    commissioned_on: Mapped[date | None] = mapped_column(Date, default=None)
    last_test_on: Mapped[date | None] = mapped_column(Date, default=None)
    test_cycle_months: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[EquipmentStatus] = mapped_column(
        _enum(EquipmentStatus), default=EquipmentStatus.IN_SERVICE
    )

    customer: Mapped[Customer] = relationship(back_populates="equipment")


class ChecklistTemplate(Synced, Base):
    """One version of a checklist template. A new version is a new row; inspections keep the row they were
    made with, so editing a template never changes a past inspection."""

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("code", "version", name="uq_checklist_templates_code_version"),)

    code: Mapped[str] = mapped_column(String(50))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[InspectionKind] = mapped_column(_enum(InspectionKind))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    content_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200), default="builtin")
    # Sections (titles in both languages) and choice lists, as the checklist package defines them.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A re-inspection checklist is built for one customer from its open findings.
    for_customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"), default=None)

    items: Mapped[list[ChecklistItem]] = relationship(
        back_populates="template", order_by="ChecklistItem.position", cascade="all, delete-orphan"
    )


class ChecklistItem(Synced, Base):
    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("template_id", "code", name="uq_checklist_items_template_code"),)

    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_templates.id"), index=True)
    code: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(10))  # category letter A to K of the domain notes
    prompt_zh: Mapped[str] = mapped_column(Text)
    prompt_en: Mapped[str] = mapped_column(Text, default="")
    answer_kind: Mapped[AnswerKind] = mapped_column(_enum(AnswerKind), default=AnswerKind.VERDICT)
    unit: Mapped[str] = mapped_column(String(20), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    photo_required_on_defect: Mapped[bool] = mapped_column(Boolean, default=False)
    default_severity: Mapped[Severity] = mapped_column(_enum(Severity), default=Severity.GENERAL)
    # The rest of the item (guidance, basis references, rule, relevance, requirement ...) as the checklist
    # package defines it: one JSON document, so the template format can grow without a migration each time.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    template: Mapped[ChecklistTemplate] = relationship(back_populates="items")


class Inspection(Synced, Base):
    __tablename__ = "inspections"
    LOCAL_FIELDS = frozenset({"current_item_code"})
    __table_args__ = (Index("ix_inspections_customer_started", "customer_id", "started_at"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_templates.id"), index=True)
    kind: Mapped[InspectionKind] = mapped_column(_enum(InspectionKind))
    status: Mapped[InspectionStatus] = mapped_column(
        _enum(InspectionStatus), default=InspectionStatus.IN_PROGRESS, index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    content_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    device_code: Mapped[str] = mapped_column(String(16), default="")
    # Where the inspector was, so a restarted app returns to the same item.
    current_item_code: Mapped[str | None] = mapped_column(String(50), default=None)
    # The customer's representative may refuse to sign: the refusal is recorded with a witness instead.
    representative_refused: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship()
    template: Mapped[ChecklistTemplate] = relationship()
    team: Mapped[list[InspectionInspector]] = relationship(
        back_populates="inspection", order_by="InspectionInspector.position"
    )
    answers: Mapped[list[Answer]] = relationship(back_populates="inspection")
    findings: Mapped[list[Finding]] = relationship(back_populates="inspection", order_by="Finding.seq")


class InspectionInspector(Synced, Base):
    """An inspector on site for an inspection; position 0 leads."""

    __tablename__ = "inspection_inspectors"
    __table_args__ = (
        UniqueConstraint("inspection_id", "inspector_id", name="uq_inspection_inspectors_pair"),
        # One inspector's inspections, from the index alone (the findings page's inspector filter).
        Index("ix_inspection_inspectors_inspector_inspection", "inspector_id", "inspection_id"),
    )

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    inspector_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspectors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    inspection: Mapped[Inspection] = relationship(back_populates="team")
    inspector: Mapped[Inspector] = relationship()


class Answer(Synced, Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id", name="uq_answers_inspection_item"),)

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_items.id"))
    verdict: Mapped[Verdict | None] = mapped_column(_enum(Verdict), default=None)
    value_number: Mapped[Decimal | None] = mapped_column(Numeric(18, 6), default=None)
    value_text: Mapped[str] = mapped_column(Text, default="")
    value_date: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    inspection: Mapped[Inspection] = relationship(back_populates="answers")
    item: Mapped[ChecklistItem] = relationship()


class Finding(Synced, Base):
    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("inspection_id", "seq", name="uq_findings_inspection_seq"),
        Index("ix_findings_status_deadline", "status", "deadline"),
        # The findings page's list: its order (deadline, then id) and every column it filters on, so a
        # filter's first page and its counts are read from the index alone (bench_findings_filter).
        Index(
            "ix_findings_follow_up",
            "deleted",
            "current_deadline",
            "id",
            "status",
            "severity",
            "category",
            "customer_id",
            "inspection_id",
        ),
        # A filter's counts, by status, from the index alone.
        Index(
            "ix_findings_status_count",
            "status",
            "deleted",
            "current_deadline",
            "severity",
            "category",
            "customer_id",
            "inspection_id",
        ),
        # The findings of the customers a search finds, from the index alone.
        Index(
            "ix_findings_customer_status",
            "customer_id",
            "deleted",
            "status",
            "current_deadline",
            "severity",
            "category",
            "inspection_id",
        ),
        # The findings of a few inspections (an inspector's; those under way or void, which the counts
        # leave out), from the index alone.
        Index(
            "ix_findings_inspection_status",
            "inspection_id",
            "deleted",
            "status",
            "current_deadline",
            "severity",
            "category",
            "customer_id",
        ),
    )

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    # Kept on the finding too: the office follows findings per customer across inspections.
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checklist_items.id"), default=None)
    seq: Mapped[int] = mapped_column(Integer)  # the finding's number on the notice
    category: Mapped[str] = mapped_column(String(10), default="")
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[Severity] = mapped_column(_enum(Severity), default=Severity.GENERAL)
    basis: Mapped[str] = mapped_column(Text, default="")
    requirement: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[FindingStatus] = mapped_column(_enum(FindingStatus), default=FindingStatus.OPEN)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[FindingSource] = mapped_column(_enum(FindingSource), default=FindingSource.CHECKLIST)
    # The deadline the customer is held to now. It follows `deadline` (a listener below copies every write),
    # until the office sets another one after finalizing, on notifying or reopening (each change is in
    # finding_events); `deadline` itself stays as the notice printed it: it is sealed with the inspection.
    # The findings page filters and sorts on it (ix_findings_follow_up).
    current_deadline: Mapped[date | None] = mapped_column(Date, default=None)

    inspection: Mapped[Inspection] = relationship(back_populates="findings")
    customer: Mapped[Customer] = relationship()


@event.listens_for(Finding.deadline, "set")
def _deadline_is_current(finding: Finding, value: date | None, _old: object, _initiator: object) -> None:
    finding.current_deadline = value


class FindingEvent(Synced, Base):
    """One step of a finding's follow-up after the inspection (services.finding_lifecycle): notified, fix
    reported by the customer, verified, reopened; or a re-inspection that found it still there (from and
    to the same status). Never changed once written: the finding's history."""

    __tablename__ = "finding_events"

    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("findings.id"), index=True)
    from_status: Mapped[FindingStatus] = mapped_column(_enum(FindingStatus))
    to_status: Mapped[FindingStatus] = mapped_column(_enum(FindingStatus))
    happened_on: Mapped[date] = mapped_column(Date)  # the local day of the step, as the person gave it
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when it was recorded
    by: Mapped[str] = mapped_column(String(100))  # who did it: staff number and name, or the verifier
    note: Mapped[str] = mapped_column(Text, default="")  # the customer's report, a reason, how verified
    notice_no: Mapped[str] = mapped_column(String(50), default="")  # the notice the customer was given
    deadline_before: Mapped[date | None] = mapped_column(Date, default=None)
    deadline_after: Mapped[date | None] = mapped_column(Date, default=None)
    # The re-inspection whose result made this step, if one did.
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspections.id"), default=None)


class FindingEvidence(Synced, Base):
    """A file the customer sent to show a fix (a photo, a scanned report as PDF), attached to the step that
    reported it. The file lives under the photos folder, content-addressed (fieldapp.photos.evidence)."""

    __tablename__ = "finding_evidence"

    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("findings.id"), index=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("finding_events.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    suffix: Mapped[str] = mapped_column(String(10))  # .pdf .jpg .png: part of the stored file's name
    file_name: Mapped[str] = mapped_column(String(255), default="")  # as the customer named it
    media_type: Mapped[str] = mapped_column(String(50))
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Signature(Synced, Base):
    """A signature drawn on the tablet, kept as strokes (vectors: small, sharp at any print size). A new
    signature for the same person replaces the old one, which stays as a tombstone."""

    __tablename__ = "signatures"

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    role: Mapped[SignerRole] = mapped_column(_enum(SignerRole))
    inspector_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspectors.id"), default=None)
    signer_name: Mapped[str] = mapped_column(String(50), default="")
    # {"aspect": width/height of the pad, "strokes": [[[x, y], ...], ...]} with x, y in 0..1
    strokes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Photo(Synced, Base):
    """A photo's record. The file lives in the data dir's photos/ folder under its SHA-256."""

    __tablename__ = "photos"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    finding_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("findings.id"), default=None, index=True)
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checklist_items.id"), default=None)
    annotated_from_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("photos.id"), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    latitude: Mapped[float | None] = mapped_column(default=None)
    longitude: Mapped[float | None] = mapped_column(default=None)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)


class Notice(Synced, Base):
    __tablename__ = "notices"

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(_enum(NoticeKind))
    number: Mapped[str] = mapped_column(String(50), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    verification_code: Mapped[str] = mapped_column(String(20), default="")
    # The SHA-256 of the notice's content (canonical JSON of `content`), which its QR code and verification
    # code carry, and the content itself as printed: a re-print renders from it, never from today's data.
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[NoticeStatus] = mapped_column(_enum(NoticeStatus), default=NoticeStatus.ISSUED)
    void_reason: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(Synced, Base):
    """Who did what, when, on which device. Written by every use case in the same transaction as the
    change it describes, so the trail cannot disagree with the data."""

    __tablename__ = "audit_events"

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    device_code: Mapped[str] = mapped_column(String(16), default="")
    actor: Mapped[str] = mapped_column(String(50), default="")  # staff number, or "system"
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(36))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Conflict(Synced, Base):
    """A value that lost a merge. Kept so that nothing is overwritten silently."""

    __tablename__ = "conflicts"

    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(50))
    kept_value: Mapped[str] = mapped_column(Text, default="")
    lost_value: Mapped[str] = mapped_column(Text, default="")
    lost_from: Mapped[str] = mapped_column(String(100), default="")  # device or file the value came from
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class LegalEntry(Synced, Base):
    """One citation of the legal-basis library: what a notice cites for a finding. Edited by the office;
    an entry stays unverified (shown as such to the office, never printed as fact) until someone confirms
    it against the published text."""

    __tablename__ = "legal_entries"

    code: Mapped[str] = mapped_column(String(50), unique=True)  # the stable key items and findings cite
    regulation: Mapped[str] = mapped_column(String(200))  # 《供电营业规则》
    edition: Mapped[str] = mapped_column(String(100), default="")  # 1996 / 2024 (NDRC order No. 14)
    article: Mapped[str] = mapped_column(String(50), default="")  # 第一百条
    requirement_zh: Mapped[str] = mapped_column(Text, default="")
    requirement_en: Mapped[str] = mapped_column(Text, default="")
    provenance: Mapped[str] = mapped_column(Text, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_by: Mapped[str] = mapped_column(String(50), default="")
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # A citation from an edition that has been replaced (the 1996 rules by the 2024 edition) is no longer
    # law: a notice must not print it as fact, however well it was once verified.
    in_force: Mapped[bool] = mapped_column(Boolean, default=True)
    superseded_by: Mapped[str] = mapped_column(String(100), default="")  # the code (or edition) replacing it


class RuleDismissal(Synced, Base):
    """A finding that a measurement rule proposed and the inspector dismissed, with the reason."""

    __tablename__ = "rule_dismissals"
    __table_args__ = (
        UniqueConstraint("inspection_id", "item_code", "rule_kind", name="uq_rule_dismissals_proposal"),
    )

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(50))
    rule_kind: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    dismissed_by: Mapped[str] = mapped_column(String(50), default="")
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Assignment(Synced, Base):
    """A visit the office planned: this customer, this lead inspector, on this day (services.assignments).
    It travels to the tablets, which show it on Today; the inspection started from it is linked, and its
    finalizing marks the assignment done."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_inspector_planned", "inspector_id", "status", "planned_on"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    inspector_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspectors.id"))  # the lead inspector
    planned_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[InspectionKind] = mapped_column(_enum(InspectionKind), default=InspectionKind.PERIODIC)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AssignmentStatus] = mapped_column(
        _enum(AssignmentStatus), default=AssignmentStatus.PLANNED
    )
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspections.id"), default=None)

    customer: Mapped[Customer] = relationship()
    inspector: Mapped[Inspector] = relationship()


class SettingValue(Base):
    """A stored setting. Local to the device: settings do not sync."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Exchange(Base):
    """One sync exchange made on this device: an export to a peer or an import from one. Local: it is this
    device's history, and an export's start is the watermark of the next incremental export to that peer."""

    __tablename__ = "exchanges"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    direction: Mapped[str] = mapped_column(String(10))  # "export" or "import"
    peer: Mapped[str] = mapped_column(String(100), default="", index=True)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    export_id: Mapped[str] = mapped_column(String(36), default="")  # the bundle's own id (manifest)
    full: Mapped[bool] = mapped_column(Boolean, default=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # counts, as the report gives them


class BreachAssessment(Synced, Base):
    """A breach fee worked out for a contract-breach finding (services.breach_fees): the rule applied, the
    inputs (enough to show the arithmetic again) and the amounts, with whether the rule's library entry was
    verified and in force when it was assessed. A record for the office, not a bill."""

    __tablename__ = "breach_assessments"

    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("findings.id"), index=True)
    rule_code: Mapped[str] = mapped_column(String(50))  # the legal_entries code of the rule applied
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    back_pay: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    fee: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    verified_at_time: Mapped[bool] = mapped_column(Boolean, default=False)
    in_force_at_time: Mapped[bool] = mapped_column(Boolean, default=False)
    assessed_by: Mapped[str] = mapped_column(String(50), default="")
    assessed_on: Mapped[date] = mapped_column(Date)


SYNCED_MODELS: tuple[type[Base], ...] = (
    Device,
    Inspector,
    Customer,
    Equipment,
    ChecklistTemplate,
    ChecklistItem,
    Inspection,
    InspectionInspector,
    Answer,
    Finding,
    FindingEvent,
    FindingEvidence,
    Photo,
    Signature,
    Notice,
    AuditEvent,
    Conflict,
    LegalEntry,
    RuleDismissal,
    Assignment,
    BreachAssessment,
)


class User(Base):
    """A person who signs in on this device with a PIN (fieldapp.services.users). Local to the device: it
    never travels in a sync bundle, so PIN hashes never leave the tablet in a workbook. No users at all
    means a single-user device with no sign-in."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    # The inspector this user is, when the user is one: what they do on site is theirs.
    inspector_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspectors.id"), default=None)
    # "scrypt$n$r$p$salt$hash" (hex): the parameters travel with the hash, so they can be raised later.
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
