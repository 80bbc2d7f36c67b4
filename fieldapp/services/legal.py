"""The legal-basis library in the database: install the built-in entries at start-up, list them, verify one.

Which built-in changes reach an installed entry. The office owns the library once it is installed: it
edits entries (a provincial rule, a corrected article) and verifies them against the published text. So
install_library
- inserts every built-in entry whose code is not in the table yet (audited as legal.install);
- updates an installed entry to the built-in content only while nobody has touched it since the library
  last wrote it: its stored content (texts, verified flag, verifier, time) still has the SHA-256 that the
  latest legal.install or legal.builtin_update event recorded for it (audited as legal.builtin_update).
  Any office edit, verification or un-verification changes that digest, so the entry is kept as it is;
  so is an entry the office made itself under a code the library later uses (it has no install event);
- never brings back an entry the office deleted, and never deletes an entry the library no longer has
  (notices may cite it).
A content digest rather than `revision == 1` decides, since the library's own updates raise the revision
too, and an entry that arrives by sync carries the digest of the install that wrote it. Whether an entry is
in force (and what superseded it) is part of that content, so the library can retire a citation it
shipped (the 1996 《供电营业规则》) and never puts back in force one the office retired, or the reverse.
The two enter the digest only when they differ from "in force, superseded by nothing": the digests
recorded before they existed stay valid for every entry still in force."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.legal import LegalBasis, citation_zh, load_library
from fieldapp.domain.digest import content_sha256
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.identity import content_id
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.store.models import AuditEvent, LegalEntry
from fieldapp.store.types import utcnow

LIBRARY_FILE = "library.toml"
ENTITY = "legal_entry"
INSTALL = "legal.install"
UPDATE = "legal.builtin_update"  # not legal.update: that is an office edit (services.legal_workbooks)
VERIFY = "legal.verify"
BUILTIN_VERIFIER = "builtin"  # verified_by of entries the shipped library marks verified
SYSTEM_ACTOR = "system"

_TEXT_FIELDS = ("regulation", "edition", "article", "requirement_zh", "requirement_en", "provenance")


@dataclass(frozen=True)
class LegalEntryRow:
    code: str
    regulation: str
    edition: str
    article: str
    requirement_zh: str
    requirement_en: str
    provenance: str
    verified: bool
    verified_by: str
    verified_at: datetime | None
    revision: int
    citation_zh: str
    in_force: bool = True
    superseded_by: str = ""


@dataclass(frozen=True)
class LibraryInstall:
    inserted: tuple[str, ...]
    updated: tuple[str, ...]
    kept: tuple[str, ...]  # differ from the built-in library, kept because the office edited or deleted them


def _lifecycle(in_force: bool, superseded_by: str) -> dict[str, Any]:
    """The in-force fields as content: none at all while they hold their defaults (see the docstring)."""
    if in_force and not superseded_by:
        return {}
    return {"in_force": in_force, "superseded_by": superseded_by}


def _installed_content(entry: LegalBasis) -> dict[str, Any]:
    """What install_library writes for a built-in entry."""
    return {
        **{name: getattr(entry, name) for name in _TEXT_FIELDS},
        "verified": entry.verified,
        "verified_by": BUILTIN_VERIFIER if entry.verified else "",
        "verified_at": None,
        **_lifecycle(entry.in_force, entry.superseded_by),
    }


def _stored_content(row: LegalEntry) -> dict[str, Any]:
    return {
        **{name: getattr(row, name) for name in _TEXT_FIELDS},
        "verified": bool(row.verified),
        "verified_by": row.verified_by,
        "verified_at": row.verified_at,
        **_lifecycle(bool(row.in_force), row.superseded_by),
    }


def _written(entry: LegalBasis) -> dict[str, Any]:
    """Every column install_library sets, the in-force ones even at their defaults."""
    return {**_installed_content(entry), "in_force": entry.in_force, "superseded_by": entry.superseded_by}


def _last_builtin_digests(session: Session, ids: Iterable[uuid.UUID]) -> dict[str, str]:
    """For each entry id, the digest that the library's latest install or update recorded."""
    wanted = [str(i) for i in ids]
    if not wanted:
        return {}
    events = session.execute(
        select(AuditEvent.entity_id, AuditEvent.detail)
        .where(
            AuditEvent.entity == ENTITY,
            AuditEvent.action.in_((INSTALL, UPDATE)),
            AuditEvent.entity_id.in_(wanted),
            AuditEvent.deleted.is_(False),
        )
        .order_by(AuditEvent.at, AuditEvent.modified_at)
    )
    found: dict[str, str] = {}
    for entity_id, detail in events:
        digest = (detail or {}).get("sha256")
        if isinstance(digest, str):
            found[entity_id] = digest  # later events overwrite earlier ones
    return found


