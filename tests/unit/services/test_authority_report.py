"""The list of serious hazards at important customers for the authority: exactly those findings, in the
.xlsx and in the PDF."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import FindingStatus, ImportanceGrade, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.services.authority_report import COLUMNS, export_serious_report, serious_hazards
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.store.models import Customer, Finding

S = FindingStatus
TODAY = date(2026, 9, 15)
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
LISTED = ("高压开关柜五防闭锁解除", "自备发电机无防反送电闭锁")


@pytest.fixture
def hazards(backend: Backend, sample: Sample) -> Sample:
    """The hospital (first grade) and the school (made second grade) have serious findings still open;
    around them the ones that must stay off the list."""
    with backend.session() as session:
        school = session.get(Customer, sample.customers[2])
        assert school is not None
        school.importance = ImportanceGrade.SECOND
        planned: list[tuple[uuid.UUID, str, Severity, FindingStatus, date, bool]] = [
            (sample.customers[0], LISTED[0], Severity.SERIOUS, S.NOTIFIED, date(2026, 7, 1), False),
            (
                sample.customers[0],
                "已复查销号的重大隐患",
                Severity.SERIOUS,
                S.VERIFIED,
                date(2026, 7, 1),
                False,
            ),
            (sample.customers[0], "一般隐患不列入", Severity.GENERAL, S.OPEN, date(2026, 7, 1), False),
            (sample.customers[0], "已撤销的重大隐患", Severity.SERIOUS, S.OPEN, date(2026, 7, 1), True),
            (sample.customers[1], "非重要用户的重大隐患", Severity.SERIOUS, S.OPEN, date(2026, 7, 1), False),
            (sample.customers[2], LISTED[1], Severity.SERIOUS, S.REOPENED, date(2026, 10, 1), False),
        ]
        made: list[tuple[uuid.UUID, FindingStatus, bool]] = []
        for customer in sample.customers:
            inspection = start_inspection(
                session, customer, sample.template_id, sample.inspectors[:2], started_at=STARTED
            )
            answer_every_item(session, inspection)
            for who, text, severity, status, deadline, withdrawn in planned:
                if who == customer:
                    found = add_finding(
                        session, inspection, text, severity=severity, category="B", deadline=deadline
                    )
                    made.append((found, status, withdrawn))
            sign_everyone(session, inspection)
            finalize_inspection(session, inspection)
    with backend.session() as session:
        for found, status, withdrawn in made:
            finding = session.get(Finding, found)
            assert finding is not None
            finding.status, finding.deleted = status, withdrawn
    return sample


def test_the_list_holds_the_serious_unverified_findings_of_important_customers(
    backend: Backend, hazards: Sample
) -> None:
    report = backend.call(serious_hazards, TODAY)
    assert [(h.description, h.importance_zh, h.status_zh, h.overdue_days) for h in report.rows] == [
        (LISTED[0], "一级", "已下发通知", 76),  # most overdue first
        (LISTED[1], "二级", "复查未通过", 0),
    ]
    assert report.rows[0].found_on == date(2026, 6, 1)


def test_the_workbook_has_one_row_per_listed_hazard(
    backend: Backend, hazards: Sample, tmp_path: Path
) -> None:
    out = tmp_path / "重大隐患.xlsx"
    backend.call(export_serious_report, out, today=TODAY)
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(k for k, _ in COLUMNS)
    assert [(r[1], r[2], r[3], r[4], r[8], r[9]) for r in rows[1:]] == [
        ("临河县人民医院", "0531000001", "一级", LISTED[0], "已下发通知", 76),
        ("临河县第一中学", "0531000003", "二级", LISTED[1], "复查未通过", 0),
    ]
    assert rows[1][6].date() == date(2026, 6, 1) and rows[1][7].date() == date(2026, 7, 1)  # type: ignore[union-attr]


def test_the_pdf_lists_the_same_hazards_on_landscape_pages(
    backend: Backend, hazards: Sample, tmp_path: Path
) -> None:
    out = tmp_path / "serious.pdf"
    backend.call(export_serious_report, out, today=TODAY)
    reader = PdfReader(out)
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = "".join(p.extract_text() for p in reader.pages)
    assert "重要电力用户重大隐患清单" in text and "2026-09-15" in text
    assert "第 1 页 共 1 页" in text
    for listed in LISTED:
        assert listed.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    for left_out in ("已复查销号", "一般隐患不列入", "已撤销", "非重要用户"):
        assert left_out not in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_long_list_repeats_its_header_and_counts_its_pages(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    with backend.session() as session:
        inspection = start_inspection(
            session, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
        )
        answer_every_item(session, inspection)
        for n in range(60):
            add_finding(session, inspection, f"重大隐患第{n}项", severity=Severity.SERIOUS, deadline=TODAY)
        sign_everyone(session, inspection)
        finalize_inspection(session, inspection)
    out = tmp_path / "long.pdf"
    backend.call(export_serious_report, out, today=TODAY)
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "隐患描述" in text and f"第 {number} 页 共 {pages} 页" in text


def test_a_wrong_suffix_or_folder_is_refused(backend: Backend, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="xlsx"):
        backend.call(export_serious_report, tmp_path / "list.csv")
    with pytest.raises(FileNotFoundError):
        backend.call(export_serious_report, tmp_path / "missing" / "list.pdf")
