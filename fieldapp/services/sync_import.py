"""Importing a sync bundle (or a bare data.xlsx): check everything, back the database up, merge in one
transaction, bring the photo files, write the report beside the file, and note the exchange.

Nothing changes on any problem of the file (its problems, each with sheet, row and column, are the
report); a record a sealed inspection does not allow is rejected and named while the rest applies; a dry
run does all of it but the writing, and tells what an import would do."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.photos.evidence import evidence_path
from fieldapp.photos.files import photo_path, thumbnail_path, write_atomic
from fieldapp.services.audit import record_event
from fieldapp.services.sync_merge import Change, ConflictNote, Merger, Rejection, bulk_work
from fieldapp.services.sync_specs import sheet_specs
from fieldapp.store.models import Exchange
from fieldapp.store.types import utcnow
from fieldapp.sync import labels
from fieldapp.sync.bundle import Bundle, open_bundle
from fieldapp.sync.reader import SyncWorkbookReader
from fieldapp.sync.register import register_candidate
from fieldapp.sync.report import ReportSheet, write_report
from fieldapp.sync.spec import BUNDLE_SUFFIX
from fieldapp.workbook.problems import WorkbookError, WorkbookProblem

Backup = Callable[[str], str | None]  # takes a label, returns the backup's path (None: not possible here)


@dataclass
class ImportReport:
    file: Path
    dry_run: bool
    peer: str = ""
    export_id: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)
    unlisted_inserts: int = 0  # new records counted in `inserted` but not listed in `changes` (too many)
    conflict_notes: list[ConflictNote] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    problems: list[WorkbookProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backup: str | None = None
    report_path: Path | None = None
    applied: bool = False

    @property
    def conflicts(self) -> int:
        return len(self.conflict_notes)

    @property
    def rejected(self) -> int:
        """Records refused: each rejected record, or every problem of a file that was refused whole."""
        return len(self.rejections) + len(self.problems)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "dry_run": self.dry_run,
            "applied": self.applied,
            "peer": self.peer,
            "export_id": self.export_id,
            "inserted": self.inserted,
            "inserted_not_listed": self.unlisted_inserts,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "problems": [str(p) for p in self.problems],
            "rejections": [
                f"{labels.sheet_title(r.table)} 第 {r.row} 行 ({r.id})：{r.message}" for r in self.rejections
            ],
            "warnings": self.warnings,
            "backup": self.backup,
            "report": str(self.report_path) if self.report_path else None,
        }


def _is_bundle(path: Path) -> bool:
    if path.suffix.lower() == BUNDLE_SUFFIX:
        return True
    if path.suffix.lower() == ".xlsx" or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "manifest.json" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _editor(export_id: str, saved_at: datetime | None) -> str:
    """Who a person's edits in this workbook are attributed to: the export they were made on and the save
    that holds them, so the same edited file gives the same versions wherever it is imported."""
    saved = saved_at.isoformat() if saved_at else ""
    return f"xl-{(export_id or 'file')[:8]}-{hashlib.sha256(saved.encode()).hexdigest()[:6]}"


@bulk_work()  # no cycle collection while the records pile up (see there)
def import_file(
    session: Session,
    path: Path,
    photos_root: Path,
    *,
    dry_run: bool = False,
    backup: Backup | None = None,
    report_dir: Path | None = None,
) -> ImportReport:
    # --- the office's own customer register: an .xlsx that is not a sync workbook (register_import) ---
    if register_candidate(path):
        from fieldapp.services.register_import import import_register_file  # it builds on this module

        return import_register_file(session, path, dry_run=dry_run, backup=backup, report_dir=report_dir)
    # --- end of the register's routing ---
    report = ImportReport(path, dry_run)
    with tempfile.TemporaryDirectory(prefix="fieldapp-import-") as folder, contextlib.ExitStack() as stack:
        try:
            bundle = open_bundle(path, Path(folder) / "bundle") if _is_bundle(path) else None
            reader = stack.enter_context(
                SyncWorkbookReader(
                    bundle.workbook if bundle else path,
                    sheet_specs(),
                    overflow=bundle.overflow if bundle else None,
                    label=path.name,
                )
            )
        except WorkbookError as error:
            report.problems = error.problems
            _finish(report, report_dir)
            return report
        read = reader.result
        # Opening left cyclic garbage (openpyxl scans every sheet for its size: a big workbook's worth of
        # parser objects, 20 MB): the collector is paused for the import (bulk_work), so collect it now.
        # Only the youngest generation: what was made since the pause, not the whole program's objects.
        gc.collect(0)
        manifest: dict[str, Any] = bundle.manifest if bundle else dict(read.meta)
        report.peer = str(manifest.get("device", ""))
        report.export_id = str(manifest.get("export_id", ""))
        if not read.meta and not bundle and not reader.by_table:
            read.problems.append(
                WorkbookProblem(
                    path.name,
                    None,
                    None,
                    None,
                    "不是 fieldapp 同步工作簿（没有“说明 about”工作表）(not a fieldapp sync workbook)",
                )
            )
        if read.problems:
            report.problems = read.problems
            _finish(report, report_dir)
            return report
        exported_at = _moment(manifest.get("exported_at"))
        edited_at = max(
            m for m in (read.saved_at, exported_at, datetime(2000, 1, 1, tzinfo=UTC)) if m is not None
        )
        merger = Merger(session, path.name, _editor(report.export_id, read.saved_at), edited_at)
        if not dry_run and backup is not None:
            report.backup = backup("before-import")
        try:
            # One sheet at a time, parents first: each sheet's records are merged and let go before the
            # next is read, so a big import holds only its biggest sheet. A problem anywhere (in a cell,
            # or a reference) stops the writing; the rest is read only to report its problems too, and
            # everything written is rolled back below.
            merger.begin()
            for table, records in reader.sheets():
                if not read.problems and not merger.result.problems:
                    merger.merge_sheet(table, records)
                del records
                gc.collect(0)  # what the sheet's merge left in cycles (only what was made since)
            result = merger.finish() if not (read.problems or merger.result.problems) else merger.result
        except IntegrityError as error:
            # A clash the checks before writing do not foresee (two tablets numbered a new finding of one
            # open inspection alike, say): nothing is applied, and the report says which table.
            session.rollback()
            report.problems = [
                WorkbookProblem(
                    path.name,
                    None,
                    None,
                    None,
                    f"与数据库中已有的记录冲突，未导入（{str(error.orig).splitlines()[0]}）"
                    "(clashes with a stored record: nothing imported)",
                )
            ]
            _finish(report, report_dir)
            return report
        result.problems = read.problems + result.problems
        report.problems = result.problems
        if result.problems:
            session.rollback()
            _finish(report, report_dir)
            return report
        report.inserted, report.updated, report.unchanged = result.inserted, result.updated, result.unchanged
        report.unlisted_inserts = result.unlisted_inserts
        report.changes, report.conflict_notes, report.rejections = (
            result.changes,
            result.conflicts,
            result.rejections,
        )
        if dry_run:
            session.rollback()
        else:
            report.warnings += _bring_photos(result.photos, bundle, photos_root)
            report.warnings += _bring_evidence(result.evidence, bundle, photos_root)
            session.add(
                Exchange(
                    direction="import",
                    peer=report.peer,
                    file_name=str(path),
                    export_id=report.export_id,
                    full=manifest.get("full", True) in (True, "True", "true", "1"),
                    started_at=merger.now,
                    finished_at=utcnow(),
                    summary={
                        k: v
                        for k, v in report.as_json().items()
                        if k in ("inserted", "updated", "unchanged", "conflicts", "rejected")
                    },
                )
            )
            record_event(
                session,
                "sync.import",
                "exchange",
                report.export_id or str(uuid.uuid4()),
                detail={
                    "file": path.name,
                    "inserted": report.inserted,
                    "updated": report.updated,
                    "conflicts": report.conflicts,
                    "rejected": report.rejected,
                },
            )
            session.flush()
            report.applied = True
    _finish(report, report_dir)
    return report


def _moment(text: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _bring_photos(shas: set[str], bundle: Bundle | None, photos_root: Path) -> list[str]:
    """Photo files go into the store before the rows naming them are committed (written atomically,
    content-addressed, like a photo taken here)."""
    missing = []
    for sha in sorted(shas):
        target = photo_path(photos_root, sha)
        if target.is_file():
            continue
        source = bundle.photos.get(sha) if bundle else None
        if source is None:
            missing.append(sha)
            continue
        write_atomic(target, source.read_bytes())
        thumb = bundle.thumbnails.get(sha) if bundle else None
        if thumb is not None and not thumbnail_path(photos_root, sha).is_file():
            write_atomic(thumbnail_path(photos_root, sha), thumb.read_bytes())
    if missing:
        return [
            f"{len(missing)} 张照片的文件未随附（只导入了记录；请导入完整的同步包）"
            "(photo files not included): " + ", ".join(m[:12] for m in missing[:10])
        ]
    return []


def _bring_evidence(files: set[tuple[str, str]], bundle: Bundle | None, photos_root: Path) -> list[str]:
    """The customers' evidence files (a PDF, a photo of the repair) named by the records brought."""
    missing = []
    for sha, suffix in sorted(files):
        target = evidence_path(photos_root, sha, suffix)
        if target.is_file():
            continue
        source = bundle.evidence.get(f"{sha}{suffix}") if bundle else None
        if source is None:
            missing.append(sha)
            continue
        write_atomic(target, source.read_bytes())
    if missing:
        return [
            f"{len(missing)} 个整改佐证文件未随附 (evidence files not included): "
            + ", ".join(m[:12] for m in missing[:10])
        ]
    return []


