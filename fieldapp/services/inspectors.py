"""The inspectors (用电检查人员) who may be put on an inspection team."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import InspectorGrade, coerce_enum
from fieldapp.domain.errors import ValidationError
from fieldapp.services.audit import record_event
from fieldapp.store.models import Inspector


@dataclass(frozen=True)
class InspectorRow:
    id: uuid.UUID
    staff_no: str
    name: str
    certificate_no: str
    grade: InspectorGrade


def create_inspector(
    session: Session,
    staff_no: str,
    name: str,
    certificate_no: str,
    grade: InspectorGrade,
    *,
    phone: str = "",
    actor: str = "",
) -> uuid.UUID:
    staff_no, name, certificate_no = staff_no.strip(), name.strip(), certificate_no.strip()
    if not staff_no:
        raise ValidationError("工号不能为空 (staff number is required)", field="staff_no")
    if not name:
        raise ValidationError("姓名不能为空 (name is required)", field="name")
    if not certificate_no:
        raise ValidationError(
            "用电检查证号不能为空 (inspection certificate number is required)", field="certificate_no"
        )
    if session.scalar(select(Inspector.id).where(Inspector.staff_no == staff_no)) is not None:
        raise ValidationError(f"工号 {staff_no} 已存在 (staff number already registered)", field="staff_no")
    inspector = Inspector(
        staff_no=staff_no,
        name=name,
        certificate_no=certificate_no,
        grade=coerce_enum(InspectorGrade, grade, "grade"),
        phone=phone.strip(),
    )
    session.add(inspector)
    session.flush()
    record_event(
        session, "inspector.create", "inspector", inspector.id, actor=actor, detail={"staff_no": staff_no}
    )
    return inspector.id


def list_inspectors(session: Session, *, active_only: bool = True) -> list[InspectorRow]:
    query = select(Inspector).where(Inspector.deleted.is_(False)).order_by(Inspector.staff_no)
    if active_only:
        query = query.where(Inspector.active.is_(True))
    return [InspectorRow(i.id, i.staff_no, i.name, i.certificate_no, i.grade) for i in session.scalars(query)]
