"""Helpers for the sync tests (importable as `sync_kit`, like testkit): a database with the demo data and
its exported bundle, and dumps of a database's content to compare before and after an import.

The demo data take ~8 s to make and the export ~2 s, so each pytest process makes them once, in a folder
of its own, and every `demo_bundle` call copies that folder (the SQLite file, the photos and the bundle):
the copy is the same device with the same records, which is what the tests want."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.demo import load_demo
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_specs import sheet_specs, synced_tables
from fieldapp.store.models import Base

DEMO_TODAY = date(2026, 11, 20)  # the demo's dates relative to a fixed day, so every run makes the same data
BUNDLE_NAME = "demo.fieldsync"

_golden: Path | None = None


def _golden_folder() -> Path:
    """This process's demo data folder and bundle, made on first use."""
    global _golden  # one per process, on purpose
    if _golden is None:
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-sync-golden-"))
        atexit.register(shutil.rmtree, folder, True)
        backend = open_backend(data_dir=str(folder / "data"))
        try:
            backend.call(load_demo, photos_root=backend.paths.photos, today=DEMO_TODAY)
            backend.call(export_bundle, folder / BUNDLE_NAME, backend.paths.photos, full=True)
        finally:
            backend.close()
        _golden = folder
    return _golden


def demo_bundle(tmp_path: Path) -> tuple[Backend, Path]:
    """A backend (SQLite, in tmp_path/"data") holding the demo data, and the full bundle it exported
    (tmp_path/"demo.fieldsync"). The caller closes the backend."""
    golden = _golden_folder()
    shutil.copytree(golden / "data", tmp_path / "data", ignore=shutil.ignore_patterns("logs", "backups"))
    bundle = tmp_path / BUNDLE_NAME
    shutil.copyfile(golden / BUNDLE_NAME, bundle)
    return open_backend(data_dir=str(tmp_path / "data")), bundle


def _key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(str(v) for v in row)


def dump_database(session: Session, *, synced_only: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (or of the synced tables only), all columns, ordered by primary key: two
    dumps are equal exactly when the database's content is."""
    tables = synced_tables() if synced_only else Base.metadata.sorted_tables
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = session.execute(select(table).order_by(*order)).all()
        dump[table.name] = sorted((tuple(row) for row in rows), key=_key)
    return dump


def replica_content(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """What a replica holds that must be the same on every device after a sync: each synced row's id, its
    travelling columns and its version stamps (not stored_at or any other device-local column)."""
    specs = sheet_specs()
    content: dict[str, list[tuple[Any, ...]]] = {}
    for table in synced_tables():
        keys = ["id", *(c.key for c in specs[table.name].columns), "revision", "modified_at", "modified_by"]
        rows = session.execute(select(*(table.c[k] for k in keys)).order_by(table.c.id)).all()
        content[table.name] = [tuple(row) for row in rows]
    return content


def folder_listing(folder: Path) -> list[tuple[str, int, str]]:
    """Every file under `folder` (relative path, size, SHA-256), sorted: the photo store before and after."""
    if not folder.is_dir():
        return []
    return sorted(
        (p.relative_to(folder).as_posix(), p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in folder.rglob("*")
        if p.is_file()
    )
