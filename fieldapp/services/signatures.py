"""Signatures on the tablet: each inspector on site, and the customer's representative, or the
representative's refusal witnessed by someone who signs instead. Every signature is committed the moment
it is given; a new one for the same person replaces the old, which stays as a tombstone."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import SignerRole, coerce_enum
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.signatures import Point, check_signature
from fieldapp.services.audit import record_event
from fieldapp.services.inspections import editable_inspection, get_inspection
from fieldapp.store.models import Inspection, Signature
from fieldapp.store.types import utcnow

MAX_NAME = 50


@dataclass(frozen=True)
class SignatureSlot:
    """One signature the inspection needs, signed or not yet."""

    role: SignerRole
    inspector_id: uuid.UUID | None
    name: str  # the inspector's name; the representative's or witness's name once they signed
    signed: bool
    signed_at: datetime | None
    strokes: dict[str, Any] | None  # {"aspect": ..., "strokes": [[[x, y], ...], ...]}


def _current(session: Session, inspection_id: uuid.UUID) -> list[Signature]:
    return list(
        session.scalars(
            select(Signature)
            .where(Signature.inspection_id == inspection_id, Signature.deleted.is_(False))
            .order_by(Signature.signed_at)
        )
    )


def _retire(signatures: list[Signature], role: SignerRole, inspector_id: uuid.UUID | None = None) -> None:
    for signature in signatures:
        if signature.role is role and signature.inspector_id == inspector_id:
            signature.deleted = True


def signature_slots(session: Session, inspection_id: uuid.UUID) -> list[SignatureSlot]:
    """What the inspection needs, in the order people sign: the inspectors as listed on site, then the
    representative, or, after a refusal, the witness."""
    inspection = get_inspection(session, inspection_id)
    current = _current(session, inspection.id)
    slots: list[SignatureSlot] = []
    for member in inspection.team:
        found = next(
            (s for s in current if s.role is SignerRole.INSPECTOR and s.inspector_id == member.inspector_id),
            None,
        )
        slots.append(_slot(SignerRole.INSPECTOR, member.inspector_id, member.inspector.name, found))
    role = SignerRole.WITNESS if inspection.representative_refused else SignerRole.REPRESENTATIVE
    found = next((s for s in current if s.role is role), None)
    slots.append(_slot(role, None, found.signer_name if found else "", found))
    return slots


def _slot(
    role: SignerRole, inspector_id: uuid.UUID | None, name: str, found: Signature | None
) -> SignatureSlot:
    return SignatureSlot(
        role=role,
        inspector_id=inspector_id,
        name=name,
        signed=found is not None,
        signed_at=found.signed_at if found else None,
        strokes=found.strokes if found else None,
    )


def _name(signer_name: str, role: SignerRole) -> str:
    name = " ".join(signer_name.split())
    if not name:
        who = "客户代表" if role is SignerRole.REPRESENTATIVE else "见证人"
        raise ValidationError(f"请填写{who}姓名 (the {role.value} needs a name)", field="signer_name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"姓名过长，最多 {MAX_NAME} 字 (name too long)", field="signer_name")
    return name


def sign(
    session: Session,
    inspection_id: uuid.UUID,
    role: SignerRole | str,
    aspect: float,
    strokes: list[list[Point]],
    *,
    inspector_id: uuid.UUID | None = None,
    signer_name: str = "",
    signed_at: datetime | None = None,
    actor: str = "",
) -> SignatureSlot:
    """Store one person's signature, replacing their earlier one. A representative who signs after a
    refusal was recorded withdraws the refusal (and the witness's signature with it)."""
    inspection = editable_inspection(session, inspection_id)
    role = coerce_enum(SignerRole, role, "role")
    drawn = check_signature(aspect, strokes)
    current = _current(session, inspection.id)
    if role is SignerRole.INSPECTOR:
        member = next((m for m in inspection.team if m.inspector_id == inspector_id), None)
        if member is None:
            raise ValidationError(
                "只有本次检查的检查人员可以签名 (only an inspector of this inspection signs here)",
                field="inspector",
            )
        name = member.inspector.name
        _retire(current, role, inspector_id)
    elif role is SignerRole.REPRESENTATIVE:
        name = _name(signer_name, role)
        inspector_id = None
        _retire(current, role)
        if inspection.representative_refused:
            inspection.representative_refused = False
            _retire(current, SignerRole.WITNESS)
    else:
        if not inspection.representative_refused:
            raise ValidationError(
                "只有客户代表拒签时才需要见证人签名 (a witness signs only after a refusal)", field="role"
            )
        name = _name(signer_name, role)
        inspector_id = None
        _retire(current, role)
    signature = Signature(
        inspection_id=inspection.id,
        role=role,
        inspector_id=inspector_id,
        signer_name=name,
        strokes=drawn,
        signed_at=signed_at or utcnow(),
    )
    session.add(signature)
    session.flush()
    record_event(
        session,
        "signature.sign",
        "signature",
        signature.id,
        actor=actor,
        detail={"inspection": str(inspection.id), "role": role.value, "name": name},
    )
    return _slot(role, inspector_id, name, signature)


def record_refusal(session: Session, inspection_id: uuid.UUID, *, actor: str = "") -> None:
    """The representative refuses to sign: their signature (if any) is withdrawn and a witness must sign."""
    inspection = editable_inspection(session, inspection_id)
    if inspection.representative_refused:
        return
    _retire(_current(session, inspection.id), SignerRole.REPRESENTATIVE)
    inspection.representative_refused = True
    record_event(session, "signature.refuse", "inspection", inspection.id, actor=actor)


def withdraw_refusal(session: Session, inspection_id: uuid.UUID, *, actor: str = "") -> None:
    """The refusal was recorded by mistake: the representative is asked again; the witness's signature
    goes."""
    inspection = editable_inspection(session, inspection_id)
    if not inspection.representative_refused:
        return
    _retire(_current(session, inspection.id), SignerRole.WITNESS)
    inspection.representative_refused = False
    record_event(session, "signature.refusal_withdrawn", "inspection", inspection.id, actor=actor)


def missing_signatures(session: Session, inspection_id: uuid.UUID) -> list[SignatureSlot]:
    return [slot for slot in signature_slots(session, inspection_id) if not slot.signed]


def signature_content(session: Session, inspection: Inspection) -> list[dict[str, Any]]:
    """What the seal covers of the signatures: who signed in which role, and a digest of what they drew."""
    return [
        {
            "role": s.role,
            "name": s.signer_name,
            "inspector": s.inspector_id,
            "strokes_sha256": content_sha256(s.strokes),
        }
        for s in sorted(_current(session, inspection.id), key=lambda s: (s.role.value, s.signer_name))
    ]
