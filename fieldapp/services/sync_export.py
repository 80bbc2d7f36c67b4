"""Exporting a sync bundle: the records (all of them, or those stored here since the last export to a
peer) streamed out of the database into the workbook, the photos they name, and the manifest; then the
exchange is written into this device's history."""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import String, Uuid, func, select, type_coerce
from sqlalchemy.orm import Session

import fieldapp
from fieldapp.domain.errors import ValidationError
from fieldapp.photos.evidence import evidence_path
from fieldapp.photos.files import photo_path, thumbnail_path
from fieldapp.services.settings_store import get_setting
from fieldapp.services.sync_specs import sheet_specs, synced_tables
from fieldapp.store.engine import DEVICE_CODE, effective_clock
from fieldapp.store.models import Exchange
from fieldapp.store.types import UTCDateTime, utc_from_stored, utcnow
from fieldapp.sync.bundle import DATA, BundleFile, write_bundle
from fieldapp.sync.spec import BUNDLE_SUFFIX, SheetSpec, clock_text, id_text
from fieldapp.sync.writer import write_workbook

# Rows stored while the previous export was being written may carry a stored_at a moment before its
# start: sending a few rows twice is harmless (importing a row again changes nothing); missing one is not.
WATERMARK_MARGIN = timedelta(seconds=5)
_BATCH = 5000
_SHARED_CLOCKS = 4096

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    export_id: str
    full: bool
    since: datetime | None
    rows: dict[str, int]
    photos: int
    bytes: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def last_export_to(session: Session, peer: str) -> datetime | None:
    return session.scalar(
        select(func.max(Exchange.started_at)).where(Exchange.direction == "export", Exchange.peer == peer)
    )


def default_bundle_name(device: str, at: datetime) -> str:
    return f"fieldapp-{device or 'device'}-{at.strftime('%Y%m%d-%H%M%S')}{BUNDLE_SUFFIX}"


def _rows(session: Session, table: Any, since: datetime | None, spec_keys: list[str]) -> Iterator[list[Any]]:
    """The table's records as the writer takes them: the sheet's columns, then id, revision, modified_at,
    modified_by and the clock as text."""
    columns = [table.c[key] for key in (*spec_keys, "id")]
    # Ids are read as they are stored (text on SQLite) and written as text: making a UUID of each only to
    # print it again was a tenth of an export's own time.
    ids = [at for at, column in enumerate(columns) if isinstance(column.type, Uuid)]
    # Times too are read raw and made aware here: the column type's own conversion, a Python call per
    # value, cost as much again.
    times = [at for at, column in enumerate(columns) if isinstance(column.type, UTCDateTime)]
    query = select(
        *[
            type_coerce(column, String) if at in ids or at in times else column
            for at, column in enumerate(columns)
        ],
        table.c.revision,
        type_coerce(table.c.modified_at, String),
        table.c.modified_by,
        type_coerce(table.c.clock, String),  # its JSON text as stored: the key of the clocks seen
    )
    if since is not None:
        query = query.where(table.c.stored_at > since)
    clocks: dict[tuple[str, str, int], str] = {}  # most rows share a handful of version vectors
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        values = list(row)
        for at in ids:
            value = values[at]
            if value is not None:
                values[at] = id_text(value)
        for at in times:
            values[at] = utc_from_stored(values[at])
        values[-3] = utc_from_stored(values[-3])
        stored, modified_by, revision = values[-1], values[-2], values[-4]
        key = (stored, modified_by, revision) if type(stored) is str else None  # a dict from PostgreSQL
        text = clocks.get(key) if key else None
        if text is None:
            clock = json.loads(stored) if type(stored) is str else stored
            text = clock_text(effective_clock(clock, modified_by, revision))
            if key and len(clocks) < _SHARED_CLOCKS:
                clocks[key] = text
        values[-1] = text
        yield values


