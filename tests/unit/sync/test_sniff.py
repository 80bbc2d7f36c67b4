"""What a file that should have been a workbook or a bundle is instead, told from its first bytes, so the
refusal says what to do (save an old .xls as .xlsx, copy a truncated file again, open a CSV in Excel)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from fieldapp.workbook.reading import sniff


def _zip_cut_short(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.xlsx", b"x" * 5000)
    return path.read_bytes()[:3000]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "xls"),
        ("户号,户名\n0531000001,临河县人民医院\n".encode(), "text"),
        ("户号,户名\n0531000001,临河县人民医院\n".encode("gbk"), "text"),
        ("\ufeff户号\t户名\n".encode("utf-16"), "text"),
        (("户" * 2000).encode()[:4097], "text"),  # a character cut where the 4 KB sniffed end
        (bytes(range(256)) * 4, "unknown"),
    ],
    ids=["ole2", "utf8-csv", "gbk-csv", "utf16-tsv", "cut-character", "binary"],
)
def test_sniff_tells_what_a_file_is(content: bytes, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    assert sniff(path) == kind


def test_a_zip_cut_short_is_truncated(tmp_path: Path) -> None:
    data = _zip_cut_short(tmp_path / "whole.zip")
    path = tmp_path / "cut.fieldsync"
    path.write_bytes(data)
    assert sniff(path) == "truncated"
