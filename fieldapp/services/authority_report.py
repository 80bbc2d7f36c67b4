"""The list the authority asks for: serious hazards (重大隐患) at important customers (特级、一级、二级重要
电力用户) that are not yet put right, as an .xlsx and as a landscape A4 PDF.

Which findings: the ones the office follows up (services.stats.followed_up: not withdrawn, of a finalized
inspection that is not void), graded serious, of a customer graded special, first or second (temporary
and ordinary customers are not important users in the sense of the rules), and not verified: the open,
notified, fix-reported and reopened ones. Most overdue first, then by customer and the finding's number."""

from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus, ImportanceGrade, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.finding_lifecycle import STATUS_ZH, UNRESOLVED, overdue_days
from fieldapp.notices.render import FONT, printable, register_font
from fieldapp.services.audit import record_event
from fieldapp.services.notices import font_file
from fieldapp.services.settings_store import get_setting
from fieldapp.services.stats import followed_up
from fieldapp.store.models import Customer, Finding, Inspection
from fieldapp.workbook.writing import finish_sheet, save_atomically, set_text, write_header, write_row

IMPORTANT = (ImportanceGrade.SPECIAL, ImportanceGrade.FIRST, ImportanceGrade.SECOND)
IMPORTANCE_ZH = {
    ImportanceGrade.SPECIAL: "特级",
    ImportanceGrade.FIRST: "一级",
    ImportanceGrade.SECOND: "二级",
}
TITLE = "重要电力用户重大隐患清单"
SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True)
class SeriousHazard:
    finding_id: uuid.UUID
    customer: str
    account_no: str
    importance: ImportanceGrade
    seq: int  # the finding's number on its notice
    description: str
    category: str
    found_on: date
    deadline: date | None  # the one in force
    status: FindingStatus
    overdue_days: int

    @property
    def importance_zh(self) -> str:
        return IMPORTANCE_ZH.get(self.importance, self.importance.value)

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]


@dataclass(frozen=True)
class SeriousReport:
    today: date
    rows: tuple[SeriousHazard, ...]


def serious_hazards(session: Session, today: date | None = None) -> SeriousReport:
    """The serious hazards not yet verified at important customers, as of `today` (for the days overdue)."""
    day = today if today is not None else date.today()
    rows = session.execute(
        select(Finding, Customer.name, Customer.account_no, Customer.importance, Inspection.started_at)
        .join(Customer, Customer.id == Finding.customer_id)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .where(
            followed_up(),
            Finding.severity == Severity.SERIOUS,
            Finding.status.in_(UNRESOLVED),
            Customer.importance.in_(IMPORTANT),
        )
    ).all()
    hazards = [
        SeriousHazard(
            finding_id=finding.id,
            customer=name,
            account_no=account_no,
            importance=importance,
            seq=finding.seq,
            description=finding.description,
            category=finding.category,
            found_on=local_day(started_at),
            deadline=finding.current_deadline,
            status=finding.status,
            overdue_days=overdue_days(finding.current_deadline, finding.status, day),
        )
        for finding, name, account_no, importance, started_at in rows
    ]
    hazards.sort(key=lambda h: (-h.overdue_days, h.account_no, h.found_on, h.seq))
    return SeriousReport(day, tuple(hazards))


COLUMNS = (
    ("序号", "清单中的顺序"),
    ("客户名称", "户名"),
    ("户号", "用户编号"),
    ("重要等级", "特级、一级或二级重要电力用户"),
    ("隐患描述", "检查时记录的隐患"),
    ("类别", "检查表分类 A–K"),
    ("发现日期", "发现该隐患的检查日期"),
    ("整改期限", "现行整改期限"),
    ("状态", "整改进度"),
    ("超期天数", "超过整改期限的天数；未超期为 0"),
)
WIDTHS = {"客户名称": 28, "户号": 14, "隐患描述": 50, "类别": 8, "状态": 12, "序号": 8}


def _values(number: int, hazard: SeriousHazard) -> list[Any]:
    return [
        number,
        hazard.customer,
        hazard.account_no,
        hazard.importance_zh,
        hazard.description,
        hazard.category,
        hazard.found_on,
        hazard.deadline,
        hazard.status_zh,
        hazard.overdue_days,
    ]


