"""`fieldapp doctor`: checks the database and the photo files, and names every problem it finds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from fieldapp.photos.files import photo_path, remove_leftover_temps, sha256_of_file
from fieldapp.store.models import Photo


@dataclass(frozen=True)
class Problem:
    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.where}: {self.message}"


def check_database(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    if session.get_bind().dialect.name == "sqlite":
        # A damaged file is what doctor is for: a check that fails outright is itself a problem found.
        try:
            for (line,) in session.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(Problem("integrity", "database", str(line)))
        except DBAPIError as exc:
            problems.append(Problem("integrity", "database", f"integrity check failed: {exc.orig}"))
            return problems  # the other checks would read the same damaged pages
        try:
            for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
                problems.append(
                    Problem("foreign-key", f"{table} row {rowid}", f"points to a missing {parent} row")
                )
        except DBAPIError as exc:
            problems.append(Problem("foreign-key", "database", f"foreign key check failed: {exc.orig}"))
    else:
        # PostgreSQL enforces foreign keys on every write and checks its pages itself; what is left to ask
        # is whether the server answers.
        session.execute(text("SELECT 1"))
    return problems


def check_photos(session: Session, photos_root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for photo_id, sha in session.execute(select(Photo.id, Photo.sha256).where(Photo.deleted.is_(False))):
        where = f"photo {photo_id}"
        try:
            path = photo_path(photos_root, sha)
        except ValueError as exc:
            problems.append(Problem("photo", where, str(exc)))
            continue
        if not path.is_file():
            problems.append(Problem("photo", where, f"file missing: {path}"))
        elif sha256_of_file(path) != sha:
            problems.append(Problem("photo", where, f"file does not match its SHA-256: {path}"))
    return problems


def run_doctor(session: Session, photos_root: Path) -> list[Problem]:
    return check_database(session) + check_photos(session, photos_root)


def clean_photo_temps(photos_root: Path, *, older_than_s: float = 60.0) -> list[Path]:
    """Remove the temp files a process killed while writing a photo left behind. They are not problems:
    no row names them, and their names are never a photo's. Younger ones may be a write under way."""
    return remove_leftover_temps(photos_root, older_than_s=older_than_s)
