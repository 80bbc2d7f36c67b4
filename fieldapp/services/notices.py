"""Notices: issue one for a finalized inspection (or print again one already issued), and verify a PDF.

Issuing gathers a NoticeData from the store, gives it the next number of this device and year, seals its
content (SHA-256 of the canonical JSON of what it says), derives the verification code and the QR payload
from that digest, renders the PDF and records the number, kind, content, digest, verification code and the
file's SHA-256. Each photo is printed with its evidence stamp (customer, time, inspectors, place) as
text right below it, and the issuing unit's seal image when one is set (services.notice_seal). The content is
stored with the notice: a re-print renders it, never today's data, so the same notice always reads the same
(invariant 2: an issued notice is immutable); the stamps and the seal's file name are part of it.

Verifying reads the number and digest back from the PDF's metadata and its printed text, and reports a
mismatch when the notice is unknown or void, the PDF carries another digest than the record, the stored
content or the finalized inspection behind it was altered, or the printed text lacks what the record says."""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import InspectionStatus, NoticeKind, NoticeStatus, SignerRole, coerce_enum
from fieldapp.domain.errors import ValidationError
from fieldapp.notices.data import (
    Acknowledgement,
    CustomerBlock,
    FindingRow,
    InspectionBlock,
    InspectorLine,
    NewerLayoutError,
    NoticeData,
    NoticePhoto,
    SignatureMark,
    from_content,
    layout_of,
)
from fieldapp.notices.numbering import next_sequence, notice_number
from fieldapp.notices.reading import NoticeUnreadableError, read_notice_pdf
from fieldapp.notices.render import render
from fieldapp.notices.verification import parse_payload, qr_payload, verification_code
from fieldapp.notices.wording import (
    GRADES,
    INSPECTION_KINDS,
    ROLES,
    SUPERSEDED_MARK,
    TITLES,
    UNVERIFIED_MARK,
    acknowledgement_statement,
    consequences,
)
from fieldapp.paths import fonts_dir
from fieldapp.photos.files import photo_path
from fieldapp.services.audit import record_event
from fieldapp.services.inspections import get_inspection, verify_inspection_seal
from fieldapp.services.notice_seal import current_seal, seal_folder
from fieldapp.services.photos import evidence_stamp_lines
from fieldapp.services.settings_store import get_setting
from fieldapp.services.signatures import signature_slots
from fieldapp.store.engine import DEVICE_CODE
from fieldapp.store.models import Finding, Inspection, LegalEntry, Notice, Photo
from fieldapp.store.types import utcnow

FONT_FILE = "wqy-microhei.ttc"
_NUMBER_ATTEMPTS = 5


@dataclass(frozen=True)
class IssuedNotice:
    notice_id: uuid.UUID
    number: str
    kind: NoticeKind
    verification_code: str
    content_sha256: str
    file_sha256: str
    path: Path
    reprint: bool  # the notice existed: printed again from its stored content
    identical: bool  # the file has the SHA-256 recorded when it was first issued


@dataclass(frozen=True)
class Verification:
    status: str  # "match", "mismatch" or "unreadable"
    number: str
    reasons: tuple[str, ...]

    @property
    def matches(self) -> bool:
        return self.status == "match"


def font_file() -> Path:
    return fonts_dir() / FONT_FILE


def default_kind(session: Session, inspection: Inspection) -> NoticeKind:
    """A hazard rectification notice when the inspection found anything, else a result notice."""
    return NoticeKind.HAZARD if _findings(session, inspection.id) else NoticeKind.RESULT


def _findings(session: Session, inspection_id: uuid.UUID) -> list[Finding]:
    return list(
        session.scalars(
            select(Finding)
            .where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
            .order_by(Finding.seq)
        )
    )


_REPLACEMENT_HOPS = 5  # 1996 -> 2024 -> a later edition ...; a loop in the office's links ends here


