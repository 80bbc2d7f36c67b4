"""A simulation of the sync (issue 7): an office and three tablets, each with its own SQLite database, data
folder and device code, start from the same records (made on the office and sent out in one bundle), then
change the same records offline through the real services (customer contacts, notes and address, equipment
fields, an inspector's phone, a finding's follow-up, voiding the inspection, deleting a customer or an
equipment row, and an office person's edit of a cell in an exported workbook) and exchange bundles, full or
incremental, in an order hypothesis chooses. In the end everyone exchanges with everyone, twice: first each
device exports everything and every other imports it, each merging on its own (a merge whose outcome
depends on the order of the bundles shows here: the records must already be the same everywhere); then
each tablet sends what changed to the office and the office sends everything to every tablet, which spreads
the conflict records and audit events of the first round. Then:

1. every replica holds the same data: for every synced table, the same rows by id, each with the same
   record columns (those of services.sync_specs.sheet_specs(), `deleted` among them), the same version
   vector and the same modified_at and modified_by; not stored_at (when this device stored the row: local
   by design). The conflicts table converges like any other (each device writes the conflicts it finds,
   under ids derived from what was kept and lost, so two devices finding the same conflict make the same
   record, whose detected_at the merge then settles like any field). The audit trail converges too,
   except for the "sync.import" events of the very last imports, which nobody else has been sent.

2. every overwritten value appears in a conflict record. The test keeps its own model of causality, apart
   from the app's version vectors:
   - a *write* is one field of one record changed by one user action (a service call on a device, or a
     person's edit of a cell in an exported workbook), found by comparing the device's records before and
     after the action; its value is the field's canonical text (sync.spec.canonical: what the conflicts
     table stores);
   - each device *knows* a set of writes: its own, and, on importing a bundle, everything the exporting
     device knew when it exported (a bundle carries every row stored since the last export to that peer,
     and every export in this test to a peer is imported by it, so it carries the sender's whole
     knowledge). A write *has seen* what its author knew when making it; a person's edit in a workbook has
     seen what the office knew when it exported that workbook, and the edited file carries that and the
     edit;
   - at the end, for every write whose value is not the field's final value, either a write on the same
     field had seen it (it was overwritten knowingly, as a person intends), or a conflict record names that
     table, record, field and the value as `lost_value`. Anything else is a value lost silently.

The merge compares whole rows, so a concurrent edit of *another* field of the same record also puts the
losing version's differing fields into the conflicts table: those records are expected, and the check
does not forbid extra ones. No import may reject a record: every change here is one the app allows.

Size: each export or import of these few dozen rows costs ~0.2-0.3 s of CPU (openpyxl's fixed cost per
sheet), ~25 of them per example, so an example takes ~4 s of CPU. FIELDAPP_SYNC_SIM_EXAMPLES sets the
number of examples (12 by default) for a thorough run; a failing example prints as the list of operations
that makes it."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings, target
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from testkit import SAMPLE_CUSTOMERS, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import template_from_document
from fieldapp.domain.enums import EquipmentKind, EquipmentStatus, FindingStatus, InspectorGrade
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.domain.finding_lifecycle import allowed_steps
from fieldapp.paths import data_paths
from fieldapp.services.audit import apply_changes
from fieldapp.services.backend import Backend
from fieldapp.services.customers import create_customer, update_customer
from fieldapp.services.equipment import EquipmentFields, add_equipment, update_equipment
from fieldapp.services.finding_lifecycle import Step, take_step
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    start_inspection,
    void_inspection,
)
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import ImportReport, import_file
from fieldapp.services.sync_specs import sheet_specs, synced_tables
from fieldapp.services.templates import install_template
from fieldapp.store.engine import Database, effective_clock
from fieldapp.store.migrate import upgrade_database
from fieldapp.store.models import Customer, Equipment, Finding, Inspector
from fieldapp.sync.bundle import DATA
from fieldapp.sync.labels import key_of_header
from fieldapp.sync.spec import canonical, clock_text
from fieldapp.workbook.writing import set_text

OFFICE = "OFFICE"
TABLETS = ("TAB1", "TAB2", "TAB3")
REPLICAS = (OFFICE, *TABLETS)
LOGS = ("audit_events", "conflicts")  # rows only ever added, each by the device it happened on

STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
STEP_DAY = date(2026, 6, 10)  # every follow-up step happens on this day (and it is "today" for them)
DEADLINE = STEP_DAY + timedelta(days=30)
NEW_DEADLINES = (None, STEP_DAY + timedelta(days=40), STEP_DAY + timedelta(days=60))

TINY_TEMPLATE = {
    "code": "SIM",
    "version": 1,
    "kind": "periodic",
    "title_zh": "同步模拟检查",
    "sections": [{"code": "A", "title_zh": "基本"}],
    "items": [
        {"code": "A01", "section": "A", "prompt_zh": "接地可靠"},
        {"code": "A02", "section": "A", "prompt_zh": "标识齐全"},
    ],
}

# What people type: few enough that two devices often type the same thing (the merge's "same content by
# two ways"), with text that must stay text (a leading "=" or zero, a line break) and emptying a field.
TEXT_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("customers", "contact_phone"): ("13800000001", "0531-8888001", "=1+1", ""),
    ("customers", "contact_name"): ("王经理", "李主任", "+赵工"),
    ("customers", "notes"): ("夜间检修", "两路电源\n第二行", "@备注", ""),
    ("customers", "address"): ("人民路1号", "创业路8号"),
    ("equipment", "model"): ("S11-M", "SCB13", "-型号"),
    ("equipment", "serial_no"): ("0012345", "A-77"),
    ("inspectors", "phone"): ("13700000007", "0531-6666"),
}
OTHER_VALUES: dict[tuple[str, str], tuple[Any, ...]] = {
    ("equipment", "capacity_kva"): (Decimal("400.0"), Decimal("630.5")),
    ("equipment", "status"): tuple(EquipmentStatus),
}
VALUES = {**TEXT_VALUES, **OTHER_VALUES}


def _examples() -> int:
    return int(os.environ.get("FIELDAPP_SYNC_SIM_EXAMPLES", "12"))


# --- the operations hypothesis chooses ---------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """A person edits one field of a record on a device, through its service."""

    replica: str
    table: str
    index: int
    field: str
    value: Any


@dataclass(frozen=True)
class Delete:
    """A person deletes a customer or an equipment row on a device (a tombstone)."""

    replica: str
    table: str
    index: int


@dataclass(frozen=True)
class FollowUp:
    """The next step of a finding's follow-up on a device (one of those the lifecycle allows now)."""

    replica: str
    index: int
    choice: int
    new_deadline: date | None


