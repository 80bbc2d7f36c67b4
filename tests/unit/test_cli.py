"""The command line, run as a real process the way a user or a script runs it: help, version, stats, doctor,
the data folder from the option or the environment, and PostgreSQL by URL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from testkit import SAMPLE_CUSTOMERS, add_photo_row, run_cli, write_photo_file

from fieldapp import __version__
from fieldapp.cli import main
from fieldapp.services.backend import open_backend
from fieldapp.services.customers import create_customer

COUNT_KEYS = {
    "customers",
    "inspections",
    "findings",
    "open_findings",
    "photos",
    "notices",
    "overdue_findings",
}
STATS_KEYS = {*COUNT_KEYS, "rectification_rate"}


def test_help_lists_the_commands_and_options(tmp_path: Path) -> None:
    done = run_cli(["--help"], env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    for word in ("demo", "stats", "doctor", "--data-dir", "--db", "--lang", "--version"):
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", done.stdout), word
    assert "zh_CN" in done.stdout


def test_version() -> None:
    done = run_cli(["--version"])
    assert done.returncode == 0
    assert done.stdout.strip() == f"fieldapp {__version__}"


def _stats_json(stdout: str) -> dict[str, int]:
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout
    stats = json.loads(lines[0])
    assert isinstance(stats, dict)
    assert set(stats) == STATS_KEYS
    assert all(type(stats[key]) is int for key in COUNT_KEYS), stats
    assert isinstance(stats["rectification_rate"], int | float) and 0 <= stats["rectification_rate"] <= 1
    return stats


def test_stats_json_is_one_object_of_integer_counts(tmp_path: Path) -> None:
    done = run_cli(["--data-dir", str(tmp_path / "data"), "stats", "--json"])
    assert done.returncode == 0, done.stderr
    assert _stats_json(done.stdout) == dict.fromkeys(STATS_KEYS, 0)  # a rate of nothing due is 0
    assert (tmp_path / "data" / "fieldapp.sqlite3").is_file()


def test_the_data_folder_comes_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    opened = open_backend(data_dir=str(folder))
    try:
        opened.call(create_customer, SAMPLE_CUSTOMERS[0])
    finally:
        opened.close()
    done = run_cli(["stats"], env={"FIELDAPP_DATA_DIR": str(folder), "XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "customers: 1",
        "inspections: 0",
        "findings: 0",
        "open_findings: 0",
        "photos: 0",
        "notices: 0",
        "rectification_rate: 0.0",
        "overdue_findings: 0",
    ]
    assert not (tmp_path / "xdg").exists()


def test_doctor_passes_a_clean_database(tmp_path: Path) -> None:
    done = run_cli(["--data-dir", str(tmp_path), "doctor"])
    assert done.returncode == 0, done.stderr
    assert "检查通过" in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize("damage", ["missing file", "altered bytes"])
def test_doctor_fails_and_names_a_photo_whose_file_is_missing_or_altered(tmp_path: Path, damage: str) -> None:
    opened = open_backend(data_dir=str(tmp_path))
    try:
        good, _ = write_photo_file(opened.paths.photos, b"\xff\xd8 transformer nameplate")
        sha, path = write_photo_file(opened.paths.photos, b"\xff\xd8 meter seal LH123456")
        if damage == "missing file":
            path.unlink()
        else:
            path.write_bytes(b"\xff\xd8 meter seal LH999999")
        with opened.session() as session:
            add_photo_row(session, good)
            bad = add_photo_row(session, sha)
    finally:
        opened.close()
    done = run_cli(["--data-dir", str(tmp_path), "doctor"])
    assert done.returncode == 1
    expected = "file missing" if damage == "missing file" else "file does not match its SHA-256"
    [line] = done.stdout.splitlines()
    assert line == f"[photo] photo {bad}: {expected}: {path}"
    assert "发现 1 个问题 (1 problems found)" in done.stderr


def test_stats_on_postgresql_by_url(migrated_postgres_url: str, tmp_path: Path) -> None:
    url = migrated_postgres_url
    opened = open_backend(data_dir=str(tmp_path / "setup"), db_url=url)
    try:
        opened.call(create_customer, SAMPLE_CUSTOMERS[1])
    finally:
        opened.close()
    by_option = run_cli(["--data-dir", str(tmp_path / "a"), "--db", url, "stats", "--json"])
    by_env = run_cli(["--data-dir", str(tmp_path / "b"), "stats", "--json"], env={"FIELDAPP_DB": url})
    for done in (by_option, by_env):
        assert done.returncode == 0, done.stderr
        assert _stats_json(done.stdout)["customers"] == 1
    assert not (tmp_path / "a" / "fieldapp.sqlite3").exists()


def test_a_database_that_cannot_be_opened_is_one_line_on_stderr(tmp_path: Path) -> None:
    done = run_cli(
        ["--data-dir", str(tmp_path), "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x", "stats"]
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("fieldapp: 无法打开数据库")
    assert "Traceback" not in done.stderr


# In-process: argument errors need no database and no new interpreter.


@pytest.mark.parametrize("argv", [["--lang", "fr", "stats"], ["export"], ["stats", "--csv"]])
def test_bad_arguments_exit_2_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: fieldapp" in capsys.readouterr().err


def test_main_returns_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "stats", "--json"]) == 0
    assert _stats_json(capsys.readouterr().out)["photos"] == 0
