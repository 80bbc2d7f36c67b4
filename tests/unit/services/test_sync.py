"""The Excel sync between devices: a bundle exported on one device and imported on another brings every
record over exactly; importing again changes nothing; a person's edit in the workbook arrives as exactly
that change; edits made apart on two devices end the same on both with the losing value kept as a
conflict; a finalized inspection cannot be changed by an import; deletions travel; an incremental export
carries only what changed."""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from testkit import SAMPLE_CUSTOMERS

from fieldapp.photos.files import photo_path
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import create_customer, update_customer
from fieldapp.services.demo import load_demo
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import ImportReport, exchange_history, import_file
from fieldapp.services.sync_specs import sheet_specs, synced_tables
from fieldapp.store.models import Answer, Conflict, Customer, Exchange, Inspection, Photo
from fieldapp.sync import labels
from fieldapp.sync.spec import canonical
from fieldapp.workbook.writing import set_text


def _backend(root: Path, name: str, url: str | None = None) -> Backend:
    return open_backend(str(root / name), url)


@pytest.fixture
def office(tmp_path: Path, database_url: str) -> Iterator[Backend]:
    backend = _backend(tmp_path, "office", database_url)
    yield backend
    backend.close()


@pytest.fixture
def tablet(tmp_path: Path) -> Iterator[Backend]:
    backend = _backend(tmp_path, "tablet")
    yield backend
    backend.close()


def _export(backend: Backend, target: Path, **kwargs: Any) -> Path:
    return backend.call(export_bundle, target, backend.paths.photos, **kwargs).path


def _import(backend: Backend, path: Path, **kwargs: Any) -> ImportReport:
    return backend.call(import_file, path, backend.paths.photos, backup=backend.backup, **kwargs)


def _content(backend: Backend) -> dict[str, dict[uuid.UUID, tuple[str, ...]]]:
    """Every synced record's travelling columns as exact text, by table and id."""
    specs = sheet_specs()
    out: dict[str, dict[uuid.UUID, tuple[str, ...]]] = {}
    with backend.session() as session:
        for table in synced_tables():
            spec = specs[table.name]
            rows = session.execute(select(table)).mappings().all()
            out[table.name] = {
                row["id"]: tuple(canonical(c, row[c.key]) for c in spec.columns) for row in rows
            }
    return out


def _demo(backend: Backend) -> None:
    backend.call(load_demo, photos_root=backend.paths.photos)


def test_a_bundle_brings_every_record_and_photo_and_a_second_import_changes_nothing(
    office: Backend, tablet: Backend, tmp_path: Path
) -> None:
    _demo(office)
    bundle = _export(office, tmp_path / "office.fieldsync")

    first = _import(tablet, bundle)
    assert (first.rejected, first.conflicts, first.problems) == (0, 0, [])
    assert first.inserted > 1000 and first.applied
    mine, theirs = _content(office), _content(tablet)
    for table in ("customers", "equipment", "inspections", "answers", "findings", "photos", "signatures"):
        assert theirs[table] == mine[table], table
    with tablet.session() as session:
        shas = session.scalars(select(Photo.sha256)).all()
    assert shas and all(photo_path(tablet.paths.photos, sha).is_file() for sha in shas)
    assert first.report_path is not None and first.report_path.is_file()

    again = _import(tablet, bundle)
    assert (again.inserted, again.updated, again.conflicts, again.rejected) == (0, 0, 0, 0)
    assert again.unchanged == first.inserted + first.unchanged
    after = _content(tablet)
    # The second import changed no record; it only logged itself (the audit trail of the exchange).
    assert {t: rows for t, rows in after.items() if t != "audit_events"} == {
        t: rows for t, rows in theirs.items() if t != "audit_events"
    }
    assert len(after["audit_events"]) == len(theirs["audit_events"]) + 1
    history = tablet.call(exchange_history)
    assert [e.direction for e in history[:2]] == ["import", "import"]


