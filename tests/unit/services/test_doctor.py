"""`fieldapp doctor` as a use case: it names every photo whose file is missing or altered and, on SQLite,
every row that points to a missing parent."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from testkit import Sample, add_photo_row, write_photo_file

from fieldapp.services.backend import Backend
from fieldapp.services.doctor import Problem, check_database, run_doctor
from fieldapp.services.inspections import start_inspection
from fieldapp.store.models import Photo


def test_a_clean_database_has_no_problems(backend: Backend, sample: Sample) -> None:
    sha, _ = write_photo_file(backend.paths.photos, b"\xff\xd8 a photo of the switch room")
    with backend.session() as session:
        add_photo_row(session, sha)
    assert backend.call(run_doctor, backend.paths.photos) == []


def test_missing_altered_and_misnamed_photos_are_each_named(backend: Backend, sample: Sample) -> None:
    inspection = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2]
    )
    good, _ = write_photo_file(backend.paths.photos, b"good photo")
    altered, altered_path = write_photo_file(backend.paths.photos, b"original bytes")
    altered_path.write_bytes(b"edited bytes")
    missing = "ab" * 32
    with backend.session() as session:
        add_photo_row(session, good, inspection_id=inspection)
        altered_id = add_photo_row(session, altered, inspection_id=inspection)
        missing_id = add_photo_row(session, missing, inspection_id=inspection)
        misnamed_id = add_photo_row(session, "not-a-digest")
        gone = add_photo_row(session, "cd" * 32)
        deleted = session.get(Photo, gone)
        assert deleted is not None
        deleted.deleted = True  # a deleted photo's file may be gone: not a problem
    problems = backend.call(run_doctor, backend.paths.photos)
    by_photo = {p.where: p for p in problems}
    assert set(by_photo) == {f"photo {altered_id}", f"photo {missing_id}", f"photo {misnamed_id}"}
    assert "does not match its SHA-256" in by_photo[f"photo {altered_id}"].message
    assert "file missing" in by_photo[f"photo {missing_id}"].message
    assert missing in by_photo[f"photo {missing_id}"].message
    assert "not a SHA-256" in by_photo[f"photo {misnamed_id}"].message
    assert str(by_photo[f"photo {missing_id}"]).startswith(f"[photo] photo {missing_id}: file missing")


def test_a_sqlite_row_pointing_to_a_missing_parent_is_named(backend: Backend, tmp_path: Path) -> None:
    if backend.database.dialect != "sqlite":
        assert backend.call(check_database) == []  # PostgreSQL enforces foreign keys itself
        return
    orphan = uuid.uuid4()
    conn = sqlite3.connect(backend.database.engine.url.database or "")
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # what a crash, a bad copy or a hand edit can leave behind
        conn.execute(
            "INSERT INTO equipment (id, customer_id, kind, model, rating, serial_no, status, revision,"
            " modified_at, modified_by, deleted) VALUES (?, ?, 'transformer', '', '', '', 'in_service', 1,"
            " '2026-01-01 00:00:00', '', 0)",
            (uuid.uuid4().hex, orphan.hex),
        )
        conn.commit()
    finally:
        conn.close()
    problems = backend.call(check_database)
    assert problems == [Problem("foreign-key", "equipment row 1", "points to a missing customers row")]