@dataclass(frozen=True)
class Exchange:
    """`source` exports a bundle for `target` (full, or what changed since the last one), `target`
    imports it."""

    source: str
    target: str
    full: bool


@dataclass(frozen=True)
class WorkbookEdit:
    """Someone at the office opens the workbook of an office export (the latest, or with `stale` the first
    one of this example: opened days ago), changes one text cell (openpyxl, the cell kept as text) and
    saves it; the edited .xlsx is imported on each of `importers` (the same file on two devices must give
    the same version)."""

    importers: tuple[str, ...]
    table: str
    index: int
    field: str
    value: str
    stale: bool = False


@dataclass(frozen=True)
class Void:
    """A device voids the finalized inspection, with a reason: its findings are no longer followed up
    there, while other devices may still be following them up."""

    replica: str
    reason: str


Operation = Edit | Delete | FollowUp | Exchange | WorkbookEdit | Void

_replicas = st.sampled_from(REPLICAS)
_index = st.integers(0, 1)  # two records of each kind: edits meet often


def _edits() -> st.SearchStrategy[Edit]:
    return st.sampled_from(sorted(VALUES)).flatmap(
        lambda key: st.builds(
            Edit, _replicas, st.just(key[0]), _index, st.just(key[1]), st.sampled_from(VALUES[key])
        )
    )