def _basis_codes(raw: str) -> list[str]:
    return [text for piece in raw.replace("；", ";").split(";") if (text := piece.strip())]


def _citation(entry: LegalEntry) -> str:
    edition = f"（{entry.edition}）" if entry.edition else ""
    return f"{entry.regulation}{edition}{entry.article}"


def _in_force_replacement(entry: LegalEntry, library: dict[str, LegalEntry]) -> LegalEntry | None:
    """The verified entry in force that replaced `entry`, following superseded_by links, or None."""
    current = entry
    for _ in range(_REPLACEMENT_HOPS):
        successor = library.get(current.superseded_by)
        if successor is None:
            return None
        if successor.in_force:
            return successor if successor.verified else None
        current = successor
    return None


def _basis_text(raw: str, library: dict[str, LegalEntry]) -> str:
    """The basis as the notice prints it: free text as the inspector wrote it, each library code as its
    citation, printed as fact only when its entry is verified and in force. An unverified entry is marked
    待核实.

    An entry no longer in force (the 1996 《供电营业规则》) is never printed as fact, however well it was
    verified. When the entry that superseded it (superseded_by, followed through later editions) is in force
    and verified, that one is cited instead: the office's link says which provision replaced the old one
    and a person has checked it against the published text, and the customer is bound by the law in force,
    not by a repealed text. Otherwise the old citation is printed marked 已失效、待核实: the finding still
    rests on it, and dropping it would hide that its basis needs checking. An unverified successor (whose
    article nobody has confirmed) is not printed in its place: it would say less and vouch for no more."""
    parts: list[str] = []
    for text in _basis_codes(raw):
        entry = library.get(text)
        if entry is None:
            cited = text
        elif entry.in_force:
            cited = _citation(entry) if entry.verified else _citation(entry) + UNVERIFIED_MARK
        else:
            successor = _in_force_replacement(entry, library)
            cited = _citation(successor) if successor is not None else _citation(entry) + SUPERSEDED_MARK
        if cited not in parts:  # an old code and its successor cited side by side print once
            parts.append(cited)
    return "；".join(parts)


def _library_for(session: Session, codes: set[str]) -> dict[str, LegalEntry]:
    """The entries `codes` name, with every entry that superseded one of them (as far as the links go)."""
    library: dict[str, LegalEntry] = {}
    wanted = codes - {""}
    for _ in range(_REPLACEMENT_HOPS + 1):
        if not wanted:
            break
        found = session.scalars(
            select(LegalEntry).where(LegalEntry.code.in_(wanted), LegalEntry.deleted.is_(False))
        ).all()
        library.update((e.code, e) for e in found)
        wanted = {e.superseded_by for e in found if not e.in_force and e.superseded_by} - set(library)
    return library


def _mark(
    role: SignerRole, name: str, strokes: dict[str, Any] | None, signed_at: datetime | None
) -> SignatureMark:
    pad = strokes or {}
    return SignatureMark(
        role_label=ROLES[role],
        name=name,
        day=local_day(signed_at) if signed_at else None,
        aspect=float(pad.get("aspect", 3.0)),
        strokes=tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in pad.get("strokes", [])),
    )


def _capacity(value: Decimal) -> str:
    return f"{format(value.normalize(), 'f')} kVA"


