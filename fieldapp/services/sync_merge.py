"""Merging the records of a sync workbook into the database: by id and version vector, in one transaction.

For each incoming record against the stored one:
- not stored here: inserted;
- the same version, or one this device has already moved past: unchanged;
- a later version of the stored one: applied;
- both changed apart (neither version vector contains the other): one deterministic rule picks the
  version to keep — the greater (status rank, modified_at, modified_by, digest), so every replica picks
  the same one whatever order the bundles arrive in — and every field where the other version differed
  is written to the conflicts table with the value that lost: nothing is overwritten silently.

A person's edit in Excel or LibreOffice (found by the reader from the row digest) is a new version made
on top of the exported one, by an editor named after the export and the save, so importing the same
edited file twice, or on two devices, gives the same version.

What a finalized inspection sealed cannot change by an import: such a change is rejected and named, and
the version that sealed it wins any conflict about it."""

from __future__ import annotations

import gc
import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import bindparam

from fieldapp.domain.enums import InspectionStatus
from fieldapp.services.sync_specs import sheet_specs, synced_tables
from fieldapp.store.engine import DEVICE_CODE, effective_clock
from fieldapp.store.types import utcnow
from fieldapp.sync import labels
from fieldapp.sync.reader import Record
from fieldapp.sync.spec import SheetSpec, canonical, canonical_of
from fieldapp.workbook.problems import WorkbookProblem

CONFLICT_NAMESPACE = uuid.UUID("0c2f8a4e-3d7b-4b8e-a1f6-9e5d2c7b4a10")
_CHUNK = 500
_INSERT_BATCH = 5000
# New records the import report lists one by one, at most: a first import into an empty database adds
# hundreds of thousands, a list nobody reads that would cost more time and memory than the import. The
# count is always exact; updates (what people check) are always listed in full.
LISTED_INSERTS = 5000
_TICK = timedelta(milliseconds=1)
_SEALED = (InspectionStatus.FINALIZED.value, InspectionStatus.VOIDED.value)
_STATUS_RANK = {
    InspectionStatus.IN_PROGRESS.value: 0,
    InspectionStatus.FINALIZED.value: 1,
    InspectionStatus.VOIDED.value: 2,
}
# Records that belong to one inspection and are part of what its finalize sealed.
_SEALED_CHILDREN = ("answers", "inspection_inspectors", "signatures", "rule_dismissals", "photos")
# What may still change on a sealed record: a finding's follow-up, a notice's voiding, the voiding itself.
_FOLLOW_UP = {
    # current_deadline: the deadline in force, which notifying or reopening may move after the finalize
    # (services.finding_lifecycle); the printed one (`deadline`) stays sealed. Found by the sync simulation.
    "findings": frozenset({"status", "status_changed_at", "current_deadline"}),
    "notices": frozenset({"status", "void_reason"}),
    "inspections": frozenset({"status", "voided_at", "void_reason"}),
}
# System records: merged newest-wins without conflict records of their own.
_NO_CONFLICT_RECORDS = frozenset({"conflicts", "audit_events"})


@dataclass(frozen=True, slots=True)  # slots: an import into an empty database makes one per record
class Change:
    table: str
    row: int
    id: uuid.UUID
    action: str  # inserted / updated
    fields: tuple[str, ...] = ()
    edited: bool = False  # the change was a person's edit in the workbook


@dataclass(frozen=True, slots=True)
class ConflictNote:
    table: str
    row: int
    id: uuid.UUID
    field: str
    kept: str
    lost: str
    lost_from: str


@dataclass(frozen=True, slots=True)
class Rejection:
    table: str
    row: int
    id: uuid.UUID
    message: str