def report_path_for(path: Path, report_dir: Path | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{path.stem}.import-report-{stamp}.xlsx"
    return (report_dir or path.parent) / name


def _finish(report: ImportReport, report_dir: Path | None) -> None:
    """Write the report beside the imported file (or into `report_dir` when that folder is read-only)."""
    summary: list[tuple[str, Any]] = [
        ("文件 file", str(report.file)),
        ("预演 dry run", "是" if report.dry_run else "否"),
        ("已应用 applied", "是" if report.applied else "否"),
        ("来源设备 peer", report.peer),
        ("导出编号 export id", report.export_id),
        ("新增 inserted", report.inserted),
        *(
            [("未逐条列出的新增 inserted, not listed", report.unlisted_inserts)]
            if report.unlisted_inserts
            else []
        ),
        ("更新 updated", report.updated),
        ("未变 unchanged", report.unchanged),
        ("冲突 conflicts", report.conflicts),
        ("拒绝 rejected", report.rejected),
        ("导入前备份 backup", report.backup or ""),
    ] + [("提示 warning", w) for w in report.warnings]
    sheets = [
        ReportSheet(
            "变更 changes",
            (
                "工作表 sheet",
                "行 row",
                "编号 id",
                "变更 change",
                "字段 fields",
                "人工修改 edited in the workbook",
            ),
            (
                (
                    labels.sheet_title(c.table),
                    c.row,
                    str(c.id),
                    "新增" if c.action == "inserted" else "更新",
                    "、".join(c.fields),
                    "是" if c.edited else "",
                )
                for c in report.changes
            ),
            (28, 8, 38, 8, 50, 12),
        ),
        ReportSheet(
            "冲突与错误 conflicts and errors",
            (
                "类型 kind",
                "工作表 sheet",
                "行 row",
                "列 column",
                "单元格 cell",
                "编号 id",
                "说明 message",
                "保留的值 kept",
                "被替换的值 lost",
                "来源 lost from",
            ),
            [
                *(
                    (
                        "错误 error",
                        p.sheet or "",
                        p.row,
                        p.column or "",
                        p.cell or "",
                        "",
                        p.message,
                        "",
                        "",
                        "",
                    )
                    for p in report.problems
                ),
                *(
                    (
                        "拒绝 rejected",
                        labels.sheet_title(r.table),
                        r.row,
                        "",
                        "",
                        str(r.id),
                        r.message,
                        "",
                        "",
                        "",
                    )
                    for r in report.rejections
                ),
                *(
                    (
                        "冲突 conflict",
                        labels.sheet_title(c.table),
                        c.row,
                        c.field,
                        "",
                        str(c.id),
                        "双方都修改了此字段，按规则保留一方 (changed on both sides)",
                        c.kept,
                        c.lost,
                        c.lost_from,
                    )
                    for c in report.conflict_notes
                ),
            ],
            (12, 28, 8, 18, 8, 38, 60, 30, 30, 16),
        ),
    ]
    # A dry run is a preview: its report goes into the data folder, not onto the USB stick each time.
    beside = None if not (report.dry_run and report_dir is not None) else report_dir
    if beside is not None:
        beside.mkdir(parents=True, exist_ok=True)
    target = report_path_for(report.file, beside)
    try:
        write_report(target, summary, sheets)
    except OSError:
        if report_dir is None:
            return
        report_dir.mkdir(parents=True, exist_ok=True)
        target = report_path_for(report.file, report_dir)
        write_report(target, summary, sheets)
    report.report_path = target


def exchange_history(session: Session, limit: int = 200) -> list[Exchange]:
    return list(session.scalars(select(Exchange).order_by(Exchange.started_at.desc()).limit(limit)))