def gather_notice(
    session: Session,
    inspection: Inspection,
    kind: NoticeKind,
    number: str,
    issued_at: datetime,
    photos_root: Path,
    seal_image: Path | None = None,
) -> NoticeData:
    """What the notice for this inspection says, without its verification code (derived from it)."""
    findings = _findings(session, inspection.id)
    library = _library_for(session, {code for f in findings for code in _basis_codes(f.basis)})
    customer = inspection.customer
    seq_by_finding = {f.id: f.seq for f in findings}
    seq_by_item = {f.item_id: f.seq for f in findings if f.item_id is not None}
    photos = session.scalars(
        select(Photo).where(Photo.inspection_id == inspection.id, Photo.deleted.is_(False))
    ).all()

    def photo_seq(photo: Photo) -> int | None:
        if photo.finding_id is not None:
            return seq_by_finding.get(photo.finding_id)
        return seq_by_item.get(photo.item_id) if photo.item_id is not None else None

    ordered = sorted(photos, key=lambda p: (photo_seq(p) or 10**6, p.position, p.sha256))
    slots = signature_slots(session, inspection.id)
    inspector_marks = tuple(
        _mark(s.role, s.name, s.strokes, s.signed_at) for s in slots if s.role is SignerRole.INSPECTOR
    )
    customer_slot = next((s for s in slots if s.role is not SignerRole.INSPECTOR and s.signed), None)
    customer_mark = (
        _mark(customer_slot.role, customer_slot.name, customer_slot.strokes, customer_slot.signed_at)
        if customer_slot
        else None
    )
    return NoticeData(
        kind=kind,
        title=TITLES[kind],
        number=number,
        issuing_unit=str(get_setting(session, "org.issuing_unit")),
        issued_on=local_day(issued_at),
        customer=CustomerBlock(
            name=customer.name,
            account_no=customer.account_no,
            address=customer.address,
            contact=" ".join(x for x in (customer.contact_name, customer.contact_phone) if x),
            voltage=f"{customer.supply_voltage.value} kV",
            contract_capacity=_capacity(customer.contract_capacity_kva),
        ),
        inspection=InspectionBlock(
            day=local_day(inspection.started_at),
            kind_label=INSPECTION_KINDS[inspection.kind],
            inspectors=tuple(
                InspectorLine(m.inspector.name, m.inspector.certificate_no) for m in inspection.team
            ),
        ),
        findings=tuple(
            FindingRow(
                seq=f.seq,
                description=f.description,
                grade=GRADES[f.severity],
                basis=_basis_text(f.basis, library),
                requirement=f.requirement,
                deadline=f.deadline,
            )
            for f in findings
        ),
        consequences=consequences(
            kind,
            has_findings=bool(findings),
            has_serious=any(f.severity.value == "serious" for f in findings),
        ),
        acknowledgement=Acknowledgement(
            inspectors=inspector_marks,
            customer=customer_mark,
            refused=inspection.representative_refused,
            statement=acknowledgement_statement(
                kind,
                refused=inspection.representative_refused,
                witness=customer_mark.name if customer_mark is not None else "",
            ),
        ),
        photos=tuple(
            NoticePhoto(
                photo_path(photos_root, p.sha256),
                p.caption,
                photo_seq(p),
                p.sha256,
                stamp=tuple(evidence_stamp_lines(session, p.id)),
            )
            for p in ordered
        ),
        seal_image=seal_image,
    )


def _sealed(data: NoticeData) -> tuple[NoticeData, str]:
    digest = content_sha256(data.content())
    return data.with_verification(verification_code(digest), qr_payload(data.number, digest)), digest


def _render_to(data: NoticeData, out_path: Path, image_cache: Path | None) -> str:
    """Render next to the target and move it into place; the file's SHA-256."""
    if data.seal_image is not None and not data.seal_image.is_file():
        # Printed without it, the notice would not be the one issued: better no print than another one.
        raise ValidationError(
            f"通知书 {data.number} 的印章图片 {data.seal_image} 已丢失，无法按原样打印 "
            "(the notice's seal image is missing: it cannot be printed as issued)",
            field="notice.seal_image",
        )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pending = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    try:
        render(data, pending, font_file=font_file(), image_cache=image_cache)
        digest = hashlib.sha256(pending.read_bytes()).hexdigest()
        pending.replace(out_path)
    finally:
        pending.unlink(missing_ok=True)
    return digest


