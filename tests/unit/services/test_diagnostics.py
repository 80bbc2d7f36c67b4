"""Export diagnostics: one zip with the logs, versions, settings (no secrets), doctor's findings, a
description of the database and the crash reports, and never the database, a backup or a photo."""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit import Sample, add_photo_row, run_cli, write_photo_file

from fieldapp.crash import CrashHandler
from fieldapp.logs import configure_logging, recent_log
from fieldapp.services import diagnostics
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.diagnostics import export_diagnostics
from fieldapp.settings import SETTINGS, Setting
from fieldapp.store.backup import SQLITE_HEADER

PHOTO = b"\xff\xd8\xff\xe0 a customer's transformer room \xff\xd9"


@pytest.fixture(autouse=True)
def detached() -> Iterator[None]:
    yield
    configure_logging(None)


def _contents(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _no_customer_data(contents: dict[str, bytes]) -> None:
    for name, data in contents.items():
        assert not data.startswith(SQLITE_HEADER), name
        assert not name.endswith((".sqlite3", ".jpg", ".jpeg", ".png", ".pdf")), name
        assert PHOTO not in data, name


def test_the_zip_has_what_support_needs_and_no_customer_data(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    configure_logging(backend.paths.logs)
    logging.getLogger("fieldapp.tests").warning("something support should see")
    sha, _path = write_photo_file(backend.paths.photos, PHOTO)
    backend.call(add_photo_row, sha)
    backend.call(add_photo_row, "0" * 64)  # a photo whose file is missing: doctor says so
    backend.backup("before-test")  # a backup in the data folder: never in the zip
    try:
        raise RuntimeError("an earlier crash")
    except RuntimeError as exc:
        CrashHandler(backend.paths.crashes, recent_log()).handle(
            (type(exc), exc, exc.__traceback__), echo_traceback=False
        )

    out = tmp_path / "diagnostics.zip"
    result = export_diagnostics(out, backend.paths, backend=backend, recent=recent_log())

    contents = _contents(out)
    assert result.path == out and set(result.members) == set(contents)
    for name in (
        "README.txt",
        "versions.txt",
        "settings.json",
        "database.txt",
        "doctor.txt",
        "recent-log.txt",
    ):
        assert name in contents, name
    assert "logs/fieldapp.log" in contents
    assert b"something support should see" in contents["logs/fieldapp.log"]
    assert [n for n in contents if n.startswith("crashes/crash-")]
    versions = contents["versions.txt"].decode()
    for library in ("fieldapp", "Python", "PySide6", "Qt", "SQLAlchemy", "ReportLab", "openpyxl", "OS"):
        assert library in versions, library
    settings = json.loads(contents["settings.json"])
    assert settings["device.code"] == backend.device_code and "org.issuing_unit" in settings
    assert result.problems == 1 and b"file missing" in contents["doctor.txt"]
    database = contents["database.txt"].decode()
    assert f"kind: {backend.database.dialect}" in database and "customers: 3" in database
    assert "photos: 1 files" in contents["data-folder.txt"].decode()
    assert "Not inside: the database, its backups, photos" in contents["README.txt"].decode()
    _no_customer_data(contents)


@pytest.mark.parametrize("migrated_database_url", ["postgresql"], indirect=True)
def test_on_postgresql_the_zip_describes_the_server_without_a_file(backend: Backend, tmp_path: Path) -> None:
    out = tmp_path / "diagnostics.zip"
    result = export_diagnostics(out, backend.paths, backend=backend)
    contents = _contents(out)
    database = contents["database.txt"].decode()
    assert "kind: postgresql" in database and "file:" not in database
    assert result.problems == 0 and "in order" in contents["doctor.txt"].decode()
    _no_customer_data(contents)


@pytest.mark.parametrize("migrated_database_url", ["sqlite"], indirect=True)
def test_secret_settings_are_left_out(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = Setting("auth.pin_salt", str, "s3cr3t-salt", "the salt of the sign-in PINs")
    monkeypatch.setattr(diagnostics, "SETTINGS", (*SETTINGS, secret))
    out = tmp_path / "diagnostics.zip"
    export_diagnostics(out, backend.paths, backend=backend)
    settings = json.loads(_contents(out)["settings.json"])
    assert settings["auth.pin_salt"] == "(left out: a secret)"
    assert b"s3cr3t-salt" not in out.read_bytes()


def test_without_a_database_the_rest_is_still_written(tmp_path: Path) -> None:
    paths = open_backend(str(tmp_path / "data"))
    paths.close()
    out = tmp_path / "diagnostics.zip"
    result = export_diagnostics(out, paths.paths, backend=None, open_error="数据库由更新版本的 fieldapp 创建")
    contents = _contents(out)
    assert result.problems == -1
    assert "更新版本" in contents["database.txt"].decode() and "versions.txt" in contents
    _no_customer_data(contents)


def test_the_command_writes_the_zip_even_when_the_database_cannot_open(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    open_backend(str(data)).close()
    with sqlite3.connect(data / "fieldapp.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    out = tmp_path / "support.zip"
    done = run_cli(["--data-dir", str(data), "diagnostics", "--out", str(out)])
    assert done.returncode == 0, done.stderr
    contents = _contents(out)
    assert "9999" in contents["database.txt"].decode()
    assert "logs/fieldapp.log" in contents  # the command's own log, refusal included
    _no_customer_data(contents)
