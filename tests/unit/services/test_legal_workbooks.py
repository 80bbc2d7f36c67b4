"""The office's Excel round trip of the legal library: changes and verifications are applied and audited;
a bad workbook changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from testkit import run_cli

from fieldapp.checklists.legal_workbook import LibraryWorkbookError
from fieldapp.services.backend import Backend
from fieldapp.services.legal import get_entry, list_entries
from fieldapp.services.legal_workbooks import export_library, import_library
from fieldapp.store.models import AuditEvent, LegalEntry


def _rows_by_code(path: Path) -> dict[str, int]:
    return {r[0].value: r[0].row for r in openpyxl.load_workbook(path)["library"].iter_rows(min_row=2)}


def _set(path: Path, ref: str, value: object) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook["library"][ref] = value
    workbook.save(path)


def test_an_unchanged_export_imports_as_no_change(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    count = backend.call(export_library, path)
    assert count == len(backend.call(list_entries)) > 0
    result = backend.call(import_library, path, actor="张主任")
    assert (result.added, result.changed, result.verified, result.unverified) == ((), (), (), ())
    assert result.unchanged == count


def test_edits_additions_and_verifications_are_applied_and_audited(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    unverified = next(r.code for r in backend.call(list_entries) if not r.verified)
    edited = next(code for code in rows if code != unverified)
    _set(path, f"E{rows[edited]}", "办公室修订后的要求")
    _set(path, f"H{rows[unverified]}", "yes")
    new_row = max(rows.values()) + 1
    for column, value in zip(
        "ABCDEFGH",
        ["SD-2025-1", "《山东省供用电条例》", "2025年", "第十条", "新要求", "", "省条例", "no"],
        strict=True,
    ):
        _set(path, f"{column}{new_row}", value)
    result = backend.call(import_library, path, actor="张主任")
    assert result.added == ("SD-2025-1",)
    assert edited in result.changed
    assert result.verified == (unverified,)
    assert backend.call(get_entry, edited).requirement_zh == "办公室修订后的要求"
    verified = backend.call(get_entry, unverified)
    assert verified.verified and verified.verified_by == "张主任"
    with backend.session() as session:
        actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "张主任")))
    assert {"legal.add", "legal.update", "legal.verify"} <= actions


def test_unchecking_verified_is_audited(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    code = next(iter(rows))
    _set(path, f"H{rows[code]}", "yes")
    backend.call(import_library, path, actor="甲")
    _set(path, f"H{rows[code]}", "no")
    result = backend.call(import_library, path, actor="乙")
    assert result.unverified == (code,)
    assert not backend.call(get_entry, code).verified


def test_a_bad_workbook_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    first, second = list(rows)[:2]
    _set(path, f"E{rows[first]}", "改了")  # a good edit ...
    _set(path, f"C{rows[second]}", '=HYPERLINK("x")')  # ... and a formula further down
    workbook = openpyxl.load_workbook(path)
    workbook["library"][f"C{rows[second]}"].data_type = "f"
    workbook.save(path)
    with backend.session() as session:
        before = (
            session.scalar(select(func.count()).select_from(AuditEvent)),
            [
                (e.code, e.requirement_zh, e.revision)
                for e in session.scalars(select(LegalEntry).order_by(LegalEntry.code))
            ],
        )
    with pytest.raises(LibraryWorkbookError):
        backend.call(import_library, path, actor="张主任")
    with backend.session() as session:
        after = (
            session.scalar(select(func.count()).select_from(AuditEvent)),
            [
                (e.code, e.requirement_zh, e.revision)
                for e in session.scalars(select(LegalEntry).order_by(LegalEntry.code))
            ],
        )
    assert after == before


def test_the_legal_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    listed = run_cli(["--data-dir", str(data), "legal", "list", "--unverified"])
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines and all("\t未核实\t" in line for line in lines)
    code = lines[0].split("\t")[0]
    verified = run_cli(["--data-dir", str(data), "legal", "verify", code, "--by", "张主任"])
    assert verified.returncode == 0, verified.stderr
    again = run_cli(["--data-dir", str(data), "legal", "list", "--unverified"])
    assert code not in [line.split("\t")[0] for line in again.stdout.splitlines()]

    book = tmp_path / "lib.xlsx"
    assert run_cli(["--data-dir", str(data), "legal", "export", str(book)]).returncode == 0
    _set(book, "A3", None)
    database = data / "fieldapp.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    failed = run_cli(["--data-dir", str(data), "legal", "import", str(book), "--by", "张主任"])
    assert failed.returncode == 1
    assert "lib.xlsx" in failed.stderr and "第 3 行" in failed.stderr and "(A3)" in failed.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def test_changing_the_text_of_a_verified_citation_puts_the_importer_on_record(
    backend: Backend, tmp_path: Path
) -> None:
    """A verification vouches for the text that was checked. Changed text stays verified only because the
    importer's workbook says so, and then it is the importer who vouches for it, on record."""
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    code = next(r.code for r in backend.call(list_entries) if r.verified)
    _set(path, f"D{rows[code]}", "第九百九十九条")
    backend.call(import_library, path, actor="李四")
    entry = backend.call(get_entry, code)
    assert entry.article == "第九百九十九条"
    assert entry.verified and entry.verified_by == "李四"
    with backend.session() as session:
        reasons = [
            e.detail.get("reason")
            for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "legal.unverify"))
        ]
    assert reasons == ["text changed"]
    # Changed again and marked no: unverified.
    _set(path, f"D{rows[code]}", "第一百条")
    _set(path, f"H{rows[code]}", "no")
    backend.call(import_library, path, actor="李四")
    assert not backend.call(get_entry, code).verified


