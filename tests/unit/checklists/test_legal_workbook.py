"""The legal-basis library as the office's workbook: what is written comes back, bad rows are named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.checklists.legal import LegalBasis, load_library
from fieldapp.checklists.legal_workbook import (
    LibraryWorkbookError,
    read_library,
    read_library_sheet,
    write_library,
)
from fieldapp.paths import resources_dir


def _library() -> list[LegalBasis]:
    return load_library(resources_dir() / "legal" / "library.toml")


def test_the_shipped_library_survives_the_round_trip(tmp_path: Path) -> None:
    entries = _library()
    path = tmp_path / "library.xlsx"
    write_library([(e, "") for e in entries], path)
    assert read_library(path) == entries


text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40
).map(str.strip)
required = text.filter(bool)
entries = st.lists(
    st.builds(
        LegalBasis,
        code=st.from_regex(r"[A-Z][A-Z0-9-]{0,12}", fullmatch=True),
        regulation=required.map(lambda t: t[:200]),
        edition=text,
        article=text,
        requirement_zh=required,
        requirement_en=text,
        provenance=required,
        verified=st.booleans(),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda e: e.code,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries)
def test_any_library_comes_back_identical(tmp_path: Path, library: list[LegalBasis]) -> None:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in library], path)
    assert read_library(path) == library


def _broken(tmp_path: Path, ref: str, value: object) -> Path:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library()[:5]], path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"][ref] = value
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("ref", "value", "column", "says"),
    [
        ("A4", None, "code", "不能为空"),
        ("A4", "=A2", "code", "公式"),
        ("A5", "DLF 32", "code", "代码只能用"),
        ("E3", "", "requirement::zh", "不能为空"),
        ("H6", "maybe", "verified", "yes 或 no"),
        ("B2", "法" * 201, "regulation", "超过 200"),
    ],
)
def test_a_bad_cell_is_named(tmp_path: Path, ref: str, value: object, column: str, says: str) -> None:
    with pytest.raises(LibraryWorkbookError) as caught:
        read_library(_broken(tmp_path, ref, value))
    [problem] = caught.value.problems
    assert (problem.sheet, problem.column, problem.cell) == ("library", column, ref)
    assert says in problem.message


def test_a_duplicate_code_names_the_first_row(tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library()[:3]], path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"]["A4"] = workbook["library"]["A2"].value
    workbook.save(path)
    with pytest.raises(LibraryWorkbookError) as caught:
        read_library(path)
    [problem] = caught.value.problems
    assert problem.cell == "A4" and "第 2 行" in problem.message


def test_a_renamed_sheet_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library()[:3]], path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"].title = "依据库"
    workbook.save(path)
    with pytest.raises(LibraryWorkbookError) as caught:
        read_library(path)
    [problem] = caught.value.problems
    assert problem.sheet == "library" and "缺少工作表" in problem.message and "依据库" in problem.message


def test_in_force_and_superseded_by_come_back(tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    entries = _library()
    assert any(not e.in_force for e in entries)
    write_library([(e, "") for e in entries], path)
    sheet = read_library_sheet(path)
    assert sheet.has_in_force and sheet.entries == entries


def test_a_workbook_from_before_the_in_force_column_says_so(tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library()], path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"].delete_cols(10, 2)  # in_force, superseded_by
    workbook.save(path)
    sheet = read_library_sheet(path)
    assert not sheet.has_in_force
    assert all(e.in_force and not e.superseded_by for e in sheet.entries)


def _retired_row(tmp_path: Path) -> tuple[Path, int]:
    """A workbook and the row of an entry out of force (GYGZ1996-100, replaced by GYGZ2024-BREACH)."""
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library()], path)
    rows = {r[0].value: r[0].row for r in openpyxl.load_workbook(path)["library"].iter_rows(min_row=2)}
    return path, rows["GYGZ1996-100"]


@pytest.mark.parametrize(
    ("column", "value", "header", "says"),
    [
        ("J", "perhaps", "in_force", "yes 或 no"),
        ("J", "yes", "superseded_by", "superseded_by is for an entry no longer in force"),
        ("K", "GYGZ2024-BRAECH", "superseded_by", "is no code in the library"),
        ("K", "GYGZ1996-100", "superseded_by", "cannot replace itself"),
    ],
)
def test_a_bad_in_force_cell_is_named(
    tmp_path: Path, column: str, value: str, header: str, says: str
) -> None:
    path, row = _retired_row(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"][f"{column}{row}"] = value
    workbook.save(path)
    with pytest.raises(LibraryWorkbookError) as caught:
        read_library_sheet(path)
    [problem] = caught.value.problems
    letter = {"in_force": "J", "superseded_by": "K"}[header]
    assert (problem.sheet, problem.column, problem.cell) == ("library", header, f"{letter}{row}")
    assert says in problem.message


def test_superseded_by_may_name_a_code_kept_outside_the_workbook(tmp_path: Path) -> None:
    path, row = _retired_row(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"][f"K{row}"] = "SD-2025-1"
    workbook.save(path)
    with pytest.raises(LibraryWorkbookError):
        read_library_sheet(path)
    sheet = read_library_sheet(path, known_codes={"SD-2025-1"})
    assert next(e for e in sheet.entries if e.code == "GYGZ1996-100").superseded_by == "SD-2025-1"


def test_a_blank_in_force_cell_means_in_force(tmp_path: Path) -> None:
    path = tmp_path / "lib.xlsx"
    write_library([(e, "") for e in _library() if e.in_force][:3], path)
    workbook = openpyxl.load_workbook(path)
    workbook["library"]["J2"] = None
    workbook.save(path)
    assert read_library_sheet(path).entries[0].in_force
