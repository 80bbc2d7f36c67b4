"""The customer's one-page profile (客户概况) as the office prints it for a visit: read back from the PDF,
on one page however much the customer has; and `fieldapp profile`, which writes it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from testkit import SAMPLE_CUSTOMERS, Sample, answer_every_item, sign_everyone

from fieldapp.cli import main
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import EquipmentKind, Severity
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.customer_profile import customer_profile
from fieldapp.services.customer_sheet import find_customer, write_customer_sheet
from fieldapp.services.equipment import EquipmentFields, add_equipment
from fieldapp.services.finding_lifecycle import notify_finding
from fieldapp.services.findings import set_verdict
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection

T0 = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
D0 = local_day(T0)
TODAY = date(2026, 6, 30)


def _inspection(backend: Backend, sample: Sample, days: int, *, customer: int = 0) -> uuid.UUID:
    inspection = backend.call(
        start_inspection,
        sample.customers[customer],
        sample.template_id,
        sample.inspectors[:2],
        started_at=T0 + timedelta(days=days),
    )
    with backend.session() as session:
        answer_every_item(session, inspection)
    return inspection


def _finalize(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace(
        "\n", ""
    )


def test_the_profile_shows_the_customer_its_open_findings_recurring_hazards_and_tests_due(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    first = _inspection(backend, sample, 0)
    backend.call(set_verdict, first, "A03", "defect")
    late = backend.call(
        add_finding, first, "主变压器本体渗油", severity=Severity.SERIOUS, deadline=D0 + timedelta(20)
    )
    moved = backend.call(add_finding, first, "接地引下线锈蚀", deadline=D0 + timedelta(10))
    _finalize(backend, first)
    # Notified after its printed deadline had passed: the customer is now held to a new one.
    backend.call(
        notify_finding,
        moved,
        on=D0 + timedelta(30),
        by="YJ001 王建国",
        new_deadline=date(2026, 8, 31),
        today=TODAY,
    )
    second = _inspection(backend, sample, 60)
    backend.call(set_verdict, second, "A03", "defect")
    _finalize(backend, second)
    backend.call(
        add_equipment,
        sample.customers[0],
        EquipmentFields(
            kind=EquipmentKind.SAFETY_TOOL,
            model="绝缘手套 12kV",
            serial_no="ST-7",
            last_test_on=date(2025, 12, 1),
            test_cycle_months=6,
        ),
    )
    backend.call(
        add_equipment,
        sample.customers[0],
        EquipmentFields(
            kind=EquipmentKind.TRANSFORMER,
            serial_no="T-FAR",
            last_test_on=date(2026, 1, 1),
            test_cycle_months=36,
        ),
    )

    # The customer page holds the customer to the deadline in force, not the one printed on the notice.
    open_findings = {
        f.finding_id: f for f in backend.call(customer_profile, sample.customers[0]).open_findings
    }
    assert open_findings[moved].deadline == date(2026, 8, 31)
    assert open_findings[late].deadline == D0 + timedelta(20)

    out = tmp_path / "客户概况.pdf"
    assert backend.call(write_customer_sheet, sample.customers[0], out, today=TODAY) == out
    pages, text = _text(out)
    assert pages == 1
    fields = SAMPLE_CUSTOMERS[0]
    for expected in (
        "客户概况",
        fields.name,
        fields.account_no,
        fields.address,
        "10kV",
        "2,500kVA",
        "两部制",
        "一级",
        "打印日期2026-06-30",
        "未整改隐患（4项）",
        "主变压器本体渗油",
        f"{(D0 + timedelta(20)).isoformat()}（已超期{(TODAY - D0 - timedelta(20)).days}天）",
        "2026-08-31",
        "反复出现的隐患（1项）",
        "2次",
        "仍未整改",
        "安全工器具",
        "ST-7",
        "2026-06-01（已超期29天）",
        "历次检查（2项）",
        "王建国、李秀英",
        "3项（重大1项）",
    ):
        assert expected in text, expected
    assert (D0 + timedelta(10)).isoformat() not in text  # the deadline that no longer holds
    assert "T-FAR" not in text  # its test is years away
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_customer_with_very_many_findings_still_gets_one_page(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    for days in (0, 30, 60):
        inspection = _inspection(backend, sample, days)
        for n in range(60):
            backend.call(
                add_finding,
                inspection,
                f"第{n}项：配电室电缆沟盖板缺失，电缆沟内积水并有杂物堆放，存在小动物进入及电缆受潮的隐患，"
                "需清理并加装盖板",
                category="A",
                deadline=D0 + timedelta(days=days + 30),
            )
        _finalize(backend, inspection)
    for n in range(40):
        backend.call(
            add_equipment,
            sample.customers[0],
            EquipmentFields(
                kind=EquipmentKind.SAFETY_TOOL,
                serial_no=f"ST-{n:02d}",
                last_test_on=date(2025, 12, 1),
                test_cycle_months=6,
            ),
        )
    out = tmp_path / "big.pdf"
    backend.call(write_customer_sheet, sample.customers[0], out, today=TODAY)
    pages, text = _text(out)
    assert pages == 1
    assert "未整改隐患（180项）" in text and "反复出现的隐患（60项）" in text
    assert "90天内试验到期及已超期的设备和安全工器具（40项）" in text
    assert text.count("…另有") >= 3  # each long table says how many more there are
    assert "历次检查（3项）" in text


def test_a_wrong_suffix_folder_or_customer_is_refused(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="pdf"):
        backend.call(write_customer_sheet, sample.customers[0], tmp_path / "p.xlsx")
    with pytest.raises(FileNotFoundError):
        backend.call(write_customer_sheet, sample.customers[0], tmp_path / "missing" / "p.pdf")
    with pytest.raises(NotFoundError):
        backend.call(write_customer_sheet, uuid.uuid4(), tmp_path / "p.pdf")
    assert backend.call(find_customer, SAMPLE_CUSTOMERS[1].account_no) == sample.customers[1]
    assert backend.call(find_customer, str(sample.customers[2])) == sample.customers[2]
    for unknown in ("9999999999", str(uuid.uuid4())):
        with pytest.raises(NotFoundError):
            backend.call(find_customer, unknown)


def test_the_profile_command_writes_the_pdf_and_refuses_an_unknown_customer(
    backend: Backend,
    sample: Sample,
    data_dir: Path,
    migrated_database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    common = ["--data-dir", str(data_dir), "--db", migrated_database_url, "profile"]
    out = tmp_path / "p.pdf"
    assert main([*common, SAMPLE_CUSTOMERS[0].account_no, "--out", str(out), "--today", "2026-06-30"]) == 0
    assert str(out) in capsys.readouterr().out
    pages, text = _text(out)
    assert pages == 1 and SAMPLE_CUSTOMERS[0].name in text and "打印日期2026-06-30" in text

    missing = tmp_path / "missing.pdf"
    assert main([*common, "0999", "--out", str(missing)]) != 0
    assert "0999" in capsys.readouterr().err
    assert not missing.exists()
    assert main([*common, str(sample.customers[1]), "--out", str(tmp_path / "by-id.pdf")]) == 0
    assert SAMPLE_CUSTOMERS[1].name in _text(tmp_path / "by-id.pdf")[1]