def _allocate(session: Session, inspection: Inspection, kind: NoticeKind, issued_at: datetime) -> Notice:
    """A Notice row with the next number of this device and year; retried if another workstation on the
    same database took the number in the meantime."""
    device = str(session.info.get(DEVICE_CODE) or get_setting(session, "device.code") or "T00")
    prefix = str(get_setting(session, "notice.number_prefix"))
    year = local_day(issued_at).year
    for _ in range(_NUMBER_ATTEMPTS):
        taken = session.scalars(select(Notice.number).where(Notice.number.like(f"%-{year}-{device}-%")))
        number = notice_number(prefix, year, device, next_sequence(taken, year, device))
        notice = Notice(inspection_id=inspection.id, kind=kind, number=number, issued_at=issued_at)
        try:
            with session.begin_nested():
                session.add(notice)
        except IntegrityError:
            continue
        return notice
    raise ValidationError("无法分配通知书编号，请重试 (could not allocate a notice number; try again)")


def _existing(session: Session, inspection_id: uuid.UUID, kind: NoticeKind) -> Notice | None:
    return session.scalar(
        select(Notice)
        .where(
            Notice.inspection_id == inspection_id,
            Notice.kind == kind,
            Notice.status == NoticeStatus.ISSUED,
            Notice.deleted.is_(False),
        )
        .order_by(Notice.issued_at)
        .limit(1)
    )


def issue_notice(
    session: Session,
    inspection_id: uuid.UUID,
    kind: NoticeKind | str | None,
    out_path: Path,
    photos_root: Path,
    *,
    image_cache: Path | None = None,
    notices_dir: Path | None = None,
    issued_at: datetime | None = None,
    actor: str = "",
) -> IssuedNotice:
    """Write the notice of `kind` (default: hazard when there are findings, else result) for a finalized
    inspection to `out_path`. The first time, the notice is numbered and recorded; after that the stored
    notice is printed again from its stored content. `image_cache` keeps the photos reduced to print size
    (a re-print with the same cache gives the same bytes). `notices_dir` (<data>/notices) holds the seal
    images: without it a notice is issued without the seal."""
    inspection = get_inspection(session, inspection_id)
    if inspection.status is not InspectionStatus.FINALIZED:
        raise ValidationError(
            "只能为已定稿的检查出具通知书 (a notice is issued only for a finalized inspection)",
            field="inspection",
        )
    chosen = coerce_enum(NoticeKind, kind, "kind") if kind is not None else default_kind(session, inspection)
    notice = _existing(session, inspection.id, chosen)
    if notice is not None:
        paths = {p["sha256"]: photo_path(photos_root, p["sha256"]) for p in notice.content.get("photos", [])}
        seals = seal_folder(notices_dir) if notices_dir is not None else None
        try:
            data, digest = _sealed(from_content(notice.content, paths, seals))
        except NewerLayoutError as exc:
            raise ValidationError(str(exc), field="notice.layout") from None
        file_sha = _render_to(data, out_path, image_cache)
        record_event(
            session, "notice.reprint", "notice", notice.id, actor=actor, detail={"number": notice.number}
        )
        return IssuedNotice(
            notice.id,
            notice.number,
            chosen,
            data.verification_code,
            digest,
            file_sha,
            out_path,
            reprint=True,
            identical=file_sha == notice.file_sha256,
        )
    moment = issued_at or utcnow()
    notice = _allocate(session, inspection, chosen, moment)
    seal = current_seal(session, notices_dir) if notices_dir is not None else None
    data, digest = _sealed(
        gather_notice(
            session,
            inspection,
            chosen,
            notice.number,
            moment,
            photos_root,
            seal.path if seal is not None else None,
        )
    )
    file_sha = _render_to(data, out_path, image_cache)
    notice.content = data.content()
    notice.content_sha256 = digest
    notice.verification_code = data.verification_code
    notice.file_sha256 = file_sha
    session.flush()
    record_event(
        session,
        "notice.issue",
        "notice",
        notice.id,
        actor=actor,
        detail={
            "number": notice.number,
            "kind": chosen.value,
            "content_sha256": digest,
            "file_sha256": file_sha,
        },
    )
    return IssuedNotice(
        notice.id,
        notice.number,
        chosen,
        data.verification_code,
        digest,
        file_sha,
        out_path,
        reprint=False,
        identical=True,
    )


