"""A notice as a plain value: everything printed on it, already in the words the customer reads.

The services gather a NoticeData from the store; `render` turns it into a PDF. `content()` is what the
notice says (its digest is what the QR code and the verification code vouch for) and `from_content`
rebuilds the value from it, so that a re-print renders the stored content, never today's data. The photo
files, the seal image, the verification code and the QR payload are not content: the photos are named by
their SHA-256 instead, the seal by its file's name (content-addressed too), and the code and payload are
derived from the digest. A photo's evidence stamp is content (the words printed on its picture)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from fieldapp.domain.enums import NoticeKind

CONTENT_VERSION = 1
# How the content is laid out in print. A notice's PDF must stay verifiable after the layout changes:
# `verify` renders the stored content again and compares the words, so a notice must be rendered with the
# layout it was issued with. Layout 1 is the print of b267523 on (evidence strip as text below each photo,
# ℃ spelled °C); its content carries no "layout" key. A change to what the print says bumps LAYOUT, is
# written into the content of the notices issued from then on, and `render` then branches on
# `NoticeData.layout` to keep printing the older layouts as they were (with one layout, no branch yet).
# Notices of the releases before b267523 (strip in the pixels) cannot be told apart and do not verify;
# none was issued in the field.
LAYOUT = 1
CUSTOMER_COPY = "客户联"
ARCHIVE_COPY = "存档联"

Stroke = tuple[tuple[float, float], ...]


class NewerLayoutError(ValueError):
    """The notice's content names a layout this version of the app does not know."""


@dataclass(frozen=True)
class CustomerBlock:
    name: str
    account_no: str
    address: str
    contact: str  # name and telephone as printed
    voltage: str  # "10 kV"
    contract_capacity: str  # "2500 kVA"


@dataclass(frozen=True)
class InspectorLine:
    name: str
    certificate_no: str


@dataclass(frozen=True)
class InspectionBlock:
    day: date
    kind_label: str  # 周期检查 ...
    inspectors: tuple[InspectorLine, ...]


@dataclass(frozen=True)
class FindingRow:
    seq: int
    description: str
    grade: str  # 一般隐患 / 重大隐患
    basis: str  # as cited by the legal library; unverified citations marked 待核实
    requirement: str
    deadline: date | None


@dataclass(frozen=True)
class SignatureMark:
    """A signature drawn on the tablet: strokes of points normalised to 0..1 (y downwards) on a pad
    `aspect` times as wide as high."""

    role_label: str  # 检查人员 / 客户代表 / 见证人
    name: str
    day: date | None
    aspect: float
    strokes: tuple[Stroke, ...]


@dataclass(frozen=True)
class Acknowledgement:
    inspectors: tuple[SignatureMark, ...]
    customer: SignatureMark | None  # the representative's, or after a refusal the witness's
    refused: bool  # the representative refused to sign; `customer` is then the witness
    statement: str = ""  # what the signature confirms, in the words of the notice's kind (wording.py)


@dataclass(frozen=True)
class NoticePhoto:
    path: Path  # the stored photo file (EXIF orientation already applied)
    caption: str
    finding_seq: int | None
    sha256: str = ""  # what the content names the photo by
    stamp: tuple[str, ...] = ()  # the evidence strip printed below the picture (time, place, inspection)


@dataclass(frozen=True)
class NoticeData:
    kind: NoticeKind
    title: str
    number: str
    issuing_unit: str
    issued_on: date
    customer: CustomerBlock
    inspection: InspectionBlock
    findings: tuple[FindingRow, ...]
    consequences: str
    acknowledgement: Acknowledgement
    photos: tuple[NoticePhoto, ...] = ()
    seal_image: Path | None = None
    verification_code: str = ""
    qr_payload: str = ""
    copies: tuple[str, ...] = (CUSTOMER_COPY, ARCHIVE_COPY)
    layout: int = LAYOUT

    def content(self) -> dict[str, Any]:
        """What the notice says, as plain JSON-able values (dates as ISO text)."""
        return {
            "version": CONTENT_VERSION,
            "kind": self.kind.value,
            "title": self.title,
            "number": self.number,
            "issuing_unit": self.issuing_unit,
            "issued_on": self.issued_on.isoformat(),
            "customer": _plain(self.customer),
            "inspection": {
                "day": self.inspection.day.isoformat(),
                "kind_label": self.inspection.kind_label,
                "inspectors": [_plain(i) for i in self.inspection.inspectors],
            },
            "findings": [
                {**_plain(f), "deadline": f.deadline.isoformat() if f.deadline else None}
                for f in self.findings
            ],
            "consequences": self.consequences,
            "acknowledgement": {
                "inspectors": [_signature(s) for s in self.acknowledgement.inspectors],
                "customer": _signature(self.acknowledgement.customer),
                "refused": self.acknowledgement.refused,
                # Only when there is one: notices issued before it keep their content and digest.
                **({"statement": self.acknowledgement.statement} if self.acknowledgement.statement else {}),
            },
            "photos": [_photo(p) for p in self.photos],
            # Only when there is one: notices issued before seals keep their content and digest.
            **({"seal": self.seal_image.name} if self.seal_image is not None else {}),
            # Absent for layout 1: the notices issued before layouts were numbered keep their digest.
            **({"layout": self.layout} if self.layout != 1 else {}),
        }

    def with_verification(self, code: str, payload: str) -> NoticeData:
        return replace(self, verification_code=code, qr_payload=payload)