def test_a_big_first_import_counts_every_new_record_but_lists_only_the_first_ones(
    office: Backend, tablet: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.services import sync_merge

    monkeypatch.setattr(sync_merge, "LISTED_INSERTS", 50)
    _demo(office)
    bundle = _export(office, tmp_path / "office.fieldsync")

    report = _import(tablet, bundle)

    assert report.applied and report.inserted > 1000
    listed = [c for c in report.changes if c.action == "inserted"]
    assert len(listed) == 50
    assert report.unlisted_inserts == report.inserted - 50
    assert report.as_json()["inserted_not_listed"] == report.unlisted_inserts
    # Every record arrived all the same, and the report says how many it does not list.
    assert _content(tablet)["answers"] == _content(office)["answers"]
    assert report.report_path is not None
    summary = load_workbook(report.report_path, read_only=True)["摘要 summary"]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert values["新增 inserted"] == report.inserted
    assert values["未逐条列出的新增 inserted, not listed"] == report.unlisted_inserts
    changes = load_workbook(report.report_path, read_only=True)["变更 changes"]
    assert sum(1 for _ in changes.iter_rows(min_row=2)) == 50


def test_the_workbook_is_for_people_and_text_stays_text(office: Backend, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil","点我")'
    customer = office.call(create_customer, SAMPLE_CUSTOMERS[0])
    office.call(update_customer, customer, {"notes": hostile, "contact_phone": "+86 0531-1234"})
    bundle = _export(office, tmp_path / "x.fieldsync")
    with zipfile.ZipFile(bundle) as archive:
        archive.extract("data.xlsx", tmp_path)
    workbook = load_workbook(tmp_path / "data.xlsx")
    sheet = workbook[labels.sheet_title("customers")]
    header = [c.value for c in sheet[1]]
    assert "户号 account_no" in header and "户名 name" in header
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    row = [c for c in sheet[2]]
    by_key = {labels.key_of_header(h): cell for h, cell in zip(header, row, strict=True)}
    assert by_key["account_no"].value == "0531000001" and by_key["account_no"].data_type == "s"
    assert by_key["notes"].value == hostile and by_key["notes"].data_type == "s"  # never a formula
    assert by_key["contact_phone"].data_type == "s"
    assert by_key["importance"].value == "一级"  # a choice as its Chinese label
    assert by_key["deleted"].value is None  # only a deleted record says 是: the column reads at a glance
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", by_key["modified_at"].value)  # exact text
    stamp_width = sheet.column_dimensions[by_key["modified_at"].column_letter].width
    assert stamp_width > len(by_key["modified_at"].value)  # shown whole, not cut by the next column
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789") for dv in sheet.data_validations.dataValidation}
    importance_column = by_key["importance"].column_letter
    assert importance_column in lists


def test_every_sheet_and_column_has_a_chinese_name_and_fits_excel() -> None:
    for table, spec in sheet_specs().items():
        assert len(spec.title) <= 31, spec.title
        assert table in labels.SHEET_TITLES, table
        for key in spec.keys:
            assert labels.column_label(table, key) != key, f"{table}.{key} has no Chinese label"


def _edit_cell(workbook_path: Path, table: str, match: dict[str, str], key: str, value: str) -> Path:
    """Change one cell the way a person would in Excel, and save as a person would."""
    workbook = load_workbook(workbook_path)
    sheet = workbook[labels.sheet_title(table)]
    header = [labels.key_of_header(str(c.value)) for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=False))
        if all(str(cells[k].value) == v for k, v in match.items()):
            set_text(cells[key], value)
            break
    else:
        raise AssertionError(f"no {table} row matching {match}")
    edited = workbook_path.with_name("edited.xlsx")
    workbook.save(edited)
    return edited


def _data_xlsx(bundle: Path, folder: Path) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        archive.extract("data.xlsx", folder)
    return folder / "data.xlsx"


def test_a_cell_changed_in_the_workbook_is_imported_as_exactly_that_change(
    office: Backend, tmp_path: Path
) -> None:
    customer = office.call(create_customer, SAMPLE_CUSTOMERS[0])
    office.call(create_customer, SAMPLE_CUSTOMERS[1])
    workbook = _data_xlsx(_export(office, tmp_path / "x.fieldsync"), tmp_path)
    edited = _edit_cell(workbook, "customers", {"account_no": "0531000001"}, "contact_phone", "13900001111")

    report = _import(office, edited)
    assert (report.inserted, report.updated, report.conflicts, report.rejected) == (0, 1, 0, 0)
    assert [(c.table, c.fields, c.edited) for c in report.changes] == [
        ("customers", ("contact_phone",), True)
    ]
    with office.session() as session:
        row = session.get(Customer, customer)
        assert row is not None and row.contact_phone == "13900001111"
        assert any(name.startswith("xl-") for name in row.clock)

    again = _import(office, edited)
    assert (again.inserted, again.updated, again.conflicts, again.rejected) == (0, 0, 0, 0)


def test_edits_made_apart_end_the_same_on_both_sides_and_the_losing_value_is_kept(
    office: Backend, tablet: Backend, tmp_path: Path
) -> None:
    customer = office.call(create_customer, SAMPLE_CUSTOMERS[0])
    _import(tablet, _export(office, tmp_path / "start.fieldsync"))
    office.call(update_customer, customer, {"contact_phone": "office-phone", "notes": "office note"})
    tablet.call(update_customer, customer, {"contact_phone": "tablet-phone"})

    from_office = _export(office, tmp_path / "from-office.fieldsync")
    from_tablet = _export(tablet, tmp_path / "from-tablet.fieldsync")
    at_tablet = _import(tablet, from_office)
    at_office = _import(office, from_tablet)

    assert _content(office)["customers"] == _content(tablet)["customers"]
    with office.session() as session:
        kept = session.get(Customer, customer)
        assert kept is not None
        lost = "tablet-phone" if kept.contact_phone == "office-phone" else "office-phone"
        conflicts = session.scalars(select(Conflict).where(Conflict.entity_id == str(customer))).all()
        assert {(c.field, c.kept_value, c.lost_value) for c in conflicts} >= {
            ("contact_phone", kept.contact_phone, lost)
        }
    assert at_tablet.conflicts >= 1 and at_office.conflicts >= 1
    # The winner is the same on both sides, so after one more exchange nothing moves.
    assert _import(tablet, _export(office, tmp_path / "again.fieldsync")).updated == 0


def test_a_finalized_inspection_cannot_be_changed_by_an_import(office: Backend, tmp_path: Path) -> None:
    _demo(office)
    with office.session() as session:
        answer = session.scalars(
            select(Answer).join(Inspection).where(Inspection.status == "finalized").limit(1)
        ).one()
        answer_id, note = answer.id, answer.note
        customer = session.scalars(select(Customer).limit(1)).one()
        account = customer.account_no
    workbook = _data_xlsx(_export(office, tmp_path / "x.fieldsync"), tmp_path)
    edited = _edit_cell(workbook, "answers", {"id": str(answer_id)}, "note", "改过的备注")
    edited = _edit_cell(edited, "customers", {"account_no": account}, "contact_name", "新联系人")

    report = _import(office, edited)
    assert report.rejected == 1 and report.updated == 1
    assert report.rejections[0].table == "answers" and report.rejections[0].id == answer_id
    assert "finalized" in report.rejections[0].message
    with office.session() as session:
        stored = session.get(Answer, answer_id)
        assert stored is not None and stored.note == note
        assert (
            session.scalars(select(Customer).where(Customer.account_no == account)).one().contact_name
            == "新联系人"
        )
        lost = session.scalars(select(Conflict).where(Conflict.entity_id == str(answer_id))).all()
        assert [c.lost_value for c in lost] == ["改过的备注"]


def test_a_deletion_travels_and_an_incremental_export_carries_only_what_changed(
    office: Backend, tablet: Backend, tmp_path: Path
) -> None:
    first = office.call(create_customer, SAMPLE_CUSTOMERS[0])
    office.call(create_customer, SAMPLE_CUSTOMERS[1])
    office.call(export_bundle, tmp_path / "full.fieldsync", office.paths.photos, peer="T1")
    _import(tablet, tmp_path / "full.fieldsync")
    _an_hour_passes(office)
    office.call(update_customer, first, {"notes": "搬迁"})
    with office.session() as session:
        row = session.get(Customer, first)
        assert row is not None
        row.deleted = True

    summary = office.call(export_bundle, tmp_path / "inc.fieldsync", office.paths.photos, peer="T1")
    assert not summary.full and summary.rows["customers"] == 1 and summary.total_rows == 2  # + its audit
    report = _import(tablet, summary.path)
    assert report.updated == 1
    with tablet.session() as session:
        row = session.get(Customer, first)
        assert row is not None and row.deleted and row.notes == "搬迁"


def _an_hour_passes(backend: Backend) -> None:
    """Move this device's history an hour back: what was stored before the last export is then clearly
    older than it (the export re-sends what was stored in its last seconds, harmlessly)."""
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    with backend.session() as session:
        for table in synced_tables():
            session.execute(table.update().values(stored_at=long_ago))
        session.execute(update(Exchange).values(started_at=long_ago + timedelta(hours=1)))


def test_a_dry_run_tells_and_changes_nothing(office: Backend, tablet: Backend, tmp_path: Path) -> None:
    office.call(create_customer, SAMPLE_CUSTOMERS[0])
    bundle = _export(office, tmp_path / "x.fieldsync")
    before = _content(tablet)
    report = _import(tablet, bundle, dry_run=True)
    assert report.inserted >= 1 and not report.applied and report.backup is None
    assert _content(tablet) == before
    assert tablet.call(exchange_history) == []


def test_a_record_pointing_at_nothing_refuses_the_whole_file(office: Backend, tmp_path: Path) -> None:
    _demo(office)
    workbook = _data_xlsx(_export(office, tmp_path / "x.fieldsync"), tmp_path)
    with office.session() as session:
        equipment_id = session.execute(
            select(synced_tables_by_name()["equipment"].c.id).limit(1)
        ).scalar_one()
    edited = _edit_cell(workbook, "equipment", {"id": str(equipment_id)}, "customer_id", str(uuid.uuid4()))
    before = _content(office)
    report = _import(office, edited)
    assert not report.applied and report.rejected >= 1
    assert (
        report.problems[0].sheet == labels.sheet_title("equipment")
        and report.problems[0].column == "customer_id"
    )
    assert _content(office) == before


def synced_tables_by_name() -> dict[str, Any]:
    return {t.name: t for t in synced_tables()}