@pytest.mark.parametrize("actor", ["", "   ", "名" * 51])
def test_an_import_needs_a_named_importer(backend: Backend, tmp_path: Path, actor: str) -> None:
    from fieldapp.domain.errors import ValidationError

    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    with pytest.raises(ValidationError) as caught:
        backend.call(import_library, path, actor=actor)
    assert caught.value.field == "actor"


def test_retiring_an_entry_in_the_workbook_keeps_its_verification_and_is_audited(
    backend: Backend, tmp_path: Path
) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    code = "GDYY-41"
    _set(path, f"H{rows[code]}", "yes")
    backend.call(import_library, path, actor="甲")
    _set(path, f"J{rows[code]}", "no")
    _set(path, f"K{rows[code]}", "2026年修订")
    result = backend.call(import_library, path, actor="乙")
    assert result.changed == (code,) and result.unverified == ()
    row = backend.call(get_entry, code)
    assert (row.in_force, row.superseded_by, row.verified, row.verified_by) == (
        False,
        "2026年修订",
        True,
        "甲",
    )
    with backend.session() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "legal.update", AuditEvent.actor == "乙")
        ).one()
    assert detail["before"] == {"in_force": True, "superseded_by": ""}
    assert detail["after"] == {"in_force": False, "superseded_by": "2026年修订"}


def test_a_workbook_without_the_in_force_columns_leaves_it_as_stored(
    backend: Backend, tmp_path: Path
) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"].delete_cols(10, 2)  # a workbook exported before the columns existed
    workbook.save(path)
    result = backend.call(import_library, path, actor="张主任")
    assert result.changed == ()
    assert not backend.call(get_entry, "GYGZ1996-100").in_force


def test_a_bad_in_force_cell_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    backend.call(export_library, path)
    rows = _rows_by_code(path)
    _set(path, f"K{rows['GYGZ1996-100']}", "GYGZ2024-NOPE")
    with pytest.raises(LibraryWorkbookError) as caught:
        backend.call(import_library, path, actor="张主任")
    [problem] = caught.value.problems
    assert problem.cell == f"K{rows['GYGZ1996-100']}" and "GYGZ2024-NOPE" in problem.message
    assert backend.call(get_entry, "GYGZ1996-100").superseded_by == "GYGZ2024-BREACH"


def test_legal_list_says_what_is_no_longer_in_force(tmp_path: Path) -> None:
    listed = run_cli(["--data-dir", str(tmp_path / "data"), "legal", "list"])
    assert listed.returncode == 0, listed.stderr
    lines = {line.split("\t")[0]: line.split("\t") for line in listed.stdout.splitlines()}
    assert lines["GYGZ1996-100"][1:3] == ["已核实 builtin", "已失效→GYGZ2024-BREACH"]
    assert lines["GYGZ2024-BREACH"][2] == "现行"
    assert "已失效" in listed.stderr and "no longer in force" in listed.stderr
