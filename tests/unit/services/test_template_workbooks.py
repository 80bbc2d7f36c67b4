"""The office's Excel round trip of templates through the services and the command line: export, edit in
Excel, validate, import as a new version; a broken workbook changes nothing in the database."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from testkit import BUILTIN_TEMPLATE, Sample, run_cli

from fieldapp.checklists.xlsform import TemplateWorkbookError
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import start_inspection
from fieldapp.services.templates import (
    export_template,
    import_template_workbook,
    list_templates,
    stored_template,
)
from fieldapp.store.models import AuditEvent, ChecklistItem, ChecklistTemplate, Inspection, LegalEntry


def _counts(backend: Backend) -> tuple[int, int, int]:
    with backend.session() as session:
        return (
            session.scalar(select(func.count()).select_from(ChecklistTemplate)) or 0,
            session.scalar(select(func.count()).select_from(ChecklistItem)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def _edit(path: Path, ref: str, value: object) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook["survey"][ref] = value
    workbook.save(path)


def _row_of(path: Path, code: str) -> int:
    for row in openpyxl.load_workbook(path)["survey"].iter_rows(min_row=2):
        if row[1].value == code:
            return row[0].row
    raise AssertionError(code)


def test_importing_an_unchanged_export_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    backend.call(export_template, BUILTIN_TEMPLATE, path)
    before = _counts(backend)
    result = backend.call(import_template_workbook, path)
    assert (result.created, result.version) == (False, 1)
    assert _counts(backend) == before


def test_an_edited_workbook_becomes_the_next_version_and_old_inspections_keep_theirs(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection_id = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2]
    )
    old = backend.call(stored_template, sample.template_id)
    path = tmp_path / "t.xlsx"
    backend.call(export_template, BUILTIN_TEMPLATE, path)
    _edit(path, f"C{_row_of(path, 'A01')}", "配电室五防措施（办公室修订）")
    result = backend.call(import_template_workbook, path, actor="OFFICE1")
    assert (result.created, result.version) == (True, 2)
    versions = [(t.code, t.version) for t in backend.call(list_templates) if t.code == BUILTIN_TEMPLATE]
    assert versions == [(BUILTIN_TEMPLATE, 1), (BUILTIN_TEMPLATE, 2)]
    with backend.session() as session:
        inspection = session.get(Inspection, inspection_id)
        assert inspection is not None and inspection.template_id == sample.template_id
        v2 = session.scalar(
            select(ChecklistTemplate.id).where(
                ChecklistTemplate.code == BUILTIN_TEMPLATE, ChecklistTemplate.version == 2
            )
        )
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.action == "template.install", AuditEvent.actor == "OFFICE1")
        )
        assert event is not None and event.detail["source"] == "import:t.xlsx"
    assert backend.call(stored_template, sample.template_id) == old
    assert v2 is not None
    assert backend.call(stored_template, v2).item("A01").prompt_zh == "配电室五防措施（办公室修订）"
    # Importing the same workbook again finds version 2 and adds nothing.
    again = backend.call(import_template_workbook, path)
    assert (again.created, again.version) == (False, 2)


def test_a_broken_workbook_leaves_the_database_untouched(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    backend.call(export_template, BUILTIN_TEMPLATE, path)
    _edit(path, f"C{_row_of(path, 'A01')}", "改了内容")
    _edit(path, f"H{_row_of(path, 'A02')}", "${A01} = = 'defect'")
    before = _counts(backend)
    with pytest.raises(TemplateWorkbookError) as caught:
        backend.call(import_template_workbook, path)
    [problem] = caught.value.problems
    assert (problem.sheet, problem.column, problem.row) == ("survey", "relevant", _row_of(path, "A02"))
    assert _counts(backend) == before


def test_a_citation_missing_from_the_library_is_refused_at_its_cell(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    backend.call(export_template, BUILTIN_TEMPLATE, path)
    with backend.session() as session:
        codes = set(session.scalars(select(LegalEntry.code)))
        if not codes:
            session.add(LegalEntry(code="DLF-32", regulation="《中华人民共和国电力法》"))
    row = _row_of(path, "A01")
    _edit(path, f"O{row}", "NO-SUCH-LAW")
    with pytest.raises(TemplateWorkbookError) as caught:
        backend.call(import_template_workbook, path)
    [problem] = caught.value.problems
    assert (problem.column, problem.row, problem.cell) == ("basis", row, f"O{row}")
    assert "NO-SUCH-LAW" in problem.message


def test_export_of_an_unknown_template_is_refused(backend: Backend, tmp_path: Path) -> None:
    from fieldapp.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        backend.call(export_template, "NOPE", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# ---- the command line --------------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_templates_commands_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    listed = run_cli(["--data-dir", str(data), "templates", "list"])
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines and all(line.split("\t")[0] for line in lines)
    assert any(line.startswith(f"{BUILTIN_TEMPLATE}\t") for line in lines)

    book = tmp_path / "periodic.xlsx"
    exported = run_cli(["--data-dir", str(data), "templates", "export", BUILTIN_TEMPLATE, str(book)])
    assert exported.returncode == 0, exported.stderr
    assert book.is_file()
    valid = run_cli(["--data-dir", str(data), "templates", "validate", str(book)])
    assert valid.returncode == 0, valid.stderr
    assert "模板有效" in valid.stdout

    _edit(book, f"C{_row_of(book, 'A01')}", "新的检查内容")
    imported = run_cli(["--data-dir", str(data), "templates", "import", str(book)])
    assert imported.returncode == 0, imported.stderr
    assert "第 2 版" in imported.stdout
    # A backup was taken before the import touched the database, and it opens with the old content.
    (backup,) = (data / "backups").glob("*before-template-import*.sqlite3")
    with sqlite3.connect(backup) as conn:
        assert conn.execute(
            "SELECT max(version) FROM checklist_templates WHERE code = ?", (BUILTIN_TEMPLATE,)
        ).fetchone() == (1,)


def test_validate_and_import_of_a_broken_workbook_fail_naming_the_cell(tmp_path: Path) -> None:
    data = tmp_path / "data"
    book = tmp_path / "periodic.xlsx"
    assert (
        run_cli(["--data-dir", str(data), "templates", "export", BUILTIN_TEMPLATE, str(book)]).returncode == 0
    )
    row = _row_of(book, "A03")
    _edit(book, f"A{row}", "checkbox")
    database = data / "fieldapp.sqlite3"
    before = _sha(database)
    for action in ("validate", "import"):
        result = run_cli(["--data-dir", str(data), "templates", action, str(book)])
        assert result.returncode == 1
        first = result.stderr.splitlines()[0]
        assert "periodic.xlsx" in first and "survey" in first and f"第 {row} 行" in first
        assert "type" in first and f"A{row}" in first and "checkbox" in first
    assert _sha(database) == before


def test_a_file_that_is_no_workbook_fails_plainly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fake = tmp_path / "notes.xlsx"
    fake.write_text("户号,名称\n", encoding="gb18030")
    result = run_cli(["--data-dir", str(data), "templates", "import", str(fake)])
    assert result.returncode == 1
    assert "notes.xlsx" in result.stderr and "不是 Excel" in result.stderr
