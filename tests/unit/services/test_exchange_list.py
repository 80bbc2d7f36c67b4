"""The history of exchanges as the Sync page shows it: plain rows newest first with their counts, the peers
most recent first, and the workbook's names for sheets and columns."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.exchange_list import field_label, known_peers, list_exchanges, sheet_label
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import import_file
from fieldapp.store.models import Exchange
from fieldapp.store.types import utcnow


def test_exports_and_imports_newest_first_with_their_counts(backend: Backend, tmp_path: Path) -> None:
    assert backend.call(list_exchanges) == [] and backend.call(known_peers) == []
    full = backend.call(export_bundle, tmp_path / "a.fieldsync", backend.paths.photos, peer="办公室")
    backend.call(export_bundle, tmp_path / "b.fieldsync", backend.paths.photos, peer="T2")
    report = backend.call(import_file, full.path, backend.paths.photos)
    assert report.applied

    rows = backend.call(list_exchanges)
    assert [(r.direction, r.peer) for r in rows] == [
        ("import", backend.device_code),
        ("export", "T2"),
        ("export", "办公室"),
    ]
    assert [r.started_at for r in rows] == sorted((r.started_at for r in rows), reverse=True)
    imported, _second, first = rows
    assert not imported.is_export and imported.unchanged == report.unchanged > 0
    assert (imported.inserted, imported.updated, imported.conflicts, imported.rejected) == (0, 0, 0, 0)
    assert first.is_export and first.full and first.file_name == str(full.path)
    assert (first.rows, first.photos, first.bytes) == (full.total_rows, full.photos, full.bytes)
    assert backend.call(known_peers) == [backend.device_code, "T2", "办公室"]
    assert len(backend.call(list_exchanges, 2)) == 2


def test_a_summary_that_is_not_counts_shows_as_zero(backend: Backend) -> None:
    with backend.session() as session:
        session.add(
            Exchange(
                direction="import",
                peer="",
                file_name="x.xlsx",
                started_at=utcnow() - timedelta(days=1),
                summary={"inserted": "many", "updated": True, "rows": {"customers": 3, "bad": None}},
            )
        )
    (row,) = backend.call(list_exchanges)
    assert (row.inserted, row.updated, row.rows) == (0, 0, 3)
    assert backend.call(known_peers) == []  # no name: nothing to offer


def test_limits_and_labels(backend: Backend) -> None:
    with pytest.raises(ValidationError):
        backend.call(list_exchanges, 0)
    assert sheet_label("customers") == "客户 customers"
    assert field_label("customers", "account_no") == "户号 account_no"