@dataclass
class MergeResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)
    unlisted_inserts: int = 0  # new records beyond LISTED_INSERTS, counted in `inserted` but not in changes
    conflicts: list[ConflictNote] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    problems: list[WorkbookProblem] = field(default_factory=list)
    photos: set[str] = field(default_factory=set)  # photo files the applied records need
    evidence: set[tuple[str, str]] = field(default_factory=set)  # (sha256, suffix) of evidence files


@contextmanager
def bulk_work() -> Iterator[None]:
    """Python's cycle collector paused for an import: reading and merging a sheet build up to hundreds of
    thousands of records that stay alive until the sheet is merged, and the collector would walk them
    again and again (a quarter of a big import's time) and find nothing: records, rows and values make no
    cycles. The import collects at its own times instead (after opening the workbook and after each
    sheet); the collector runs again afterwards, as it was before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def compare_clocks(a: dict[str, int], b: dict[str, int]) -> str:
    """'equal', 'before' (a is contained in b), 'after', or 'concurrent'."""
    keys = a.keys() | b.keys()
    less = any(a.get(k, 0) < b.get(k, 0) for k in keys)
    more = any(a.get(k, 0) > b.get(k, 0) for k in keys)
    if less and more:
        return "concurrent"
    if less:
        return "before"
    if more:
        return "after"
    return "equal"


def _max_clock(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in a.keys() | b.keys()}


@dataclass
class _Version:
    values: dict[str, Any]
    clock: dict[str, int]
    modified_at: datetime
    modified_by: str
    digest: str
    sealed_side: bool = False  # this version belongs to the side whose inspection is sealed


def _digest(spec: SheetSpec, values: dict[str, Any]) -> str:
    joined = "".join(form(values.get(key)) + "\x1f" for key, form in _canonicals(spec))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


_CANONICALS: dict[int, tuple[SheetSpec, list[tuple[str, Callable[[Any], str]]]]] = {}
# Values of these types that are equal have the same canonical form (not so Decimal: 1.0 and 1.00; nor
# JSON: 1 and 1.0), which spares working it out for every field of every record an import compares.
_PLAINLY_EQUAL = frozenset({str, int, bool, uuid.UUID, datetime, date, type(None)})


def _canonicals(spec: SheetSpec) -> list[tuple[str, Callable[[Any], str]]]:
    """(key, canonical form) of each of the sheet's columns, worked out once per sheet."""
    known = _CANONICALS.get(id(spec))
    if known is None or known[0] is not spec:
        known = _CANONICALS[id(spec)] = (spec, [(c.key, canonical_of(c)) for c in spec.columns])
    return known[1]


