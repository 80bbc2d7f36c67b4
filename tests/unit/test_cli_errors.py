"""What the command line says when the user gets something wrong: one line naming the thing, exit 2,
never a traceback, never a password."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit import run_cli


def _fails_plainly(args: list[str], *expected: str) -> str:
    result = run_cli(args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr
    return result.stderr


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    _fails_plainly(["--data-dir", str(blocker), "stats"], "无法使用数据目录", str(blocker))


def test_exporting_to_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    _fails_plainly(["--data-dir", data, "templates", "export", "PERIODIC-HV", str(tmp_path)], "文件夹")
    missing = tmp_path / "typo" / "x.xlsx"
    _fails_plainly(["--data-dir", data, "templates", "export", "PERIODIC-HV", str(missing)], "文件夹不存在")
    assert not missing.parent.exists()  # a typo is reported, not created


def test_a_database_url_never_shows_its_password(tmp_path: Path) -> None:
    stderr = _fails_plainly(
        [
            "--data-dir",
            str(tmp_path / "d"),
            "--db",
            "postgresql+psycopg://inspector:s3cret@127.0.0.1:1/x",
            "stats",
        ],
        "无法打开数据库",
    )
    assert "s3cret" not in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--within", "99999999999"],
        ["due", "--today", "9999-12-31"],
        ["templates", "export", "PERIODIC-HV", "x.xlsx", "--version", "99999999999999999999"],
    ],
)
def test_numbers_out_of_range_are_refused(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(["--data-dir", str(tmp_path / "d"), *args])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "之间" in result.stderr


def test_doctor_reports_a_damaged_database_instead_of_crashing(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert run_cli(["--data-dir", str(data), "demo"]).returncode == 0
    database = data / "fieldapp.sqlite3"
    with database.open("r+b") as stream:
        stream.seek(4096 * 3)
        stream.write(b"\xff" * 4096 * 2)
    result = run_cli(["--data-dir", str(data), "doctor"])
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2)  # a problem found, or the database refused to open: both named
    assert "[integrity]" in result.stdout or "无法打开数据库" in result.stderr