def _workbook_edits() -> st.SearchStrategy[WorkbookEdit]:
    importers = st.lists(st.sampled_from(REPLICAS), min_size=1, max_size=2, unique=True).map(tuple)
    return st.sampled_from(sorted(TEXT_VALUES)).flatmap(
        lambda key: st.builds(
            WorkbookEdit,
            importers,
            st.just(key[0]),
            _index,
            st.just(key[1]),
            st.sampled_from(TEXT_VALUES[key]),
            st.booleans(),
        )
    )


def _exchanges() -> st.SearchStrategy[Exchange]:
    pairs = [(a, b) for a in REPLICAS for b in REPLICAS if a != b]
    return st.builds(
        lambda pair, full: Exchange(pair[0], pair[1], full), st.sampled_from(pairs), st.booleans()
    )


OPERATIONS: st.SearchStrategy[Operation] = st.one_of(
    _edits(),
    _edits(),
    _edits(),
    st.builds(Delete, _replicas, st.sampled_from(("customers", "equipment")), _index),
    st.builds(FollowUp, _replicas, _index, st.integers(0, 1), st.sampled_from(NEW_DEADLINES)),
    st.builds(FollowUp, _replicas, _index, st.integers(0, 1), st.sampled_from(NEW_DEADLINES)),
    _exchanges(),
    _exchanges(),
    _workbook_edits(),
    st.builds(Void, _replicas, st.sampled_from(("重复录入", "客户信息有误"))),
)


# --- the model of causality -------------------------------------------------------------------------------


Key = tuple[str, str, str]  # table, record id, field


@dataclass(frozen=True)
class Write:
    number: int
    author: str  # the device, or the person who edited workbook n ("xl<n>")
    key: Key
    value: str  # canonical text
    seen: frozenset[int]  # the writes the author knew when making this one


@dataclass
class Causality:
    writes: list[Write] = field(default_factory=list)
    known: dict[str, set[int]] = field(default_factory=lambda: {r: set() for r in REPLICAS})

    def write(self, author: str, seen: frozenset[int], key: Key, value: str) -> Write:
        made = Write(len(self.writes), author, key, value, seen)
        self.writes.append(made)
        return made


Clocks = dict[tuple[str, str], dict[str, int]]  # (table, id) -> version vector


@dataclass(frozen=True)
class Sent:
    """A bundle (or workbook), what its exporting device knew, and the version vector of every row there."""

    path: Path
    knowledge: frozenset[int]
    clocks: Clocks


# --- the replicas -----------------------------------------------------------------------------------------


def open_replica(folder: Path, code: str) -> Backend:
    """A device: its data folder and database, with its own device code (as open_backend gives it, less
    the built-in checklists, whose rows would make every export several times slower)."""
    paths = data_paths(folder).ensure()
    return Backend(paths, Database(paths.sqlite_url(), device_code=code))


def record_values(session: Session) -> dict[Key, str]:
    """Every field of every synced record as canonical text, less the logs (never edited)."""
    specs = sheet_specs()
    values: dict[Key, str] = {}
    for table in synced_tables():
        if table.name in LOGS:
            continue
        columns = specs[table.name].columns
        for row in session.execute(select(table)).mappings():
            record = str(row["id"])
            for column in columns:
                values[(table.name, record, column.key)] = canonical(column, row[column.key])
    return values


def row_clocks(session: Session) -> Clocks:
    clocks: Clocks = {}
    for table in synced_tables():
        query = select(table.c.id, table.c.clock, table.c.modified_by, table.c.revision)
        for record, clock, modified_by, revision in session.execute(query):
            clocks[(table.name, str(record))] = effective_clock(clock, modified_by, revision)
    return clocks


@dataclass(frozen=True)
class ReplicaState:
    records: dict[str, dict[str, tuple[str, ...]]]  # table -> id -> record columns and clock, as text
    stamps: dict[str, dict[str, tuple[str, str]]]  # table -> id -> (modified_at, modified_by)


