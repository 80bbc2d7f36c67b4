"""The legal-basis library as the office's workbook: what is written comes back, bad rows are named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.checklists.legal import LegalBasis, load_library
from fieldapp.checklists.legal_workbook import LibraryWorkbookError, read_library, write_library
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
