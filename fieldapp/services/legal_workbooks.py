"""The office edits the legal-basis library through Excel: export it, change or add citations, mark the
ones checked against the published text and the ones no longer in force, import it back. The import is all
or nothing and audited.

A changed text is unchecked again (a verification vouches for the text that was checked); a change of
in_force or superseded_by is not a change of text and leaves the verification as it is. A workbook made
before the in_force column existed leaves every entry's in-force status as stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.legal import LegalBasis
from fieldapp.checklists.legal_workbook import read_library_sheet, write_library
from fieldapp.domain.identity import content_id
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.services.legal import check_actor, list_entries, verify_entry
from fieldapp.store.models import LegalEntry

_TEXT = ("regulation", "edition", "article", "requirement_zh", "requirement_en", "provenance")
_LIFECYCLE = ("in_force", "superseded_by")


@dataclass(frozen=True)
class LibraryImport:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    verified: tuple[str, ...]
    unverified: tuple[str, ...]
    unchanged: int
    not_in_workbook: tuple[str, ...]  # kept as they are: a row left out of a workbook deletes nothing


def export_library(session: Session, path: Path) -> int:
    rows = list_entries(session)
    write_library(
        [
            (
                LegalBasis(
                    r.code,
                    r.regulation,
                    r.edition,
                    r.article,
                    r.requirement_zh,
                    r.requirement_en,
                    r.provenance,
                    r.verified,
                    r.in_force,
                    r.superseded_by,
                ),
                r.verified_by,
            )
            for r in rows
        ],
        path,
    )
    return len(rows)


def _unverify(session: Session, row: LegalEntry, actor: str, source: str, *, reason: str) -> None:
    previous = {"verified_by": row.verified_by}
    row.verified, row.verified_by, row.verified_at = False, "", None
    record_event(
        session,
        "legal.unverify",
        "legal_entry",
        row.id,
        actor=actor,
        detail={"code": row.code, "previous": previous, "reason": reason, "source": source},
    )


def import_library(session: Session, path: Path, *, actor: str) -> LibraryImport:
    require(session, Permission.LEGAL_LIBRARY)
    actor = check_actor(actor)
    stored = {
        row.code: row for row in session.scalars(select(LegalEntry).where(LegalEntry.deleted.is_(False)))
    }
    sheet = read_library_sheet(path, stored)  # every problem is found before anything is written
    entries = sheet.entries
    fields = (*_TEXT, *_LIFECYCLE) if sheet.has_in_force else _TEXT
    added: list[str] = []
    changed: list[str] = []
    verified: list[str] = []
    unverified: list[str] = []
    unchanged = 0
    for entry in entries:
        row = stored.get(entry.code)
        if row is None:
            row = LegalEntry(
                id=content_id("legal_entries", entry.code),
                code=entry.code,
                verified=False,
                **{f: getattr(entry, f) for f in fields},
            )
            session.add(row)
            session.flush()
            record_event(
                session,
                "legal.add",
                "legal_entry",
                row.id,
                actor=actor,
                detail={"code": entry.code, "source": path.name},
            )
            added.append(entry.code)
        else:
            before = {f: getattr(row, f) for f in fields if getattr(row, f) != getattr(entry, f)}
            if before:
                for field in before:
                    setattr(row, field, getattr(entry, field))
                if row.verified and any(f in before for f in _TEXT):
                    # A verification vouches for the text that was checked; changed text is unchecked
                    # again, unless the workbook (and so the importer) vouches for the new text below.
                    _unverify(session, row, actor, path.name, reason="text changed")
                record_event(
                    session,
                    "legal.update",
                    "legal_entry",
                    row.id,
                    actor=actor,
                    detail={
                        "code": entry.code,
                        "before": before,
                        "after": {f: getattr(entry, f) for f in before},
                        "source": path.name,
                    },
                )
                changed.append(entry.code)
        if entry.verified and not row.verified:
            verify_entry(session, entry.code, actor=actor)
            verified.append(entry.code)
        elif not entry.verified and row.verified:
            _unverify(session, row, actor, path.name, reason="unchecked in the workbook")
            unverified.append(entry.code)
        elif row.code not in added and row.code not in changed:
            unchanged += 1
    in_workbook = {e.code for e in entries}
    return LibraryImport(
        tuple(added),
        tuple(changed),
        tuple(verified),
        tuple(unverified),
        unchanged,
        tuple(sorted(set(stored) - in_workbook)),
    )