def replica_state(session: Session, *, left_out_imports: set[str]) -> ReplicaState:
    """What must be the same on every device: each synced row's record columns and version vector (and,
    apart, its modified_at and modified_by); not stored_at, which is when this device stored it. The
    "sync.import" audit events of the imports in `left_out_imports` (export ids) are left out."""
    specs = sheet_specs()
    left_out = {("sync.import", export_id) for export_id in left_out_imports}
    records: dict[str, dict[str, tuple[str, ...]]] = {}
    stamps: dict[str, dict[str, tuple[str, str]]] = {}
    for table in synced_tables():
        columns = specs[table.name].columns
        records[table.name], stamps[table.name] = {}, {}
        for row in session.execute(select(table)).mappings():
            if table.name == "audit_events" and (row["action"], row["entity_id"]) in left_out:
                continue
            record = str(row["id"])
            clock = clock_text(effective_clock(row["clock"], row["modified_by"], row["revision"]))
            records[table.name][record] = (*(canonical(c, row[c.key]) for c in columns), clock)
            stamps[table.name][record] = (
                row["modified_at"].astimezone(UTC).isoformat(),
                row["modified_by"],
            )
    return ReplicaState(records, stamps)


def lost_values(state: ReplicaState) -> set[tuple[str, str, str, str]]:
    """(table, record id, field, lost value) of every conflict record."""
    keys = [c.key for c in sheet_specs()["conflicts"].columns]
    at = {key: keys.index(key) for key in ("entity", "entity_id", "field", "lost_value")}
    return {
        (row[at["entity"]], row[at["entity_id"]], row[at["field"]], row[at["lost_value"]])
        for row in state.records["conflicts"].values()
    }


@dataclass(frozen=True)
class Base:
    """The starting point every example copies: four data folders holding the same records."""

    folder: Path
    ids: dict[str, tuple[uuid.UUID, ...]]  # customers, equipment, inspectors, findings, inspections


def _make_base(folder: Path) -> Base:
    golden = folder / "golden.sqlite3"
    database = Database(f"sqlite:///{golden.as_posix()}")
    upgrade_database(database.engine)
    database.dispose()
    replicas = {}
    for code in REPLICAS:
        paths = data_paths(folder / code).ensure()
        shutil.copyfile(golden, paths.database)
        replicas[code] = open_replica(folder / code, code)
    golden.unlink()
    office = replicas[OFFICE]
    try:
        with office.session() as session:
            inspectors = [
                create_inspector(session, f"YJ10{n}", name, f"用检证 鲁031510{n}", InspectorGrade.GRADE_1)
                for n, name in enumerate(("王建国", "李秀英"))
            ]
            customers = [create_customer(session, fields) for fields in SAMPLE_CUSTOMERS[:2]]
            equipment = [
                add_equipment(session, customer, EquipmentFields(kind=EquipmentKind.TRANSFORMER, model="S9"))
                for customer in customers
            ]
            template = install_template(
                session, template_from_document(TINY_TEMPLATE, "sim"), source="office"
            )
        with office.session() as session:
            inspection = start_inspection(session, customers[0], template, inspectors, started_at=STARTED)
            answer_every_item(session, inspection)
            findings = [
                add_finding(session, inspection, f"隐患{n}", requirement=f"整改{n}", deadline=DEADLINE)
                for n in range(2)
            ]
            sign_everyone(session, inspection)
            finalize_inspection(session, inspection, finalized_at=STARTED + timedelta(hours=3))
        bundle = folder / "start.fieldsync"
        office.call(export_bundle, bundle, office.paths.photos, full=True)
        for code in TABLETS:
            report = replicas[code].call(import_file, bundle, replicas[code].paths.photos)
            assert report.applied and not report.rejections, report.as_json()
    finally:
        for replica in replicas.values():
            replica.close()
    for leftover in folder.glob("start.*"):
        leftover.unlink()
    ids = {
        "customers": tuple(customers),
        "equipment": tuple(equipment),
        "inspectors": tuple(inspectors),
        "findings": tuple(findings),
        "inspections": (inspection,),
    }
    return Base(folder, {k: tuple(v) for k, v in ids.items()})


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    return _make_base(tmp_path_factory.mktemp("sync-sim-base"))


# --- what people do ---------------------------------------------------------------------------------------