def write_xlsx(report: SeriousReport, path: Path) -> None:
    """The list as a workbook: header on row 1 (each header cell explains itself), one hazard a row."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "重大隐患"
    write_header(sheet, COLUMNS)
    for row, hazard in enumerate(report.rows, start=2):
        write_row(
            sheet, row, dict(zip((k for k, _ in COLUMNS), _values(row - 1, hazard), strict=True)), COLUMNS
        )
        for column in (7, 8):
            sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
    finish_sheet(sheet, COLUMNS, len(report.rows) + 1, WIDTHS)
    info = workbook.create_sheet("说明")
    set_text(info.cell(row=1, column=1), TITLE)
    set_text(info.cell(row=2, column=1), f"截至 {report.today.isoformat()}，共 {len(report.rows)} 条")
    set_text(
        info.cell(row=3, column=1),
        "范围：已定稿检查发现、尚未复查销号的重大隐患，客户为特级、一级、二级重要电力用户",
    )
    save_atomically(workbook, path)


# Landscape A4, the table across the page: widths in mm, 261 mm in all (297 less two margins of 18 mm).
PAGE = landscape(A4)
MARGIN = 18 * mm
PDF_WIDTHS = (11, 40, 24, 18, 73, 12, 22, 22, 22, 17)


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Keeps its pages until the end so each can say "第 x 页 共 y 页" and the day of the list."""

    footer = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.saveState()
            self.setFont(FONT, 9)
            self.drawCentredString(PAGE[0] / 2, 9 * mm, f"第 {number} 页 共 {total} 页")
            self.drawString(MARGIN, 9 * mm, self.footer)
            self.restoreState()
            super().showPage()
        super().save()


def _style(size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{kw}", fontName=FONT, fontSize=size, leading=size * 1.35, wordWrap="CJK", **kw
    )


def _cell(text: str, style: ParagraphStyle) -> Paragraph:
    escaped = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, style)


def write_pdf(report: SeriousReport, path: Path, *, issuing_unit: str = "") -> None:
    """The list as a landscape A4 PDF: title, the day, the table with its header on every page, and
    "第 x 页 共 y 页" at the foot. Written beside `path` and renamed over it."""
    register_font(font_file())
    body, head = _style(9), _style(9, textColor=colors.white)
    header = [_cell(k, head) for k, _ in COLUMNS]
    data: list[list[Any]] = [header]
    for number, hazard in enumerate(report.rows, start=1):
        values = _values(number, hazard)
        data.append([_cell("" if v is None else str(v), body) for v in values])
    table = Table(data, colWidths=[w * mm for w in PDF_WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3A5F")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EEF3F8")]),
            ]
        )
    )
    subtitle = f"截至 {report.today.isoformat()}，共 {len(report.rows)} 条" + (
        f"　　{issuing_unit}" if issuing_unit else ""
    )
    story = [
        Paragraph(TITLE, _style(16, alignment=1)),
        Spacer(1, 3 * mm),
        Paragraph(printable(subtitle), _style(10, alignment=1)),
        Spacer(1, 4 * mm),
        table if report.rows else Paragraph("无符合条件的重大隐患", _style(10)),
    ]
    canvas_class = type(
        "AuthorityCanvas", (_PagedCanvas,), {"footer": f"{TITLE}　{report.today.isoformat()}"}
    )
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        doc = SimpleDocTemplate(
            temporary,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=TITLE,
            creator="fieldapp",
            invariant=1,
        )
        doc.build(story, canvasmaker=canvas_class)
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def export_serious_report(
    session: Session, path: Path, *, today: date | None = None, actor: str = ""
) -> SeriousReport:
    """Write the list to `path`: .xlsx or .pdf by its suffix; audited (what left the office, when)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            f"{path.name}: 请以 .xlsx 或 .pdf 结尾 (the file must end in .xlsx or .pdf)", field="out"
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(f"文件夹不存在 (no such folder): {path.parent}")
    report = serious_hazards(session, today)
    if suffix == ".xlsx":
        write_xlsx(report, path)
    else:
        write_pdf(report, path, issuing_unit=str(get_setting(session, "org.issuing_unit") or ""))
    record_event(
        session,
        "report.serious_hazards",
        "report",
        "serious_hazards",
        actor=actor,
        detail={"file": path.name, "rows": len(report.rows), "today": report.today.isoformat()},
    )
    return report