def install_library(
    session: Session, entries: Sequence[LegalBasis], *, actor: str = SYSTEM_ACTOR
) -> LibraryInstall:
    """Bring the built-in entries into the table (see the module's docstring for what is never overwritten).
    Running it again with the same library changes nothing and records nothing."""
    require(session, Permission.LEGAL_LIBRARY)
    rows = {row.code: row for row in session.scalars(select(LegalEntry))}
    differing = [
        rows[e.code]
        for e in entries
        if e.code in rows
        and not rows[e.code].deleted
        and content_sha256(_stored_content(rows[e.code])) != content_sha256(_installed_content(e))
    ]
    last_written = _last_builtin_digests(session, (row.id for row in differing))
    inserted: list[str] = []
    updated: list[str] = []
    kept: list[str] = []
    for entry in entries:
        content = _installed_content(entry)
        digest = content_sha256(content)
        row = rows.get(entry.code)
        if row is None:
            row = LegalEntry(id=content_id("legal_entries", entry.code), code=entry.code, **_written(entry))
            session.add(row)
            session.flush()
            record_event(
                session, INSTALL, ENTITY, row.id, actor=actor, detail={"code": entry.code, "sha256": digest}
            )
            inserted.append(entry.code)
            continue
        if row.deleted:
            kept.append(entry.code)
            continue
        stored_digest = content_sha256(_stored_content(row))
        if stored_digest == digest:
            continue
        if last_written.get(str(row.id)) != stored_digest:
            kept.append(entry.code)  # edited or verified by the office since the library wrote it
            continue
        written = _written(entry)
        changed = sorted(name for name, value in written.items() if getattr(row, name) != value)
        for name, value in written.items():
            setattr(row, name, value)
        session.flush()
        record_event(
            session,
            UPDATE,
            ENTITY,
            row.id,
            actor=actor,
            detail={
                "code": entry.code,
                "sha256": digest,
                "previous_sha256": stored_digest,
                "fields": changed,
            },
        )
        updated.append(entry.code)
    return LibraryInstall(tuple(inserted), tuple(updated), tuple(kept))


def install_builtin_library(session: Session, folder: Path) -> LibraryInstall:
    return install_library(session, load_library(folder / LIBRARY_FILE))


def _row(entry: LegalEntry) -> LegalEntryRow:
    basis = LegalBasis(
        code=entry.code,
        regulation=entry.regulation,
        edition=entry.edition,
        article=entry.article,
        requirement_zh=entry.requirement_zh,
        requirement_en=entry.requirement_en,
        provenance=entry.provenance,
        verified=bool(entry.verified),
        in_force=bool(entry.in_force),
        superseded_by=entry.superseded_by,
    )
    return LegalEntryRow(
        code=entry.code,
        regulation=entry.regulation,
        edition=entry.edition,
        article=entry.article,
        requirement_zh=entry.requirement_zh,
        requirement_en=entry.requirement_en,
        provenance=entry.provenance,
        verified=bool(entry.verified),
        verified_by=entry.verified_by,
        verified_at=entry.verified_at,
        revision=entry.revision,
        citation_zh=citation_zh(basis),
        in_force=bool(entry.in_force),
        superseded_by=entry.superseded_by,
    )


def list_entries(session: Session) -> list[LegalEntryRow]:
    rows = session.scalars(select(LegalEntry).where(LegalEntry.deleted.is_(False)).order_by(LegalEntry.code))
    return [_row(r) for r in rows]


def get_entry(session: Session, code: str) -> LegalEntryRow:
    return _row(_entry(session, code))


def _entry(session: Session, code: str) -> LegalEntry:
    row = session.scalar(select(LegalEntry).where(LegalEntry.code == code, LegalEntry.deleted.is_(False)))
    if row is None:
        raise NotFoundError(f"依据库中没有 {code} (no legal-basis entry {code})")
    return row


def check_actor(actor: str) -> str:
    """Who changes or vouches for the library must be named, within what the audit trail keeps."""
    who = actor.strip()
    if not who:
        raise ValidationError("须注明操作人 (say who makes the change)", field="actor")
    if len(who) > 50:
        raise ValidationError("操作人超过50个字符 (name longer than 50 characters)", field="actor")
    return who


def verify_entry(session: Session, code: str, *, actor: str) -> LegalEntryRow:
    """Mark an entry as checked against the published text, by `actor` now. Verifying again by the same
    person changes nothing; another person's verification replaces the verifier and the time."""
    require(session, Permission.LEGAL_LIBRARY)
    who = check_actor(actor)
    row = _entry(session, code)
    if row.verified and row.verified_by == who:
        return _row(row)
    previous = {"verified": bool(row.verified), "verified_by": row.verified_by}
    row.verified = True
    row.verified_by = who
    row.verified_at = utcnow()
    session.flush()
    record_event(session, VERIFY, ENTITY, row.id, actor=who, detail={"code": code, "previous": previous})
    return _row(row)


def unverified_codes(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(LegalEntry.code).where(LegalEntry.deleted.is_(False), LegalEntry.verified.is_(False))
        )
    )


def library_codes(session: Session) -> set[str]:
    """Every code a template may cite (what validate_template takes as known_basis)."""
    return set(session.scalars(select(LegalEntry.code).where(LegalEntry.deleted.is_(False))))