def set_inspector_phone(session: Session, inspector_id: uuid.UUID, phone: str) -> None:
    """An inspector's phone changed (services.inspectors has no edit yet: the same audited change)."""
    inspector = session.get(Inspector, inspector_id)
    if inspector is None or inspector.deleted:
        raise NotFoundError(f"no inspector {inspector_id}")
    apply_changes(session, inspector, {"phone": phone}, "inspector.update", "inspector")


def delete_record(session: Session, model: type[Customer | Equipment], record_id: uuid.UUID) -> None:
    """A customer or equipment row deleted: a tombstone (no delete use case exists yet; the same audited
    change of `deleted`)."""
    row = session.get(Customer, record_id) if model is Customer else session.get(Equipment, record_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no {model.__tablename__} {record_id}")
    apply_changes(session, row, {"deleted": True}, f"{model.__tablename__}.delete", model.__tablename__)


def follow_up(
    session: Session, finding_id: uuid.UUID, choice: int, new_deadline: date | None
) -> FindingStatus:
    finding = session.get(Finding, finding_id)
    assert finding is not None
    steps = allowed_steps(finding.status)
    target = steps[choice % len(steps)]
    deadline = new_deadline if target in (FindingStatus.NOTIFIED, FindingStatus.REOPENED) else None
    note = {FindingStatus.FIX_REPORTED: "客户报告已整改", FindingStatus.REOPENED: "复核未通过"}.get(
        target, ""
    )
    take_step(
        session,
        finding_id,
        Step(target, STEP_DAY, "BG01 陈敏", note=note, new_deadline=deadline),
        today=STEP_DAY,
    )
    return target


class Simulation:
    def __init__(self, base: Base, folder: Path) -> None:
        shutil.copytree(base.folder, folder)
        self.ids = base.ids
        self.folder = folder
        self.bundles = folder / "bundles"
        self.bundles.mkdir()
        self.replicas = {code: open_replica(folder / code, code) for code in REPLICAS}
        self.model = Causality()
        self.files = 0
        self.office_exports: list[Sent] = []
        self.log: list[str] = []

    def close(self) -> None:
        for replica in self.replicas.values():
            replica.close()

    def _file(self, suffix: str) -> Path:
        self.files += 1
        return self.bundles / f"x{self.files:03d}{suffix}"

    # one user action on one device, with the writes it made

    def act(self, code: str, action: Callable[..., Any], *args: Any) -> None:
        replica = self.replicas[code]
        before = replica.call(record_values)
        try:
            replica.call(action, *args)
        except (NotFoundError, ValidationError, LockedError) as refused:
            self.log.append(f"{code}: refused ({refused})")
            return
        after = replica.call(record_values)
        seen = frozenset(self.model.known[code])
        for key in sorted(after):
            if before.get(key) != after[key]:
                made = self.model.write(code, seen, key, after[key])
                self.model.known[code].add(made.number)
                self.log.append(f"{code}: w{made.number} {key[0]}.{key[2]}[{key[1][:8]}] = {after[key]!r}")

    def run(self, operation: Operation) -> None:
        if isinstance(operation, Edit):
            record = self.ids[operation.table][operation.index]
            if operation.table == "customers":
                self.act(operation.replica, update_customer, record, {operation.field: operation.value})
            elif operation.table == "equipment":
                self.act(operation.replica, update_equipment, record, {operation.field: operation.value})
            else:
                self.act(operation.replica, set_inspector_phone, record, operation.value)
        elif isinstance(operation, Delete):
            model = Customer if operation.table == "customers" else Equipment
            self.act(operation.replica, delete_record, model, self.ids[operation.table][operation.index])
        elif isinstance(operation, FollowUp):
            finding = self.ids["findings"][operation.index]
            self.act(operation.replica, follow_up, finding, operation.choice, operation.new_deadline)
        elif isinstance(operation, Exchange):
            self.exchange(operation.source, operation.target, full=operation.full)
        elif isinstance(operation, Void):
            self.act(operation.replica, void_inspection, self.ids["inspections"][0], operation.reason)
        else:
            self.workbook_edit(operation)

    # exchanges

    def export(self, code: str, *, peer: str = "", full: bool = True) -> Sent:
        path = self._file(".fieldsync")
        replica = self.replicas[code]
        summary = replica.call(export_bundle, path, replica.paths.photos, peer=peer or None, full=full)
        sent = Sent(path, frozenset(self.model.known[code]), replica.call(row_clocks))
        if code == OFFICE and summary.full:
            self.office_exports.append(sent)  # a workbook someone may open later
        return sent

    def import_(self, code: str, sent: Sent, *, edit: Write | None = None) -> ImportReport:
        replica = self.replicas[code]
        report = replica.call(import_file, sent.path, replica.paths.photos)
        assert report.applied, report.as_json()
        assert not report.rejections, report.as_json()  # every change here is one the app allows
        # What the model assumes of a bundle, checked on the version vectors: the importing device now has
        # every version the exporting one had, or a later one (for an incremental bundle too).
        clocks = replica.call(row_clocks)
        behind = [
            (key, clock, clocks.get(key))
            for key, clock in sent.clocks.items()
            if any(clocks.get(key, {}).get(device, 0) < n for device, n in clock.items())
        ]
        assert not behind, f"{code} did not get everything {sent.path.name} had: {behind[:5]}"
        self.model.known[code] |= sent.knowledge | ({edit.number} if edit else set())
        self.log.append(
            f"{code} imports {sent.path.name}: +{report.inserted} ~{report.updated} ={report.unchanged} "
            f"conflicts {[(c.table, c.field, c.kept, c.lost) for c in report.conflict_notes]}"
        )
        return report

    def exchange(self, source: str, target: str, *, full: bool) -> None:
        sent = self.export(source, peer=target, full=full)
        self.log.append(f"{source} -> {target} ({'full' if full else 'changes'})")
        self.import_(target, sent)

    def workbook_edit(self, operation: WorkbookEdit) -> None:
        sent = self.office_exports[0] if operation.stale and self.office_exports else self.export(OFFICE)
        workbook_path = self._file(".xlsx")
        with zipfile.ZipFile(sent.path) as archive:
            workbook_path.write_bytes(archive.read(DATA))
        record = str(self.ids[operation.table][operation.index])
        workbook = load_workbook(workbook_path)
        sheet = next(s for s in workbook.worksheets if key_of_header(s.title) == operation.table)
        header = {key_of_header(str(cell.value)): cell.column for cell in sheet[1]}
        row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, header["id"]).value == record)
        cell = sheet.cell(row, header[operation.field])
        if str(cell.value or "") == operation.value:
            self.log.append(f"workbook {workbook_path.name}: {operation.field} already {operation.value!r}")
            return
        set_text(cell, operation.value)
        workbook.save(workbook_path)
        made = self.model.write(
            f"xl{self.files}", sent.knowledge, (operation.table, record, operation.field), operation.value
        )
        self.log.append(
            f"a person edits {workbook_path.name} (from {sent.path.name}): w{made.number} "
            f"{operation.table}.{operation.field}[{record[:8]}] = {operation.value!r}"
        )
        edited = Sent(workbook_path, sent.knowledge, sent.clocks)
        for importer in operation.importers:
            self.import_(importer, edited, edit=made)

    def converge(self) -> set[str]:
        """Everyone exchanges with everyone, twice. First each device exports everything and every other
        imports it, each merging on its own: a merge whose outcome depends on the order of the bundles
        shows as records that differ after this round. Then the conflict records and audit events made in
        that round are spread: each tablet sends what changed to the office, the office sends everything
        to every tablet. Returns the export ids of the last bundle (whose imports nobody else has seen)."""
        bundles = {code: self.export(code) for code in REPLICAS}
        for receiver in REPLICAS:
            for source in REPLICAS:
                if source != receiver:
                    self.import_(receiver, bundles[source])
        self.check_records(self.states(set()), "after one round of everyone with everyone", leave_out=LOGS)
        for code in TABLETS:
            self.exchange(code, OFFICE, full=False)
        everything = self.export(OFFICE)
        return {self.import_(code, everything).export_id for code in TABLETS}

    # the checks

    def states(self, left_out_imports: set[str]) -> dict[str, ReplicaState]:
        return {
            code: self.replicas[code].call(replica_state, left_out_imports=left_out_imports)
            for code in REPLICAS
        }

    def check_records(
        self, states: dict[str, ReplicaState], when: str, *, leave_out: tuple[str, ...] = ()
    ) -> None:
        office = states[OFFICE]
        for code in TABLETS:
            state = states[code]
            for table in sorted(office.records):
                if table in leave_out:
                    continue
                mine, theirs = office.records[table], state.records[table]
                differing = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
                assert not differing, _difference(f"{table} {when}", code, differing, mine, theirs, self.log)
                assert state.stamps[table] == office.stamps[table], _difference(
                    f"{table} modified_at/modified_by {when}",
                    code,
                    sorted(k for k in mine if office.stamps[table][k] != state.stamps[table][k]),
                    office.stamps[table],
                    state.stamps[table],
                    self.log,
                )

    def check(self, last_exports: set[str]) -> int:
        """The final checks; returns the number of conflict records."""
        states = self.states(last_exports)
        self.check_records(states, "at the end")
        self.check_nothing_lost(states[OFFICE])
        return len(states[OFFICE].records["conflicts"])

    def check_nothing_lost(self, state: ReplicaState) -> None:
        final = self.replicas[OFFICE].call(record_values)
        lost = lost_values(state)
        by_key: dict[Key, list[Write]] = {}
        for write in self.model.writes:
            by_key.setdefault(write.key, []).append(write)
        silent = []
        for write in self.model.writes:
            if final.get(write.key) == write.value:
                continue
            overwritten = any(write.number in later.seen for later in by_key[write.key])
            if not overwritten and (*write.key, write.value) not in lost:
                silent.append(write)
        assert not silent, (
            "values lost without a conflict record:\n"
            + "\n".join(
                f"  w{w.number} by {w.author}: {w.key} = {w.value!r} (final {final.get(w.key)!r})"
                for w in silent
            )
            + "\n"
            + "\n".join(self.log)
        )


