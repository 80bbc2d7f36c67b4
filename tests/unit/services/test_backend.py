"""Opening the app's storage: the data folder is laid out, the database migrated, and each use case called
through the backend is committed when the call returns."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit import SAMPLE_CUSTOMERS

from fieldapp.domain.errors import DatabaseError, ValidationError
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import count_customers, create_customer
from fieldapp.services.settings_store import get_setting
from fieldapp.store.engine import Database


def test_open_lays_out_the_data_folder(tmp_path: Path) -> None:
    root = tmp_path / "new" / "data"
    opened = open_backend(data_dir=str(root))
    try:
        for folder in ("photos", "backups", "logs", "notices"):
            assert (root / folder).is_dir(), folder
        assert (root / "fieldapp.sqlite3").is_file()
        assert opened.paths.root == root.resolve()
        assert opened.backup_taken is None  # nothing to back up in a new database
        assert opened.call(get_setting, "device.code") == opened.device_code
    finally:
        opened.close()


def test_a_call_is_committed_when_it_returns_and_rolled_back_when_it_fails(backend: Backend) -> None:
    backend.call(create_customer, SAMPLE_CUSTOMERS[0])
    with pytest.raises(ValidationError):
        backend.call(create_customer, SAMPLE_CUSTOMERS[0])
    other = Database(backend.database.url)
    try:
        with other.session() as session:
            assert count_customers(session) == 1
    finally:
        other.dispose()


def test_a_database_that_cannot_be_reached_is_reported_with_its_url(tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    with pytest.raises(DatabaseError, match="无法打开数据库") as caught:
        open_backend(data_dir=str(tmp_path), db_url=url)
    assert url in str(caught.value)


def test_an_unsupported_database_url_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="unsupported database"):
        open_backend(data_dir=str(tmp_path), db_url="mysql://root@localhost/fieldapp")
