"""A workbook that went through LibreOffice's own format (.ods) and back to .xlsx comes back with every
time rounded to 1/100 s (ODS keeps no more; at .995 and up it keeps .99 rather than carry into the next
second). That is no edit of a person's: the reader finds the exported times again from the row digest.
A real change of a time is still an edit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp.sync.reader import read_workbook
from fieldapp.sync.spec import ColumnSpec, Kind, SheetSpec, to_local
from fieldapp.sync.writer import write_workbook

VISITS = SheetSpec(
    "visits",
    (
        ColumnSpec("place", Kind.TEXT),
        ColumnSpec("started_at", Kind.DATETIME),
        ColumnSpec("ended_at", Kind.DATETIME, nullable=True),
        ColumnSpec("deleted", Kind.BOOL),
    ),
)
SPECS = {"visits": VISITS}
BASE = datetime(2026, 3, 31, 6, 30, 15, tzinfo=UTC)
MILLISECONDS = (0, 4, 5, 6, 123, 985, 994, 995, 996, 999)


def _rows() -> list[tuple[object, ...]]:
    """As the export hands them to the writer: the sheet's columns, then id, revision, modified_at,
    modified_by and the clock's text."""
    rows = []
    for n, ms in enumerate(MILLISECONDS):
        started = BASE + timedelta(minutes=n, milliseconds=ms)
        ended = started + timedelta(hours=1, milliseconds=7 * n) if n % 2 else None
        rows.append((f"配电室 {n}", started, ended, False, uuid.UUID(int=n + 1), 1, started, "T01", "T01:1"))
    return rows


def _as_libreoffice_keeps(moment: datetime) -> datetime:
    """A naive local time rounded to 1/100 s the way LibreOffice 7.4 writes ODS (no carry at .995+)."""
    hundredths = min(round(moment.microsecond / 10_000), 99)
    return moment.replace(microsecond=hundredths * 10_000)


def _rounded_copy(source: Path, target: Path, *, shift: dict[int, timedelta] | None = None) -> None:
    """The workbook with every time cell of the sheet rounded (and the rows in `shift` moved)."""
    workbook = load_workbook(source)
    sheet = workbook["visits visits"]
    header = [str(c.value).split()[-1] for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for key in ("started_at", "ended_at", "modified_at"):
            cell = row[header.index(key)]
            if isinstance(cell.value, datetime):
                moved = cell.value + (shift or {}).get(cell.row, timedelta())
                cell.value = _as_libreoffice_keeps(moved)
    workbook.save(target)


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "data.xlsx"
    write_workbook(path, [(VISITS, _rows())], {"export_id": "e1"})
    return path


def test_times_rounded_to_hundredths_read_back_exactly_and_unedited(exported: Path, tmp_path: Path) -> None:
    rounded = tmp_path / "rounded.xlsx"
    _rounded_copy(exported, rounded)
    assert any(
        to_local(started) != _as_libreoffice_keeps(to_local(started))  # type: ignore[arg-type]
        for _, started, *_ in _rows()
    )

    read = read_workbook(rounded, SPECS)

    assert read.problems == []
    records = read.records["visits"]
    assert [r.edited for r in records] == [False] * len(MILLISECONDS)
    for record, (_, started, ended, *_) in zip(records, _rows(), strict=True):
        assert record.values["started_at"] == started
        assert record.values["ended_at"] == ended


def test_a_time_really_changed_is_still_an_edit(exported: Path, tmp_path: Path) -> None:
    rounded = tmp_path / "moved.xlsx"
    _rounded_copy(exported, rounded, shift={4: timedelta(seconds=1)})  # sheet row 4: the third visit

    read = read_workbook(rounded, SPECS)

    records = read.records["visits"]
    assert [r.row for r in records if r.edited] == [4]
    moved = records[2]
    started = _rows()[2][1]
    assert moved.values["started_at"] != started
    assert abs(moved.values["started_at"] - started - timedelta(seconds=1)) < timedelta(  # type: ignore[operator]
        milliseconds=10
    )
