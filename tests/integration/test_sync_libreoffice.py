"""A round trip through a real spreadsheet client: the demo data exported, the workbook opened and saved
again by LibreOffice (soffice headless), imported back: nothing changes. One cell changed through
LibreOffice comes back as exactly that change, and only once.

The change is made in LibreOffice's own format: LibreOffice converts the workbook to flat ODS (its XML),
one cell's text is replaced there, and LibreOffice converts that back to .xlsx, so the file the import
reads is written by LibreOffice alone, not by openpyxl. That road also rounds every time to 1/100 s (ODS
keeps no more), which the import must not take for a person's edits.

Without soffice these tests are skipped, except under CI=true, where they fail: CI installs it
(libreoffice-calc-nogui in .ci/system-packages). A conversion takes 3-5 s (more on a busy machine), so
the module makes two runs in all and every test imports into a fresh copy of one database."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sync_kit import demo_bundle, dump_database

from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import update_customer
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import import_file
from fieldapp.store.models import AuditEvent, Customer
from fieldapp.sync.bundle import DATA
from fieldapp.sync.spec import META_SHEET

XLSX = "xlsx:Calc MS Excel 2007 XML"  # no quotes around the filter: no shell takes them off here
TIMEOUT_S = 180
# Strings a spreadsheet would take for a formula if they were not written as text.
HOSTILE = {
    "name": '=HYPERLINK("http://example.com","点我")',
    "address": "+86 临河县人民路12号",
    "contact_name": "@管理员",
    "notes": "-1+2 =SUM(A1:A9)",
}
NEW_PHONE = "0534-1234567"


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class LibreOffice:
    command: str
    profile: Path  # this module's own: runs of other test processes never meet on its lock

    def convert(self, sources: list[Path], to: str, out_dir: Path) -> list[Path]:
        """Let LibreOffice open each source and save it into `out_dir` as `to` (suffix[:filter])."""
        out_dir.mkdir(parents=True, exist_ok=True)
        home = self.profile.parent / "home"
        home.mkdir(exist_ok=True)
        command = [
            self.command,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ]
        env = {**os.environ, "HOME": str(home), "TMPDIR": str(home)}
        # soffice is a script starting soffice.bin: a session of its own lets a timeout end all of it.
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            output, _ = process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"soffice did not finish converting in {TIMEOUT_S} s")
        text = output.decode("utf-8", "replace")
        assert process.returncode == 0, text
        results = [out_dir / f"{source.stem}.{to.split(':', 1)[0]}" for source in sources]
        for result in results:
            assert result.is_file(), f"soffice wrote no {result.name}: {text}"
        return results


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    """LibreOffice's command; skipped without it, failed without it on CI."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        message = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        if _on_ci():
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    return LibreOffice(found, tmp_path_factory.mktemp("lo") / f"profile-{uuid.uuid4().hex[:8]}")


@dataclass(frozen=True)
class RoundTrip:
    folder: Path  # the data folder: a copy of it is a fresh database holding what was exported
    resaved: Path  # the exported workbook, opened and saved again by LibreOffice
    edited: Path  # the same with one phone number changed in LibreOffice's own format
    hostile_customer: uuid.UUID
    edited_customer: uuid.UUID
    rows: int  # records in the workbook


