"""`fieldapp backup`, `fieldapp restore` and `fieldapp diagnostics` as a person runs them: a restore brings
back what the backup held and keeps the database it replaced; a file that is not a fieldapp database is
refused in one line naming it, with the database untouched; PostgreSQL is left to its administrator."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from testkit import SAMPLE_CUSTOMERS, run_cli

from fieldapp.services.backend import open_backend
from fieldapp.services.customers import create_customer


def _names(database: Path) -> list[str]:
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(name for (name,) in conn.execute("SELECT name FROM customers"))
    finally:
        conn.close()


def _rows(database: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def test_backup_then_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    backend = open_backend(str(data))
    try:
        backend.call(create_customer, SAMPLE_CUSTOMERS[0])
    finally:
        backend.close()
    database = data / "fieldapp.sqlite3"

    kept = run_cli(["--data-dir", str(data), "backup"])
    assert kept.returncode == 0, kept.stderr
    (manual,) = (data / "backups").glob("fieldapp-*-manual.sqlite3")
    assert str(manual) in kept.stdout
    out = tmp_path / "copy for the office.sqlite3"
    copied = run_cli(["--data-dir", str(data), "backup", "--out", str(out)])
    assert copied.returncode == 0, copied.stderr
    assert _rows(out) == _rows(database)

    backend = open_backend(str(data))
    try:
        backend.call(create_customer, SAMPLE_CUSTOMERS[1])
    finally:
        backend.close()
    assert len(_names(database)) == 2
    changed = _rows(database)

    restored = run_cli(["--data-dir", str(data), "restore", str(out)])

    assert restored.returncode == 0, restored.stderr
    assert _names(database) == [SAMPLE_CUSTOMERS[0].name]
    (before,) = (data / "backups").glob("fieldapp-*-before-restore.sqlite3")
    assert _rows(before) == changed  # what the restore replaced, kept whole
    assert str(before) in restored.stdout
    log = (data / "logs" / "fieldapp.log").read_text(encoding="utf-8")
    assert "restored from" in log and "backup taken" in log


def test_a_file_that_is_not_a_database_is_refused_in_one_line_and_nothing_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_backend(str(data)).close()
    database = data / "fieldapp.sqlite3"
    before = database.read_bytes()
    notes = tmp_path / "客户清单.xlsx"
    notes.write_bytes(b"PK\x03\x04 not a database at all")
    half = tmp_path / "half.sqlite3"
    half.write_bytes(before[: len(before) // 3])
    for bad in (notes, half):
        done = run_cli(["--data-dir", str(data), "restore", str(bad)])
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and str(bad) in lines[0], done.stderr
        assert database.read_bytes() == before
        assert not list((data / "backups").glob("*before-restore*"))


def test_postgresql_is_backed_up_by_its_administrator(tmp_path: Path) -> None:
    url = "postgresql+psycopg://office:secret@db.example/fieldapp"
    for args in (["backup"], ["restore", str(tmp_path / "x.sqlite3")]):
        done = run_cli(["--data-dir", str(tmp_path / "data"), "--db", url, *args])
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "pg_dump" in lines[0] and "secret" not in lines[0]


def test_help_lists_the_operations_commands(tmp_path: Path) -> None:
    done = run_cli(["--help"], env={"XDG_DATA_HOME": str(tmp_path)})
    for command in ("backup", "restore", "diagnostics"):
        assert command in done.stdout


def test_diagnostics_on_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "support.zip"
    done = run_cli(["--data-dir", str(data), "diagnostics", "--out", str(out)])
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "doctor.txt" in names and "logs/fieldapp.log" in names
        assert not [n for n in names if n.endswith(".sqlite3")]