def export_bundle(
    session: Session,
    target: Path,
    photos_root: Path,
    *,
    peer: str | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write a bundle to `target` (a file, or a folder to put a named one in). With a peer and not
    `full`, only what was stored here since the last export to that peer goes; the first one is full."""
    started = utcnow()
    device = str(session.info.get(DEVICE_CODE, ""))
    if target.is_dir():
        named = target / default_bundle_name(device, started)
        target, n = named, 1
        while target.exists():  # two exports within a second into one folder: never overwrite the first
            n += 1
            target = named.with_name(f"{named.stem}-{n}{BUNDLE_SUFFIX}")
    if not target.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{target.parent} (no such folder)", field="out")
    if target.suffix.lower() != BUNDLE_SUFFIX:
        raise ValidationError(
            f"同步包的扩展名应为 {BUNDLE_SUFFIX}：{target.name} (a bundle ends in {BUNDLE_SUFFIX})",
            field="out",
        )
    peer = (peer or "").strip()
    last = last_export_to(session, peer) if peer and not full else None
    since = last - WATERMARK_MARGIN if last is not None else None
    specs = sheet_specs()
    counts = {t.name: 0 for t in synced_tables()}
    if progress is not None:
        totals = {}
        for table in synced_tables():
            query = select(func.count()).select_from(table)
            if since is not None:
                query = query.where(table.c.stored_at > since)
            totals[table.name] = session.scalar(query) or 0
        total = sum(totals.values())
    photo_shas: set[str] = set()
    evidence_files: set[tuple[str, str]] = set()  # (sha256, suffix) of the customers' evidence files

    def sheets() -> Iterator[tuple[SheetSpec, Iterator[list[Any]]]]:
        for table in synced_tables():
            spec = specs[table.name]
            keys = [c.key for c in spec.columns]
            rows = _rows(session, table, since, keys)
            if table.name == "photos":
                rows = _noting_photos(rows, keys, photo_shas)
            elif table.name == "finding_evidence":
                rows = _noting_evidence(rows, keys, evidence_files)
            yield spec, _counting(rows, counts, table.name)

    export_id = str(uuid.uuid4())
    meta = {
        "export_id": export_id,
        "device": device,
        "device_name": str(get_setting(session, "device.name")),
        "exported_at": started.isoformat(),
        "full": since is None,
        "since": since.isoformat() if since else "",
        "peer": peer,
        "app_version": fieldapp.__version__,
    }
    with tempfile.TemporaryDirectory(prefix="fieldapp-export-") as folder:
        workbook_path = Path(folder) / DATA
        written = write_workbook(
            workbook_path,
            sheets(),
            meta,
            progress=(lambda done: progress("rows", done, total)) if progress is not None else None,
        )
        files = [BundleFile(DATA, path=workbook_path)]
        files += [BundleFile(name, data=data) for name, data in sorted(written.overflow.items())]
        missing = []
        for number, sha in enumerate(sorted(photo_shas), start=1):
            source = photo_path(photos_root, sha)
            if not source.is_file():
                missing.append(sha)
                continue
            files.append(BundleFile(f"photos/{sha}.jpg", path=source))
            thumb = thumbnail_path(photos_root, sha)
            if thumb.is_file():
                files.append(BundleFile(f"thumbs/{sha}.jpg", path=thumb))
            if progress is not None:
                progress("photos", number, len(photo_shas))
        for sha, suffix in sorted(evidence_files):
            source = evidence_path(photos_root, sha, suffix)
            if source.is_file():
                files.append(BundleFile(f"evidence/{sha}{suffix}", path=source))
            else:
                missing.append(sha)
        manifest = {
            **meta,
            "rows": written.rows,
            "photos": len(photo_shas) - len(missing),
            "missing_photos": missing,
        }
        write_bundle(target, files, manifest)
    summary = ExportSummary(
        target,
        export_id,
        since is None,
        since,
        written.rows,
        len(photo_shas) - len(missing),
        target.stat().st_size,
    )
    session.add(
        Exchange(
            direction="export",
            peer=peer,
            file_name=str(target),
            export_id=export_id,
            full=since is None,
            started_at=started,
            finished_at=utcnow(),
            summary={"rows": written.rows, "photos": summary.photos, "bytes": summary.bytes},
        )
    )
    return summary


def _noting_photos(rows: Iterator[list[Any]], keys: list[str], shas: set[str]) -> Iterator[list[Any]]:
    deleted, sha = keys.index("deleted"), keys.index("sha256")
    for row in rows:
        if not row[deleted]:
            shas.add(row[sha])
        yield row


def _noting_evidence(
    rows: Iterator[list[Any]], keys: list[str], files: set[tuple[str, str]]
) -> Iterator[list[Any]]:
    deleted, sha, suffix = keys.index("deleted"), keys.index("sha256"), keys.index("suffix")
    for row in rows:
        if not row[deleted]:
            files.add((row[sha], row[suffix]))
        yield row


def _counting(rows: Iterator[list[Any]], counts: dict[str, int], table: str) -> Iterator[list[Any]]:
    for row in rows:
        counts[table] += 1
        yield row