def _plain(value: CustomerBlock | InspectorLine | FindingRow) -> dict[str, Any]:
    return dict(vars(value))


def _photo(photo: NoticePhoto) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "sha256": photo.sha256,
        "caption": photo.caption,
        "finding_seq": photo.finding_seq,
    }
    if photo.stamp:  # only when there is one: notices issued before stamps keep their content and digest
        entry["stamp"] = list(photo.stamp)
    return entry


def _signature(mark: SignatureMark | None) -> dict[str, Any] | None:
    if mark is None:
        return None
    return {
        "role_label": mark.role_label,
        "name": mark.name,
        "day": mark.day.isoformat() if mark.day else None,
        "aspect": mark.aspect,
        "strokes": [[[x, y] for x, y in stroke] for stroke in mark.strokes],
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _mark(raw: Mapping[str, Any] | None) -> SignatureMark | None:
    if raw is None:
        return None
    return SignatureMark(
        role_label=raw["role_label"],
        name=raw["name"],
        day=_day(raw["day"]),
        aspect=float(raw["aspect"]),
        strokes=tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in raw["strokes"]),
    )


def layout_of(content: Mapping[str, Any]) -> int:
    """The layout a notice's content was issued with; NewerLayoutError for one this app does not know."""
    layout = content.get("layout", 1)
    if not isinstance(layout, int) or not 1 <= layout <= LAYOUT:
        # Issued by a newer version of the app (and synced here): printed in this one's layout, it would
        # not be the notice that was issued, and verify would call it altered.
        raise NewerLayoutError(
            f"通知书版式 {layout!r} 比本程序支持的版式 {LAYOUT} 新，请升级程序后再打印或核对 "
            "(the notice was issued by a newer version of the app: update it to print or verify this notice)"
        )
    return layout


def from_content(
    content: Mapping[str, Any], photo_paths: Mapping[str, Path], seal_folder: Path | None = None
) -> NoticeData:
    """The NoticeData whose `content()` is `content`; `photo_paths` maps each photo's SHA-256 to its file,
    and the seal, when the notice has one, is the file of that name in `seal_folder` (without a folder, just
    its name: enough to lay the notice out, not to draw it)."""
    if content.get("version") != CONTENT_VERSION:
        raise ValueError(f"unknown notice content version {content.get('version')!r}")
    layout = layout_of(content)
    inspection = content["inspection"]
    acknowledgement = content["acknowledgement"]
    return NoticeData(
        kind=NoticeKind(content["kind"]),
        title=content["title"],
        number=content["number"],
        issuing_unit=content["issuing_unit"],
        issued_on=date.fromisoformat(content["issued_on"]),
        customer=CustomerBlock(**content["customer"]),
        inspection=InspectionBlock(
            day=date.fromisoformat(inspection["day"]),
            kind_label=inspection["kind_label"],
            inspectors=tuple(InspectorLine(**i) for i in inspection["inspectors"]),
        ),
        findings=tuple(FindingRow(**{**f, "deadline": _day(f["deadline"])}) for f in content["findings"]),
        consequences=content["consequences"],
        acknowledgement=Acknowledgement(
            inspectors=tuple(m for m in map(_mark, acknowledgement["inspectors"]) if m is not None),
            customer=_mark(acknowledgement["customer"]),
            refused=bool(acknowledgement["refused"]),
            statement=acknowledgement.get("statement", ""),
        ),
        photos=tuple(
            NoticePhoto(
                path=photo_paths[p["sha256"]],
                caption=p["caption"],
                finding_seq=p["finding_seq"],
                sha256=p["sha256"],
                stamp=tuple(p.get("stamp", ())),
            )
            for p in content["photos"]
        ),
        seal_image=_seal(content.get("seal"), seal_folder),
        layout=layout,
    )


def _seal(name: str | None, folder: Path | None) -> Path | None:
    if not name:
        return None
    return folder / name if folder is not None else Path(name)