def finalized_inspection_ids(session: Session) -> list[uuid.UUID]:
    """Every finalized inspection, oldest first: what the office batch prints."""
    return list(
        session.scalars(
            select(Inspection.id)
            .where(Inspection.status == InspectionStatus.FINALIZED, Inspection.deleted.is_(False))
            .order_by(Inspection.started_at, Inspection.id)
        )
    )


def _squeeze(text: str) -> str:
    return "".join(text.split())


def verify_pdf(session: Session, pdf_path: Path, photos_root: Path) -> Verification:
    """Whether the PDF is a notice this database issued, unaltered, for a record that is itself unaltered:
    its verification data names a stored notice, the record behind it still matches its seals, and every
    word the PDF prints is what the stored notice prints (it is rendered again and the texts compared, so a
    forged PDF with a genuine QR code and a changed name, deadline or requirement is a mismatch)."""
    try:
        payload, text = read_notice_pdf(pdf_path)
    except NoticeUnreadableError as exc:
        return Verification("unreadable", "", (str(exc),))
    parsed = parse_payload(payload) if payload else None
    if parsed is None:
        return Verification(
            "unreadable", "", ("PDF 中没有通知书校验信息 (the PDF carries no notice verification data)",)
        )
    number, digest = parsed
    notice = session.scalar(select(Notice).where(Notice.number == number, Notice.deleted.is_(False)))
    if notice is None:
        return Verification(
            "mismatch", number, (f"没有编号为 {number} 的通知书 (no notice with this number)",)
        )
    try:
        layout_of(notice.content or {})
    except NewerLayoutError as exc:
        return Verification("unreadable", number, (str(exc),))
    reasons: list[str] = []
    if notice.status is NoticeStatus.VOIDED:
        reasons.append("该通知书已作废 (the notice is void)")
    if not notice.content or content_sha256(notice.content) != notice.content_sha256:
        reasons.append("通知书存档内容已被改动 (the stored notice content was altered)")
    if digest != notice.content_sha256:
        reasons.append("PDF 与存档记录的内容摘要不符 (the PDF's content digest differs from the record's)")
    if not verify_inspection_seal(session, notice.inspection_id):
        reasons.append("检查记录与定稿时的封存摘要不符 (the inspection record was altered after finalizing)")
    stored = {f["seq"]: f["description"] for f in notice.content.get("findings", [])}
    current = {f.seq: f.description for f in _findings(session, notice.inspection_id)}
    if stored != current:
        reasons.append("问题记录与通知书不符 (the findings in the database differ from the notice)")
    inspection = session.get(Inspection, notice.inspection_id)
    if inspection is None or inspection.status is InspectionStatus.VOIDED:
        reasons.append("该通知书所依据的检查已作废 (the inspection behind the notice is void)")
    if not reasons and _squeeze(text) != _squeeze(_reprinted_text(notice, photos_root)):
        reasons.append("PDF 的文字与存档记录不符 (the printed text differs from the record)")
    return Verification("mismatch" if reasons else "match", number, tuple(reasons))


def _reprinted_text(notice: Notice, photos_root: Path) -> str:
    """The text of the notice as its stored content prints it today. The images are left out (the layout
    does not depend on them): they are not text, and decoding every photo would only make verify slow."""
    paths = {p["sha256"]: photo_path(photos_root, p["sha256"]) for p in notice.content.get("photos", [])}
    data, _digest = _sealed(from_content(notice.content, paths))
    with tempfile.TemporaryDirectory(prefix="fieldapp-verify-") as folder:
        copy = Path(folder) / "notice.pdf"
        render(data, copy, font_file=font_file(), draw_images=False)
        _payload, text = read_notice_pdf(copy)
    return text