def _difference(
    table: str, code: str, ids: list[str], office: dict[str, Any], other: dict[str, Any], log: list[str]
) -> str:
    lines = [f"{table}: {code} differs from the office"]
    for record in ids[:5]:
        lines.append(f"  {record}\n    office: {office.get(record)}\n    {code}: {other.get(record)}")
    return "\n".join([*lines, *log])


@pytest.fixture(scope="module")
def examples_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sync-sim")


@settings(
    max_examples=_examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=10))
@example(  # every kind of operation, on every run: edits that meet, a deletion, a stale workbook
    operations=[
        Edit("TAB1", "customers", 0, "contact_phone", "13800000001"),
        Edit("TAB2", "customers", 0, "contact_phone", "=1+1"),
        Edit("TAB3", "customers", 0, "notes", "两路电源\n第二行"),
        Delete("TAB3", "equipment", 0),
        Edit("TAB1", "equipment", 0, "capacity_kva", Decimal("630.5")),
        FollowUp("TAB1", 0, 0, NEW_DEADLINES[1]),
        FollowUp("TAB2", 0, 0, None),
        Exchange("TAB1", "TAB2", full=False),
        WorkbookEdit(("OFFICE", "TAB3"), "customers", 0, "contact_name", "+赵工"),
        Edit("OFFICE", "inspectors", 0, "phone", "0531-6666"),
        Void("TAB3", "重复录入"),
        WorkbookEdit(("TAB2",), "equipment", 1, "model", "-型号", stale=True),
    ]
)
def test_replicas_converge_and_no_value_is_lost_silently(
    base: Base, examples_root: Path, operations: list[Operation]
) -> None:
    simulation = Simulation(base, Path(tempfile.mkdtemp(dir=examples_root)) / "world")
    try:
        for operation in operations:
            simulation.run(operation)
        conflicts = simulation.check(simulation.converge())
    finally:
        simulation.close()
        shutil.rmtree(simulation.folder.parent, ignore_errors=True)
    # Steer hypothesis towards examples where edits meet.
    target(float(conflicts), label="conflict records")
    event("conflicts" if conflicts else "no conflict")
