"""A database written by a newer fieldapp: the command line refuses it with a message naming the versions,
exits non-zero, and leaves the database exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from testkit import SAMPLE_CUSTOMERS, run_cli

from fieldapp.services.backend import open_backend
from fieldapp.services.customers import create_customer
from fieldapp.store.migrate import HEAD_REVISION


def _make_newer(data_dir: Path, url: str | None) -> None:
    opened = open_backend(data_dir=str(data_dir), db_url=url)
    try:
        opened.call(create_customer, SAMPLE_CUSTOMERS[0])
        with opened.database.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        opened.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused(stderr: str, returncode: int) -> None:
    assert returncode != 0
    assert returncode == 2
    assert "9999" in stderr
    assert "newer fieldapp" in stderr
    assert f"knows up to {HEAD_REVISION}" in stderr
    assert "数据库由更新版本的 fieldapp 创建" in stderr
    assert "Traceback" not in stderr


def test_sqlite_from_a_newer_version_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    _make_newer(tmp_path, None)
    database = tmp_path / "fieldapp.sqlite3"
    assert not database.with_name("fieldapp.sqlite3-wal").exists()
    before = _sha256(database)
    # Everything but the log, which notes the refusal (fieldapp.logs).
    listing = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "logs" not in p.parts)

    done = run_cli(["--data-dir", str(tmp_path), "stats"])

    _assert_refused(done.stderr, done.returncode)
    assert done.stdout == ""
    assert _sha256(database) == before
    after = sorted(
        p.relative_to(tmp_path)
        for p in tmp_path.rglob("*")
        if not p.name.endswith(("-wal", "-shm")) and "logs" not in p.parts
    )
    assert after == listing
    assert list((tmp_path / "backups").iterdir()) == []


def _schema(engine: Engine) -> dict[str, list[str]]:
    found = inspect(engine)
    return {table: [c["name"] for c in found.get_columns(table)] for table in sorted(found.get_table_names())}


def test_postgresql_from_a_newer_version_is_refused_and_left_alone(
    migrated_postgres_url: str, tmp_path: Path
) -> None:
    _make_newer(tmp_path / "setup", migrated_postgres_url)
    engine = create_engine(migrated_postgres_url)
    try:
        schema = _schema(engine)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT account_no, revision FROM customers")).all()

        done = run_cli(
            ["--data-dir", str(tmp_path / "cli"), "--db", migrated_postgres_url, "stats", "--json"]
        )

        _assert_refused(done.stderr, done.returncode)
        assert _schema(engine) == schema
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
            assert conn.execute(text("SELECT account_no, revision FROM customers")).all() == rows
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", ["demo", "doctor"])
def test_every_command_refuses_a_newer_database(tmp_path: Path, command: str) -> None:
    _make_newer(tmp_path, None)
    before = _sha256(tmp_path / "fieldapp.sqlite3")
    done = run_cli(["--data-dir", str(tmp_path), command])
    _assert_refused(done.stderr, done.returncode)
    assert _sha256(tmp_path / "fieldapp.sqlite3") == before