def _differing(spec: SheetSpec, mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The columns whose values differ (in canonical form: what a spreadsheet can tell apart)."""
    keys = []
    for key, form in _canonicals(spec):
        a, b = mine[key], theirs.get(key)
        if a is b or (type(a) is type(b) and type(a) in _PLAINLY_EQUAL and a == b):
            continue
        if form(a) != form(b):
            keys.append(key)
    return keys


def _winner_key(table: str, version: _Version) -> tuple[Any, ...]:
    rank = _STATUS_RANK.get(str(version.values.get("status")), 0) if table == "inspections" else 0
    return (version.sealed_side, rank, version.modified_at, version.modified_by, version.digest)


class Merger:
    def __init__(self, session: Session, source: str, editor: str, edited_at: datetime) -> None:
        self.session = session
        self.source = source  # the file or device the records come from, for the conflicts table
        self.editor = editor  # who a person's edit in the workbook is attributed to
        self.edited_at = edited_at
        self.device = str(session.info.get(DEVICE_CODE, ""))
        self.now = utcnow()
        self.result = MergeResult()
        self.specs = sheet_specs()
        self.tables = {t.name: t for t in synced_tables()}
        self.incoming_ids: dict[str, set[uuid.UUID]] = {}
        self.sealed_here: set[uuid.UUID] = set()
        self.sealed_there: set[uuid.UUID] = set()
        self._conflict_rows: list[dict[str, Any]] = []
        self._looked_up = {c.references for spec in self.specs.values() for c in spec.columns if c.references}

    # --- entry ------------------------------------------------------------------------------------

    def begin(self) -> None:
        self.sealed_here = set(
            self.session.scalars(
                select(self.tables["inspections"].c.id).where(
                    self.tables["inspections"].c.status.in_(_SEALED)
                )
            )
        )

    def merge_sheet(self, table: str, records: list[Record]) -> None:
        """Check one sheet's records and merge them. Sheets come parents first (the order of the specs): the
        records they refer to were merged before them, or are in the database, or the reference is a problem.
        Nothing of a sheet is written when it has a problem; the caller rolls back what earlier sheets
        wrote (an import is one transaction) and reads on only to report the other sheets' problems."""
        spec = self.specs[table]
        # The ids of the tables other records refer to, or with unique columns: what the checks look up
        # (not those of the answers, say: a few MB less in a big import).
        if table in self._looked_up or spec.unique:
            self.incoming_ids[table] = {r.id for r in records}
        if table == "inspections":
            self.sealed_there = {
                r.id for r in records if str(r.values.get("status")) in _SEALED and not r.edited
            }
        self._check_references(spec, records)
        self._check_unique(spec, records)
        if self.result.problems or not records:
            return
        self._merge_table(self.tables[table], spec, records)

    def finish(self) -> MergeResult:
        if self._conflict_rows:
            self._write_conflicts()
        return self.result

    # --- checks before anything is written ----------------------------------------------------------

    def _problem(self, spec: SheetSpec, record: Record, column: str, message: str) -> None:
        self.result.problems.append(WorkbookProblem(self.source, spec.title, record.row, column, message))

    def _existing_ids(self, table: Table, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        wanted = list(ids)
        found: set[uuid.UUID] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found.update(self.session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
        return found

    def _check_references(self, spec: SheetSpec, records: list[Record]) -> None:
        needed: dict[str, dict[uuid.UUID, tuple[Record, str]]] = {}
        references = [c for c in spec.columns if c.references]
        for record in records:
            for column in references:
                target = record.values.get(column.key)
                if target is None or column.references is None:
                    continue
                if target in self.incoming_ids.get(column.references, ()):
                    continue
                needed.setdefault(column.references, {}).setdefault(target, (record, column.key))
        for target_table, wanted in needed.items():
            present = self._existing_ids(self.tables[target_table], wanted)
            for target, (record, key) in wanted.items():
                if target not in present:
                    what = labels.SHEET_TITLES.get(target_table, target_table)
                    self._problem(
                        spec,
                        record,
                        key,
                        f"引用的{what} {target} 既不在本文件中，也不在数据库中 "
                        "(refers to a record that does not exist)",
                    )

    def _check_unique(self, spec: SheetSpec, records: list[Record]) -> None:
        table = self.tables[spec.table]
        for key in spec.unique:
            column = table.c[key]
            by_value = {
                r.values.get(key): r
                for r in records
                if not r.values.get("deleted") and r.values.get(key) not in (None, "")
            }
            values = list(by_value)
            for start in range(0, len(values), _CHUNK):
                chunk = values[start : start + _CHUNK]
                query = select(column, table.c.id).where(column.in_(chunk), table.c.deleted.is_(False))
                for value, local_id in self.session.execute(query).all():
                    record = by_value[value]
                    if local_id != record.id and local_id not in self.incoming_ids[spec.table]:
                        self._problem(
                            spec,
                            record,
                            key,
                            f"{labels.column_label(spec.table, key)} {value} 已属于数据库中的另一条记录"
                            f"（编号 {local_id}）(already used by another record)",
                        )

    # --- one table ------------------------------------------------------------------------------------

    def _local_rows(self, table: Table, ids: list[uuid.UUID]) -> _StoredRows:
        return _StoredRows(self.session, table, ids)

    def _incoming_version(self, spec: SheetSpec, record: Record) -> _Version:
        clock = dict(record.clock) or {record.modified_by or "?": record.revision or 1}
        modified_at = record.modified_at or self.edited_at
        modified_by = record.modified_by
        if record.edited:
            clock = {} if record.added else clock
            clock[self.editor] = clock.get(self.editor, 0) + 1
            modified_at = max(self.edited_at, modified_at + _TICK) if record.modified_at else self.edited_at
            modified_by = self.editor
        # The digest decides only between versions of a stored record: worked out when one is (see below).
        return _Version(dict(record.values), clock, modified_at, modified_by, "")

    def _parent_inspection(
        self, table: str, values: dict[str, Any], record_id: uuid.UUID
    ) -> uuid.UUID | None:
        if table == "inspections":
            return record_id
        if table in _SEALED_CHILDREN or table in _FOLLOW_UP:
            parent = values.get("inspection_id")
            return parent if isinstance(parent, uuid.UUID) else None
        return None

    def _merge_table(self, table: Table, spec: SheetSpec, records: list[Record]) -> None:
        local = self._local_rows(table, [r.id for r in records])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for record in records:
            incoming = self._incoming_version(spec, record)
            stored = local.get(record.id)
            parent = self._parent_inspection(spec.table, stored or incoming.values, record.id)
            sealed_here = parent in self.sealed_here if parent else False
            if stored is None:
                if sealed_here and spec.table != "inspections":
                    self._reject(
                        spec,
                        record,
                        "该检查已完成并封存，不能再添加记录 "
                        "(the inspection is finalized: nothing can be added)",
                    )
                    continue
                inserts.append(self._row(spec, record.id, incoming))
                if len(inserts) >= _INSERT_BATCH and spec.table != "photos":  # photos: parents first, below
                    self._write(table, spec, inserts, [])  # as they come: memory stays flat
                    inserts = []
                self.result.inserted += 1
                if self.result.inserted - self.result.unlisted_inserts <= LISTED_INSERTS:
                    self.result.changes.append(
                        Change(spec.table, record.row, record.id, "inserted", (), record.edited)
                    )
                else:
                    self.result.unlisted_inserts += 1
                self._note_photo(spec, incoming.values)
                continue
            mine = _Version(
                {c.key: stored[c.key] for c in spec.columns},
                effective_clock(stored["clock"], stored["modified_by"], stored["revision"]),
                stored["modified_at"],
                stored["modified_by"],
                "",
            )
            differing = _differing(spec, mine.values, incoming.values)
            order = compare_clocks(mine.clock, incoming.clock)
            if (order == "equal" and not differing) or order == "after":
                self.result.unchanged += 1
                continue
            mine.digest, incoming.digest = _digest(spec, stored), _digest(spec, incoming.values)
            if not differing:
                # The same content reached both sides by different ways (each device installs the built-in
                # checklists, say): only the version vectors merge, so neither looks newer next time.
                same = _Version(
                    mine.values,
                    _max_clock(mine.clock, incoming.clock),
                    *max((mine.modified_at, mine.modified_by), (incoming.modified_at, incoming.modified_by)),
                    mine.digest,
                )
                updates.append(self._row(spec, record.id, same))
                self.result.unchanged += 1
                continue
            locked = self._locked_fields(spec.table, differing, sealed_here, stored, incoming.values)
            if order == "before":
                if locked:
                    self._reject_locked(spec, record, locked, mine, incoming)
                    continue
                updates.append(self._row(spec, record.id, incoming))
                self._count_update(spec, record, differing)
                self._note_photo(spec, incoming.values)
                continue
            # Changed on both sides (or the same version with other content: a copied data folder).
            # What a finalize sealed is decided by the side that sealed it, on every replica alike.
            if sealed_here and (spec.table in _SEALED_CHILDREN or locked):
                mine.sealed_side = True
            elif (
                not sealed_here
                and parent in self.sealed_there
                and (spec.table in _SEALED_CHILDREN or spec.table in _FOLLOW_UP)
            ):
                # Only when this side has not sealed it: when both have (two devices following up the same
                # finding), the incoming version won on each side, so each took the other's and they never
                # agreed; then the ordinary rule decides. Found by the sync simulation.
                incoming.sealed_side = True
            keep_incoming = _winner_key(spec.table, incoming) > _winner_key(spec.table, mine)
            winner, loser = (incoming, mine) if keep_incoming else (mine, incoming)
            merged = _Version(
                winner.values,
                _max_clock(mine.clock, incoming.clock),
                winner.modified_at,
                winner.modified_by,
                winner.digest,
            )
            for key in differing:
                column = spec.column_index[key]
                self._conflict(
                    spec,
                    record,
                    key,
                    canonical(column, winner.values.get(key)),
                    canonical(column, loser.values.get(key)),
                    loser.modified_by,
                    max(winner.modified_at, loser.modified_at),
                )
            updates.append(self._row(spec, record.id, merged))
            if keep_incoming:
                self._count_update(spec, record, differing)
                self._note_photo(spec, incoming.values)
            else:
                self.result.unchanged += 1
        self._write(table, spec, inserts, updates)

    def _count_update(self, spec: SheetSpec, record: Record, differing: list[str]) -> None:
        self.result.updated += 1
        self.result.changes.append(
            Change(spec.table, record.row, record.id, "updated", tuple(differing), record.edited)
        )

    def _locked_fields(
        self,
        table: str,
        differing: list[str],
        sealed_here: bool,
        stored: dict[str, Any],
        incoming: dict[str, Any],
    ) -> list[str]:
        if not sealed_here or not differing:
            return []
        if table in _SEALED_CHILDREN:
            return differing
        allowed = _FOLLOW_UP.get(table)
        if allowed is None:
            return []
        locked = [key for key in differing if key not in allowed]
        if table == "inspections" and not locked:
            # A sealed inspection may only go on to be voided, never back.
            now_status, new_status = str(stored["status"]), str(incoming.get("status"))
            if _STATUS_RANK.get(new_status, 0) < _STATUS_RANK.get(now_status, 0):
                locked = ["status"]
        return locked

    def _reject_locked(
        self, spec: SheetSpec, record: Record, locked: list[str], mine: _Version, incoming: _Version
    ) -> None:
        names = "、".join(labels.column_label(spec.table, key) for key in locked)
        self._reject(
            spec,
            record,
            f"该检查已完成并封存，不能通过导入修改：{names} "
            "(a finalized inspection cannot be changed by an import)",
        )
        for key in locked:
            column = spec.column_index[key]
            self._conflict(
                spec,
                record,
                key,
                canonical(column, mine.values.get(key)),
                canonical(column, incoming.values.get(key)),
                incoming.modified_by,
                max(mine.modified_at, incoming.modified_at),
            )

    def _reject(self, spec: SheetSpec, record: Record, message: str) -> None:
        self.result.rejections.append(Rejection(spec.table, record.row, record.id, message))

    def _note_photo(self, spec: SheetSpec, values: dict[str, Any]) -> None:
        if spec.table == "photos" and not values.get("deleted"):
            self.result.photos.add(str(values["sha256"]))
        elif spec.table == "finding_evidence" and not values.get("deleted"):
            self.result.evidence.add((str(values["sha256"]), str(values["suffix"])))

    # --- writing ----------------------------------------------------------------------------------------

    def _row(self, spec: SheetSpec, record_id: uuid.UUID, version: _Version) -> dict[str, Any]:
        row = {c.key: version.values.get(c.key) for c in spec.columns}
        row.update(
            id=record_id,
            clock=version.clock,
            revision=sum(version.clock.values()),
            modified_at=version.modified_at,
            modified_by=version.modified_by,
            stored_at=self.now,
        )
        return row

    def _write(
        self, table: Table, spec: SheetSpec, inserts: list[dict[str, Any]], updates: list[dict[str, Any]]
    ) -> None:
        if spec.table == "photos":
            inserts = _parents_first(inserts)
        for start in range(0, len(inserts), 2000):
            self.session.execute(insert(table), inserts[start : start + 2000])
        if updates:
            keys = [k for k in updates[0] if k != "id"]
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({key: bindparam(f"_{key}") for key in keys})
            )
            rows = [{f"_{k}": v for k, v in row.items()} for row in updates]
            for start in range(0, len(rows), 2000):
                self.session.connection().execute(statement, rows[start : start + 2000])

    def _conflict(
        self, spec: SheetSpec, record: Record, key: str, kept: str, lost: str, lost_from: str, at: datetime
    ) -> None:
        self.result.conflicts.append(
            ConflictNote(spec.table, record.row, record.id, key, kept, lost, lost_from)
        )
        if spec.table in _NO_CONFLICT_RECORDS:
            return
        # Every replica that meets the same two versions writes the same conflict row (same id, content and
        # stamps, `at` being the later version's time), so conflict rows merge like any other record.
        identity = hashlib.sha256(
            "\x1f".join((spec.table, str(record.id), key, kept, lost)).encode()
        ).hexdigest()
        self._conflict_rows.append(
            {
                "id": uuid.uuid5(CONFLICT_NAMESPACE, identity),
                "entity": spec.table,
                "entity_id": str(record.id),
                "field": key,
                "kept_value": kept,
                "lost_value": lost,
                "lost_from": (lost_from or self.source)[:100],
                "detected_at": at,
                "resolved": False,
                "deleted": False,
                "revision": 1,
                "clock": {"sync": 1},
                "modified_at": at,
                "modified_by": "sync",
                "stored_at": self.now,
            }
        )

    def _write_conflicts(self) -> None:
        table = self.tables["conflicts"]
        unique = {row["id"]: row for row in self._conflict_rows}
        present = self._existing_ids(table, unique)
        fresh = [row for key, row in unique.items() if key not in present]
        if fresh:
            self.session.execute(insert(table), fresh)


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Photos in an order where an annotated copy comes after the photo it was drawn on."""
    pending = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    while pending:
        ready = [row for row in pending.values() if row.get("annotated_from_id") not in pending]
        if not ready:  # a cycle cannot come from the app; keep the rest as they are
            ready = list(pending.values())
        for row in ready:
            ordered.append(row)
            del pending[row["id"]]
    return ordered


class _StoredRows:
    """The stored rows of a table's incoming records, read a chunk at a time as the merge walks the records
    in their order: all of them at once would hold a second copy of a big import in memory. A record asked
    for out of that order is read alone."""

    def __init__(self, session: Session, table: Table, ids: list[uuid.UUID]) -> None:
        self.session = session
        self.table = table
        self.ids = ids
        self.next = 0  # where the next chunk starts in `ids`
        self.wanted: set[uuid.UUID] = set()  # the ids of the chunk in `rows`
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}
        # An empty table (a fresh device): nothing to look up.
        self.empty = session.scalar(select(table.c.id).limit(1)) is None

    def get(self, record_id: uuid.UUID) -> dict[str, Any] | None:
        if self.empty:
            return None
        if record_id not in self.wanted:
            if self.next < len(self.ids) and self.ids[self.next] == record_id:
                chunk = self.ids[self.next : self.next + _CHUNK]
                self.next += len(chunk)
                self.wanted, self.rows = set(chunk), self._read(chunk)
            else:
                return self._read([record_id]).get(record_id)
        return self.rows.get(record_id)

    def _read(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        query = select(self.table).where(self.table.c.id.in_(ids))
        return {row["id"]: dict(row) for row in self.session.execute(query).mappings()}