@pytest.fixture(scope="module")
def round_trip(libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> RoundTrip:
    """The demo data with one customer's strings made to look like formulas, exported; the workbook
    re-saved by LibreOffice, and edited in LibreOffice. Made once: the tests import into copies."""
    root = tmp_path_factory.mktemp("lo-round-trip")
    backend, _ = demo_bundle(root)
    try:
        with backend.session() as session:
            customers = session.scalars(select(Customer).order_by(Customer.account_no)).all()
            hostile, edited = customers[0].id, customers[3]
            edited_id, old_phone = edited.id, edited.contact_phone
        backend.call(update_customer, hostile, HOSTILE)
        summary = backend.call(export_bundle, root / "office.fieldsync", backend.paths.photos, full=True)
    finally:
        backend.close()
    exported = root / "exported.xlsx"
    with zipfile.ZipFile(summary.path) as archive:
        exported.write_bytes(archive.read(DATA))

    [flat] = libreoffice.convert([exported], "fods", root / "flat")
    xml = flat.read_text(encoding="utf-8")
    cell = f"<text:p>{old_phone}</text:p>"
    assert old_phone != NEW_PHONE and xml.count(cell) == 1, "the phone number should name one cell"
    edited_flat = root / "edited.fods"
    edited_flat.write_text(xml.replace(cell, f"<text:p>{NEW_PHONE}</text:p>"), encoding="utf-8")
    resaved, edited_xlsx = libreoffice.convert([exported, edited_flat], XLSX, root / "saved")
    return RoundTrip(root / "data", resaved, edited_xlsx, hostile, edited_id, summary.total_rows)


@pytest.fixture
def office(round_trip: RoundTrip, tmp_path: Path) -> Iterator[Backend]:
    """A fresh copy of the database the workbook was exported from."""
    shutil.copytree(round_trip.folder, tmp_path / "data", ignore=shutil.ignore_patterns("backups", "logs"))
    backend = open_backend(data_dir=str(tmp_path / "data"))
    try:
        yield backend
    finally:
        backend.close()


def _import(backend: Backend, path: Path, tmp_path: Path) -> dict[str, Any]:
    report = backend.call(import_file, path, backend.paths.photos, report_dir=tmp_path)
    assert not report.problems, [str(p) for p in report.problems]
    return {**report.as_json(), "changes": report.changes}


def _records(backend: Backend) -> tuple[dict[str, list[tuple[Any, ...]]], int]:
    """Every synced record but the audit log (an import notes itself there), and the audit log's size."""
    with backend.session() as session:
        dump = dump_database(session, synced_only=True)
        audit = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    del dump["audit_events"]
    return dump, audit


def _formula_cells(path: Path) -> list[str]:
    """Every cell of the record sheets that holds a formula, from the sheets' XML. (The first sheet, "说明
    about", is for people and never read as records: LibreOffice writes its yes/no as the formula TRUE().)"""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"xl/worksheets/sheet([2-9]|\d\d+)\.xml", name):
                xml = archive.read(name)
                found += [f"{name}!{m.decode()}" for m in re.findall(rb'<c r="([A-Z]+\d+)"[^>]*>\s*<f', xml)]
    return found


def test_a_workbook_libreoffice_saved_again_imports_as_no_change(
    round_trip: RoundTrip, office: Backend, tmp_path: Path
) -> None:
    before, audit_before = _records(office)

    result = _import(office, round_trip.resaved, tmp_path)

    assert (result["inserted"], result["updated"], result["conflicts"], result["rejected"]) == (0, 0, 0, 0)
    assert result["unchanged"] == round_trip.rows
    after, audit_after = _records(office)
    assert after == before
    assert audit_after == audit_before + 1  # the import's own note


def test_libreoffice_keeps_formula_like_strings_as_text_and_leading_zeros(round_trip: RoundTrip) -> None:
    assert _formula_cells(round_trip.resaved) == []
    workbook = load_workbook(round_trip.resaved, read_only=True)
    try:
        assert workbook.worksheets[0].title == META_SHEET
        sheet = next(s for s in workbook.worksheets if s.title.endswith(" customers"))
        cells = sheet.iter_rows()
        header = [str(c.value).split()[-1] for c in next(cells)]
        rows = {str(r[header.index("id")].value): r for r in cells}
        row = rows[str(round_trip.hostile_customer)]
        for key, text in HOSTILE.items():
            cell = row[header.index(key)]
            assert (cell.data_type, cell.value) == ("s", text), key
        accounts = [r[header.index("account_no")] for r in rows.values()]
        assert len(accounts) == 34
        assert all(c.data_type == "s" and re.fullmatch(r"0531\d{6}", c.value) for c in accounts)
    finally:
        workbook.close()


def test_one_cell_changed_in_libreoffice_imports_as_exactly_that_change(
    round_trip: RoundTrip, office: Backend, tmp_path: Path
) -> None:
    first = _import(office, round_trip.edited, tmp_path)

    assert (first["inserted"], first["updated"], first["conflicts"], first["rejected"]) == (0, 1, 0, 0)
    assert first["unchanged"] == round_trip.rows - 1
    [change] = first["changes"]
    assert (change.table, change.id, change.fields, change.edited) == (
        "customers",
        round_trip.edited_customer,
        ("contact_phone",),
        True,
    )
    with office.session() as session:
        stored = session.get(Customer, round_trip.edited_customer)
        assert stored is not None and stored.contact_phone == NEW_PHONE
    before, audit_before = _records(office)

    again = _import(office, round_trip.edited, tmp_path)

    assert (again["inserted"], again["updated"], again["conflicts"], again["rejected"]) == (0, 0, 0, 0)
    assert again["unchanged"] == round_trip.rows
    after, audit_after = _records(office)
    assert after == before
    assert audit_after == audit_before + 1
